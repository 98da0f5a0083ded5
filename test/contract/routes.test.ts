import * as fs from 'node:fs';
import * as path from 'node:path';
import * as identitySdk from '@aws-sdk/client-cognito-identity';
import * as sdk from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { safeParse } from 'zod/mini';
import { type RouteSpec, routes, successesOf } from '../../contract/routes';
import { type CognitoReading, mapCognitoError, mapCognitoIdentityError } from '../../lambda/api/errors';
import type { RouteHandler, RouteName } from '../../lambda/api/handler';
import { cognitoError, cognitoIdentityError } from '../support/cognito-errors';
import { apiEvent, lambdaContext } from '../support/events';

/**
 * The route table is the contract (contract/routes.ts): each handler answers the success its row
 * declares, and the row's error codes cover every code its Cognito operation's documented
 * exceptions map to.
 */

/**
 * Each row's handler file, loaded by the row's name: a route added to the table is tested here
 * without a line of this file changing.
 */
const handlers: Record<string, RouteHandler<RouteName>> = Object.fromEntries(
  routes.map((route) => [route.handler, require(`../../lambda/${route.handler}`).handler]),
);

test.each((routes as readonly RouteSpec[]).map((route) => [route.handler, route] as const))(
  'lambda/%s.ts wraps its own row (and its request declaration), no other',
  (name, route) => {
    // httpHandler marks the handler with the route its binding names: another row's request
    // (sign-up's schema in sign-in.ts) marks it with that row, and this fails.
    expect(handlers[name].route).toBe(name);
    if (route.request) expect(route.request.route).toBe(name);
  },
);

const cognito = mockClient(sdk.CognitoIdentityProviderClient);
const cognitoIdentity = mockClient(identitySdk.CognitoIdentityClient);
beforeEach(() => {
  cognito.reset();
  cognitoIdentity.reset();
  process.env.USER_POOL_CLIENT_ID = 'client-123';
  process.env.USER_POOL_ID = 'eu-west-1_Pool1';
  process.env.IDENTITY_POOL_ID = 'eu-west-1:0b1c2d3e-0000-4000-8000-000000000000';
  process.env.AWS_REGION = 'eu-west-1';
  process.env.TOTP_ISSUER = 'cognito-auth-api (test)';
  process.env.MFA_MODE = 'optional';
  process.env.PASSWORD_MIN_LENGTH = '12';
});

/** A valid body for each field a request schema has. */
const validFields: Record<string, unknown> = {
  email: 'ada@example.com',
  password: 'correct horse battery staple',
  newPassword: 'another horse battery staple',
  code: '123456',
  currentPassword: 'correct horse battery staple',
  refreshToken: 'eyJjdHkiOiJKV1QifQ.the-refresh-token',
  session: 'AYABeKab1OyQW_G-the-cognito-session',
  // A note's id and a user's (a sub, which a note's id may be too), another user than the caller.
  id: '7e3a9c1b-0000-4000-8000-000000000000',
  group: 'editor',
  // A profile field (contract/profile.ts).
  name: 'Ada Lovelace',
  // A WebAuthn credential's frame (PublicKeyCredential.toJSON()); Cognito, mocked here, would verify the rest.
  credential: { id: 'Y3JlZA', rawId: 'Y3JlZA', type: 'public-key', response: { clientDataJSON: 'e30' } },
};
const validValuesOf = (schema: unknown) => {
  const fields = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  return fields && Object.fromEntries(Object.keys(fields).map((name) => [name, validFields[name]]));
};

/** Every field of each operation's success the handlers read, as Cognito fills them in. */
const cognitoSuccess = {
  UserSub: '5f1c6a4e-0000-4000-8000-000000000000',
  UserConfirmed: false,
  CodeDeliveryDetails: { DeliveryMedium: 'EMAIL', Destination: 'a***@e***', AttributeName: 'email' },
  CodeDeliveryDetailsList: [{ DeliveryMedium: 'EMAIL', Destination: 'b***@e***', AttributeName: 'email' }],
  AuthenticationResult: {
    IdToken: 'id.jwt',
    AccessToken: 'access.jwt',
    RefreshToken: 'refresh',
    ExpiresIn: 3600,
    TokenType: 'Bearer',
  },
  // AssociateSoftwareToken's key (base32), VerifySoftwareToken's verdict, a session, GetUser's attributes.
  SecretCode: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  Status: 'SUCCESS',
  Session: 'AYABeKab1OyQW_G-the-next-session',
  UserAttributes: [
    { Name: 'sub', Value: '5f1c6a4e-0000-4000-8000-000000000000' },
    { Name: 'email', Value: 'ada@example.com' },
  ],
  // StartWebAuthnRegistration's creation options (a document).
  CredentialCreationOptions: { challenge: 'Y2hhbGxlbmdl', rp: { id: 'localhost', name: 'localhost' } },
};

/** What Cognito answers a route that begins a passwordless sign-in (InitiateAuth USER_AUTH): its challenge. */
const cognitoChallenges: Record<string, object> = {
  'sign-in-passkey': {
    ChallengeName: 'WEB_AUTHN',
    Session: cognitoSuccess.Session,
    ChallengeParameters: { CREDENTIAL_REQUEST_OPTIONS: JSON.stringify({ challenge: 'Y2hhbGxlbmdl', rpId: 'localhost' }) },
  },
  'sign-in-email-code': {
    ChallengeName: 'EMAIL_OTP',
    Session: cognitoSuccess.Session,
    ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL', CODE_DELIVERY_DESTINATION: 'a***@e***.com' },
  },
};
/** The same for the identity pool's operations. */
const cognitoIdentitySuccess = {
  IdentityId: 'eu-west-1:7a8b9c0d-0000-4000-8000-000000000000',
  Credentials: { AccessKeyId: 'ASIAEXAMPLE', SecretKey: 'secret', SessionToken: 'session', Expiration: new Date() },
};
const claims = { sub: '5f1c6a4e-0000-4000-8000-000000000000', email: 'ada@example.com', email_verified: 'true' };
/** What API Gateway hands an IAM-authorized route for a request signed with the identity pool's credentials. */
const signedIdentity = {
  cognitoIdentityId: cognitoIdentitySuccess.IdentityId,
  cognitoAuthenticationType: 'authenticated',
  cognitoAuthenticationProvider:
    'cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Pool1,' +
    `cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Pool1:CognitoSignIn:${claims.sub}`,
};

const table = (routes as readonly RouteSpec[]).map((route) => ({ ...route, name: `${route.method} ${route.path}` }));

describe.each(table)('$name', (route) => {
  test('answers its declared success status with a body its declared schema (strict) accepts', async () => {
    cognito.onAnyCommand().resolves(cognitoChallenges[route.handler] ?? cognitoSuccess);
    cognitoIdentity.onAnyCommand().resolves(cognitoIdentitySuccess);
    const response = await handlers[route.handler](
      apiEvent({
        method: route.method,
        resource: route.path,
        body: validValuesOf(route.request?.body),
        pathParameters: validValuesOf(route.request?.params) as Record<string, string> | undefined,
        queryStringParameters: validValuesOf(route.request?.query) as Record<string, string> | undefined,
        claims:
          route.authorization === 'id-token' || route.authorization === 'access-token'
            ? {
                ...claims,
                token_use: route.authorization === 'id-token' ? 'id' : 'access',
                ...(route.request?.group && { 'cognito:groups': route.request.group }),
              }
            : undefined,
        headers:
          route.authorization === 'id-token'
            ? { Authorization: 'Bearer id.jwt' }
            : route.authorization === 'access-token'
              ? { Authorization: 'Bearer access.jwt' }
              : undefined,
        identity: route.authorization === 'iam' ? signedIdentity : undefined,
      }),
      lambdaContext,
    );
    const declared = successesOf(route).find((success) => success.status === response.statusCode);
    expect([response.statusCode, declared]).toEqual([response.statusCode, expect.anything()]);
    if (declared?.body) expect(safeParse(declared.body, JSON.parse(response.body)).error?.issues).toBeUndefined();
    else expect(response.body).toBe('');
  });
});

/** The two Cognito clients a handler may call, each with the error table lambda/api/errors.ts keeps for it. */
const cognitoClients = {
  '@aws-sdk/client-cognito-identity-provider': { map: mapCognitoError, exception: cognitoError },
  '@aws-sdk/client-cognito-identity': {
    // Cognito Identity's operations are not access-token operations: its table has no per-operation rows.
    map: (error: unknown, _reading?: CognitoReading) => mapCognitoIdentityError(error),
    exception: cognitoIdentityError,
  },
} as const;
type CognitoClient = keyof typeof cognitoClients;

/** The SDK's own list of what an operation throws: its command's `@throws` lines. */
function documentedExceptions(sdkPackage: CognitoClient, command: string): string[] {
  const client = path.dirname(require.resolve(sdkPackage));
  const declaration = path.join(client, '..', 'dist-types', 'commands', `${command}.d.ts`);
  return [...fs.readFileSync(declaration, 'utf8').matchAll(/@throws \{@link (\w+)\}/g)].map(([, name]) => name);
}

// The messages lambda/api/errors.ts tells some exceptions apart by (Cognito's words), and one that matches none.
const cognitoMessages = [
  'Current status is CONFIRMED',
  'User is already confirmed.',
  'Invalid Refresh Token',
  'Access Token has been revoked',
  'Password attempts exceeded',
  'something else',
];

const sourceOf = (route: RouteSpec) => fs.readFileSync(path.join(__dirname, '../../lambda', `${route.handler}.ts`), 'utf8');

describe.each(table.filter((route) => sourceOf(route).includes('Command(')))('$name, which calls Cognito', (route) => {
  test('declares every code its Cognito operation’s documented exceptions map to', () => {
    const source = sourceOf(route);
    const sdkPackage = /from '(@aws-sdk\/client-cognito-[\w-]+)'/.exec(source)?.[1] as CognitoClient;
    const { map, exception } = cognitoClients[sdkPackage];
    const commands = [...source.matchAll(/new (\w+Command)\(/g)].map(([, command]) => command);
    expect(commands.length).toBeGreaterThan(0);
    // An access-token route's handler maps its operation's exceptions as that operation's (asSignedInUser);
    // a route that takes a sign-in session, as the session's (inSignInSession); a public route that
    // names its operation's reading (readCognitoError(error, 'ConfirmSignUp')), as that reading.
    const takesSession = Object.keys((route.request?.body as { shape?: object } | undefined)?.shape ?? {}).includes('session');
    const operation = (command: string): CognitoReading | undefined => {
      const name = command.replace(/Command$/, '') as CognitoReading;
      // The admin API's rows take an access token but call the Admin* operations with their role.
      if (route.request?.group) return 'Administration';
      if (route.authorization === 'access-token') return name;
      if (takesSession) return source.includes('inPasswordlessSession(') ? 'PasswordlessSession' : 'SignInSession';
      return source.includes(`readCognitoError(error, '${name}')`) ? name : undefined;
    };
    const mapped = commands
      .flatMap((command) =>
        documentedExceptions(sdkPackage, command).flatMap((name) =>
          cognitoMessages.map((message) => map(exception(name, message), operation(command))?.code),
        ),
      )
      .filter((code) => code !== undefined);
    expect(mapped.length).toBeGreaterThan(0);
    expect(route.errors).toEqual(expect.arrayContaining([...new Set(mapped)]));
  });
});

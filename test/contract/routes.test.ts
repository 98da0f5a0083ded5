import * as fs from 'node:fs';
import * as path from 'node:path';
import * as sdk from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { safeParse } from 'zod/mini';
import { type AccessTokenOperation, mapCognitoError } from '../../lambda/api/errors';
import type { RouteHandler, RouteName } from '../../lambda/api/handler';
import { handler as changeEmail } from '../../lambda/change-email';
import { handler as changePassword } from '../../lambda/change-password';
import { handler as confirm } from '../../lambda/confirm';
import { handler as deleteMe } from '../../lambda/delete-me';
import { handler as forgotPassword } from '../../lambda/forgot-password';
import { handler as me } from '../../lambda/me';
import { handler as publicRoute } from '../../lambda/public';
import { handler as refresh } from '../../lambda/refresh';
import { handler as resendCode } from '../../lambda/resend-code';
import { handler as resetPassword } from '../../lambda/reset-password';
import { handler as secret } from '../../lambda/secret';
import { handler as signIn } from '../../lambda/sign-in';
import { handler as signOut } from '../../lambda/sign-out';
import { handler as signOutEverywhere } from '../../lambda/sign-out-everywhere';
import { handler as signUp } from '../../lambda/sign-up';
import { handler as verifyEmail } from '../../lambda/verify-email';
import { type RouteSpec, routes } from '../../lib/routes';
import { cognitoError } from '../support/cognito-errors';
import { apiEvent, lambdaContext } from '../support/events';

/**
 * The route table is the contract (lib/routes.ts): each handler answers the success its row
 * declares, and the row's error codes cover every code its Cognito operation's documented
 * exceptions map to.
 */

// Type-checked: a file whose httpHandler names another route than its own fails `tsc --noEmit` here.
const handlers: { [Name in RouteName]: RouteHandler<Name> } = {
  'sign-up': signUp,
  confirm,
  'resend-code': resendCode,
  'sign-in': signIn,
  refresh,
  'sign-out': signOut,
  'forgot-password': forgotPassword,
  'reset-password': resetPassword,
  public: publicRoute,
  secret,
  me,
  'change-password': changePassword,
  'change-email': changeEmail,
  'verify-email': verifyEmail,
  'sign-out-everywhere': signOutEverywhere,
  'delete-me': deleteMe,
};

const cognito = mockClient(sdk.CognitoIdentityProviderClient);
beforeEach(() => {
  cognito.reset();
  process.env.USER_POOL_CLIENT_ID = 'client-123';
});

/** A valid body for each field a request schema has. */
const validFields: Record<string, string> = {
  email: 'ada@example.com',
  password: 'correct horse battery staple',
  newPassword: 'another horse battery staple',
  code: '123456',
  currentPassword: 'correct horse battery staple',
  refreshToken: 'eyJjdHkiOiJKV1QifQ.the-refresh-token',
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
};
const claims = { sub: '5f1c6a4e-0000-4000-8000-000000000000', email: 'ada@example.com', email_verified: 'true' };

const table = (routes as readonly RouteSpec[]).map((route) => ({ ...route, name: `${route.method} ${route.path}` }));

describe.each(table)('$name', (route) => {
  test('answers its declared success status with a body its declared schema (strict) accepts', async () => {
    cognito.onAnyCommand().resolves(cognitoSuccess);
    const fields = (route.body as { shape?: Record<string, unknown> } | undefined)?.shape;
    const body = fields && Object.fromEntries(Object.keys(fields).map((name) => [name, validFields[name]]));
    const response = await handlers[route.handler as RouteName](
      apiEvent({
        method: route.method,
        resource: route.path,
        body,
        claims: route.authorization ? claims : undefined,
        headers: route.authorization === 'access-token' ? { Authorization: 'Bearer access.jwt' } : undefined,
      }),
      lambdaContext,
    );
    expect(response.statusCode).toBe(route.success.status);
    if (route.success.body) expect(safeParse(route.success.body, JSON.parse(response.body)).error?.issues).toBeUndefined();
    else expect(response.body).toBe('');
  });
});

/** The SDK's own list of what an operation throws: its command's `@throws` lines. */
function documentedExceptions(command: string): string[] {
  const client = path.dirname(require.resolve('@aws-sdk/client-cognito-identity-provider'));
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
    const commands = [...source.matchAll(/new (\w+Command)\(/g)].map(([, command]) => command);
    expect(commands.length).toBeGreaterThan(0);
    // An access-token route's handler maps its operation's exceptions as that operation's (asSignedInUser).
    const operation = (command: string) =>
      route.authorization === 'access-token' ? (command.replace(/Command$/, '') as AccessTokenOperation) : undefined;
    const mapped = commands
      .flatMap((command) =>
        documentedExceptions(command).flatMap((name) =>
          cognitoMessages.map((message) => mapCognitoError(cognitoError(name, message), operation(command))?.code),
        ),
      )
      .filter((code) => code !== undefined);
    expect(mapped.length).toBeGreaterThan(0);
    expect(route.errors).toEqual(expect.arrayContaining([...new Set(mapped)]));
  });
});

import * as identitySdk from '@aws-sdk/client-cognito-identity';
import * as sdk from '@aws-sdk/client-cognito-identity-provider';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import * as fc from 'fast-check';
import { safeParse } from 'zod/mini';
import { type ErrorCode, statusOf } from '../../contract/errors';
import { type RouteSpec, routes as routeTable } from '../../contract/routes';
import { mapCognitoError, mapCognitoIdentityError } from '../../lambda/api/errors';
import { cognitoError, cognitoIdentityError } from '../support/cognito-errors';
import { apiEvent, captureLogs, lambdaContext } from '../support/events';

/**
 * The handlers' contract, for any request and any answer Cognito may give: a 2xx or a 4xx, never a
 * 5xx; every 4xx the `{code, message}` envelope of the error table; no secret the caller sent ever
 * comes back or reaches the log. Every row of the route table is covered, so a route added later is
 * held to the same contract without touching this file.
 */

process.env.USER_POOL_CLIENT_ID = 'client-123';
process.env.PASSWORD_MIN_LENGTH = '12';
// What the stack gives POST /credentials and GET /private (lib/auth-api-stack.ts), and Lambda's region.
process.env.USER_POOL_ID = 'eu-west-1_Pool1';
process.env.IDENTITY_POOL_ID = 'eu-west-1:0b1c2d3e-0000-4000-8000-000000000000';
process.env.AWS_REGION = 'eu-west-1';
// What the stack gives the routes of two-factor sign-in.
process.env.TOTP_ISSUER = 'cognito-auth-api (test)';
process.env.MFA_MODE = 'optional';

// Each row as any route: the properties hold for all of them alike.
const routes: readonly RouteSpec[] = routeTable;

type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

const cognito = mockClient(sdk.CognitoIdentityProviderClient);
const cognitoIdentity = mockClient(identitySdk.CognitoIdentityClient);
const handlers = new Map<string, Handler>();
beforeAll(async () => {
  for (const route of routes)
    handlers.set(route.handler, ((await import(`../../lambda/${route.handler}`)) as { handler: Handler }).handler);
});

// 100 runs per route, each checking every property, keep the file at a few seconds; `FC_NUM_RUNS` digs deeper.
const numRuns = Number(process.env.FC_NUM_RUNS ?? 100);

/** The request fields whose values are secrets, in the routes we have and the ones the issue plans. */
const SECRET_FIELDS = ['password', 'newPassword', 'code', 'refreshToken', 'session'] as const;
// Shorter values (a password "a", a code "1") occur by chance in any text; six is a confirmation code.
const SECRET_MIN_LENGTH = 6;

// ---- Requests -------------------------------------------------------------------------------

/**
 * Any code point, lone surrogates included: fast-check's `unit: 'binary'`, less the table it
 * builds to shrink such strings without context (1.1 million entries, 1.2 s of this file's time,
 * measured here); a failing case still shrinks through the integers.
 */
const anyCodePoint = fc.integer({ min: 0, max: 0x10ffff }).map((codePoint) => String.fromCodePoint(codePoint));

const secretValue = fc.oneof(
  fc.string({ minLength: SECRET_MIN_LENGTH, maxLength: 40 }),
  fc.stringMatching(/^\d{6}$/),
  fc.string({ unit: anyCodePoint, minLength: SECRET_MIN_LENGTH, maxLength: 30 }),
  fc.constant('correct horse battery staple'),
);

// Built once and shared by every field and route: each construction of a string arbitrary builds
// fast-check's character tables anew (1.6 s of this file's 7.7 s, measured here, when built per field).
const plausibleEmail = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('ada@example.com', 'Ann.Lee+tag@example.co.uk') },
  fc.emailAddress(),
  fc.string(),
);
const plausibleCode = fc.oneof({ weight: 3, arbitrary: fc.stringMatching(/^\d{6}$/) }, secretValue);
const plausibleToken = fc.oneof({ weight: 3, arbitrary: fc.stringMatching(/^[\w.-]{6,300}$/) }, secretValue);
const plausibleSession = fc.oneof({ weight: 3, arbitrary: fc.stringMatching(/^(setup\.)?AYAB[\w-]{16,300}$/) }, secretValue);
const shallowJson = fc.jsonValue({ maxDepth: 1 });

/** A value for a field of that name: mostly one Cognito would take, sometimes not, sometimes not even a string. */
function fieldValue(name: string): fc.Arbitrary<unknown> {
  const plausible = /email/i.test(name)
    ? plausibleEmail
    : /code/i.test(name)
      ? plausibleCode
      : /token/i.test(name)
        ? plausibleToken
        : /session/i.test(name)
          ? plausibleSession
          : secretValue;
  return fc.oneof({ weight: 9, arbitrary: plausible }, { weight: 1, arbitrary: shallowJson });
}

/** Undefined four times in five. */
const rarely = <T>(arbitrary: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });

/**
 * Objects with the fields of the route's schema (or, for a route without one, every secret field):
 * often valid, else with one field missing, one too many or one of the wrong type.
 */
function shapedObject(route: RouteSpec): fc.Arbitrary<Record<string, unknown>> {
  const shape = (route.request?.body as { shape?: Record<string, unknown> } | undefined)?.shape;
  const fields = shape ? Object.keys(shape) : ['email', ...SECRET_FIELDS];
  return fc
    .record({
      values: fc.record(Object.fromEntries(fields.map((name) => [name, fieldValue(name)]))),
      missing: rarely(fc.constantFrom(...fields)),
      extra: rarely(fc.tuple(fc.constantFrom(...SECRET_FIELDS, 'email', 'admin', '__proto__'), secretValue)),
    })
    .map(({ values, missing, extra }) => {
      const body: Record<string, unknown> = { ...values };
      if (missing) delete body[missing];
      if (extra && !Object.hasOwn(body, extra[0])) Object.defineProperty(body, extra[0], { value: extra[1], enumerable: true });
      return body;
    });
}

interface SentBody {
  readonly body: string | null;
  readonly isBase64Encoded: boolean;
}

const base64 = (text: string | Uint8Array) => Buffer.from(text).toString('base64');

const noBody = fc.constant({ body: null, isBase64Encoded: false });
const anyJsonBody = fc.jsonValue().map((value) => ({ body: JSON.stringify(value), isBase64Encoded: false }));
const anyTextBody = fc.string({ unit: anyCodePoint }).map((body) => ({ body, isBase64Encoded: false }));
const anyBinaryBody = fc.uint8Array({ maxLength: 200 }).map((bytes) => ({ body: base64(bytes), isBase64Encoded: true }));

function anyBody(route: RouteSpec): fc.Arbitrary<SentBody> {
  return fc.oneof(
    { weight: 1, arbitrary: noBody },
    { weight: 1, arbitrary: anyJsonBody },
    { weight: 1, arbitrary: anyTextBody },
    { weight: 1, arbitrary: anyBinaryBody },
    { weight: 12, arbitrary: shapedObject(route).map((value) => ({ body: JSON.stringify(value), isBase64Encoded: false })) },
    {
      weight: 4,
      arbitrary: shapedObject(route).map((value) => ({ body: base64(JSON.stringify(value)), isBase64Encoded: true })),
    },
  );
}

const anyHeaders = fc.dictionary(
  fc.oneof(
    fc.constantFrom('Origin', 'Authorization', 'Content-Type', 'X-Forwarded-For'),
    fc.string({ minLength: 1, maxLength: 20 }),
  ),
  fc.string({ maxLength: 60 }),
  { maxKeys: 5 },
);

// API Gateway hands every claim over as a string; none at all on the public routes.
const anyClaims = fc.option(
  fc.oneof(
    fc.dictionary(fc.string({ maxLength: 20 }), fc.string({ maxLength: 60 }), { maxKeys: 6 }),
    fc.record(
      {
        sub: fc.uuid(),
        email: fc.emailAddress(),
        email_verified: fc.constantFrom('true', 'false'),
        token_use: fc.constant('id'),
      },
      { requiredKeys: [] },
    ),
  ),
  { nil: undefined },
);

interface SentRequest {
  readonly sent: SentBody;
  readonly headers: Record<string, string>;
  readonly claims?: Record<string, string>;
}

const requestsByRoute = new Map<RouteSpec, fc.Arbitrary<SentRequest>>();
/** Built once per route, not once per property. */
function anyRequest(route: RouteSpec): fc.Arbitrary<SentRequest> {
  if (!requestsByRoute.has(route))
    requestsByRoute.set(route, fc.record({ sent: anyBody(route), headers: anyHeaders, claims: anyClaims }));
  return requestsByRoute.get(route) as fc.Arbitrary<SentRequest>;
}

// ---- Cognito's answers ------------------------------------------------------------------------

/**
 * Every exception the SDK can raise that the error table maps: derived, not listed, so a mapping
 * added to lambda/api/errors.ts is exercised here at once. Anything unmapped is a 500 by design.
 */
const knownExceptions = Object.keys(sdk).filter(
  (name) => name.endsWith('Exception') && mapCognitoError(cognitoError(name)) !== undefined,
);
/** The same for Cognito Identity (POST /credentials), from its own table. */
const knownIdentityExceptions = Object.keys(identitySdk).filter(
  (name) => name.endsWith('Exception') && mapCognitoIdentityError(cognitoIdentityError(name)) !== undefined,
);

// Some exceptions are told apart by their message (lambda/api/errors.ts); these are Cognito's words.
const cognitoMessages = [
  'Incorrect username or password.',
  'Password attempts exceeded',
  'User cannot be confirmed. Current status is CONFIRMED',
  'User is already confirmed.',
  'Invalid Refresh Token',
  'Refresh Token has been revoked',
  'Password did not conform with policy: Password not long enough',
  'User does not exist.',
];

/**
 * Fields of a plausible success of each operation the handlers call, merged, so any of them finds
 * its own. No challenge: sign-in answers one of its own with 202 (test/lambda/sign-in.test.ts).
 */
const plausibleSuccess = fc.record(
  {
    UserSub: fc.constant('mock-user-sub'),
    UserConfirmed: fc.boolean(),
    CodeDeliveryDetails: fc.record(
      { DeliveryMedium: fc.constant('EMAIL'), Destination: fc.constant('a***@e***'), AttributeName: fc.constant('email') },
      { requiredKeys: [] },
    ),
    AuthenticationResult: fc.record(
      {
        IdToken: fc.constant('mock.id.token'),
        AccessToken: fc.constant('mock.access.token'),
        // USER_PASSWORD_AUTH issues one with the others, and GetTokensFromRefreshToken with rotation.
        RefreshToken: fc.constant('mock-refresh-token'),
        ExpiresIn: fc.constantFrom(300, 3600),
        TokenType: fc.constant('Bearer'),
      },
      { requiredKeys: ['IdToken', 'AccessToken', 'ExpiresIn', 'RefreshToken'] },
    ),
    // AssociateSoftwareToken's key (base32) and session, VerifySoftwareToken's verdict, GetUser's email.
    SecretCode: fc.constant('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'),
    Session: fc.constant('AYABeK-mock-cognito-session'),
    Status: fc.constant('SUCCESS'),
    UserAttributes: fc.constant([{ Name: 'email', Value: 'ada@example.com' }]),
    // GetUser's Username ("Required: Yes"): the sub, in a pool whose sign-in name is the email.
    Username: fc.constant('5f1c6a4e-0000-4000-8000-000000000000'),
    // StartWebAuthnRegistration's creation options ("Required: Yes").
    CredentialCreationOptions: fc.constant({ challenge: 'Y2hhbGxlbmdl', rp: { id: 'localhost', name: 'localhost' } }),
  },
  {
    requiredKeys: [
      'UserSub',
      'AuthenticationResult',
      'SecretCode',
      'Session',
      'Status',
      'UserAttributes',
      'Username',
      'CredentialCreationOptions',
    ],
  },
);

/** GetId's and GetCredentialsForIdentity's fields, merged, as for the user pool's operations above. */
const identitySuccess = {
  IdentityId: 'eu-west-1:7a8b9c0d-0000-4000-8000-000000000000',
  Credentials: { AccessKeyId: 'ASIAMOCK', SecretKey: 'mock-secret', SessionToken: 'mock-session', Expiration: new Date() },
};

type CognitoAnswer = { ok: true; value: object } | { ok: false; name: string; identityName: string; message: string };

/**
 * Any answer, its exception one the route's handler maps: the error table's, less those a route
 * that takes a sign-in session reads as a fault of ours (lambda/api/errors.ts, SignInSession:
 * RespondToAuthChallenge's errors of a new password, a challenge these routes never answer).
 */
const anyAnswer = (route: RouteSpec): fc.Arbitrary<CognitoAnswer> => {
  const takesSession = Object.keys((route.request?.body as { shape?: object } | undefined)?.shape ?? {}).includes('session');
  const mapped = takesSession
    ? knownExceptions.filter((name) => mapCognitoError(cognitoError(name), 'SignInSession') !== undefined)
    : knownExceptions;
  return fc.oneof(
    plausibleSuccess.map((value) => ({ ok: true as const, value })),
    fc.record({
      ok: fc.constant(false as const),
      name: fc.constantFrom(...mapped),
      identityName: fc.constantFrom(...knownIdentityExceptions),
      message: fc.oneof(fc.constantFrom(...cognitoMessages), fc.string({ maxLength: 80 })),
    }),
  );
};

let currentAnswer: CognitoAnswer | undefined;
// Installed once, reading the answer of the moment: setting up sinon's stubs again for every
// exchange took a third of this file's time (5 of 19 s measured here).
cognito.onAnyCommand().callsFake(async () => {
  if (!currentAnswer) throw new Error('no Cognito answer chosen for this exchange');
  if (currentAnswer.ok) return currentAnswer.value;
  throw cognitoError(currentAnswer.name, currentAnswer.message);
});
cognitoIdentity.onAnyCommand().callsFake(async () => {
  if (!currentAnswer) throw new Error('no Cognito answer chosen for this exchange');
  if (currentAnswer.ok) return identitySuccess;
  throw cognitoIdentityError(currentAnswer.identityName, currentAnswer.message);
});

function answerWith(answer: CognitoAnswer): void {
  currentAnswer = answer;
  cognito.resetHistory();
  cognitoIdentity.resetHistory();
}

// ---- The handler under test -------------------------------------------------------------------

interface Exchange {
  readonly response: APIGatewayProxyResult;
  readonly logs: string;
  /** The secret values the request carried, long enough that finding one elsewhere is no coincidence. */
  readonly secrets: string[];
  /** The body as the handler reads it: base64 decoded, then parsed where it is JSON. */
  readonly parsedBody: unknown;
}

async function exchange(route: RouteSpec, request: SentRequest, answer: CognitoAnswer): Promise<Exchange> {
  answerWith(answer);
  const event = apiEvent({
    method: route.method,
    resource: route.path,
    rawBody: request.sent.body,
    isBase64Encoded: request.sent.isBase64Encoded,
    headers: request.headers,
    claims: request.claims,
  });
  const handler = handlers.get(route.handler);
  if (!handler) throw new Error(`no handler loaded for ${route.handler}`);
  const { result: response, logs } = await captureLogs(() => handler(event, lambdaContext));
  const parsedBody = parseSent(request.sent);
  return { response, logs, parsedBody, secrets: secretsIn(parsedBody) };
}

function parseSent({ body, isBase64Encoded }: SentBody): unknown {
  if (body === null) return undefined;
  try {
    return JSON.parse(isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body);
  } catch {
    return undefined;
  }
}

/**
 * The secret values sent, except one that is also part of a field name sent: the API may name an
 * unknown field (a typo's help), and the property is about values, not about names.
 */
function secretsIn(body: unknown): string[] {
  if (typeof body !== 'object' || body === null) return [];
  const keys = Object.keys(body);
  return SECRET_FIELDS.map((field) => (body as Record<string, unknown>)[field]).filter(
    (v): v is string => typeof v === 'string' && v.length >= SECRET_MIN_LENGTH && !keys.some((key) => key.includes(v)),
  );
}

/** The value as it would appear raw, and as it would appear inside a JSON string. */
function spellings(secret: string): string[] {
  return [secret, JSON.stringify(secret).slice(1, -1)];
}

const asString = (value: unknown) => (typeof value === 'string' ? value : '');

test('the mocked answers include the error table’s Cognito exceptions', () => {
  expect(knownExceptions).toEqual(
    expect.arrayContaining([
      'NotAuthorizedException',
      'UsernameExistsException',
      'CodeMismatchException',
      'TooManyRequestsException',
    ]),
  );
});

// ---- The properties, each a check of one exchange --------------------------------------------

/** 2xx or 4xx, never 5xx. */
function answersTwoOrFourHundred({ response }: Exchange): void {
  expect([2, 4]).toContain(Math.floor(response.statusCode / 100));
}

/** Every 4xx is exactly {code, message}, a code of the error table with the table's status. */
function answersTheErrorEnvelope({ response }: Exchange): void {
  if (response.statusCode < 400 || response.statusCode >= 500) return;
  const body = JSON.parse(response.body);
  expect(Object.keys(body).sort()).toEqual(['code', 'message']);
  expect(body).toEqual({ code: expect.any(String), message: expect.any(String) });
  expect(Object.keys(statusOf)).toContain(body.code);
  expect(response.statusCode).toBe(statusOf[body.code as ErrorCode]);
}

/** No password, new password, code or refresh token it was sent in the response or its log line. */
function keepsTheSecretsSent({ response, logs, secrets }: Exchange): void {
  // The line is there to be searched: a silenced logger would make this property vacuous.
  expect(logs).toContain('"msg":"request completed"');
  for (const secret of secrets) {
    for (const spelling of spellings(secret)) {
      expect(asString(response.body)).not.toContain(spelling);
      expect(logs).not.toContain(spelling);
    }
  }
}

/**
 * Every body the route's schema refuses gets 400 InvalidRequest (InvalidPassword for a new password
 * with outer whitespace), before Cognito is called.
 */
function refusesWhatTheSchemaRefuses(route: RouteSpec, { response, parsedBody }: Exchange): void {
  const parsed = route.request?.body ? safeParse(route.request.body, parsedBody) : undefined;
  if (!parsed || parsed.success) return;
  const [issue] = parsed.error.issues;
  const passwordRule = issue.code === 'custom' && issue.params?.code === 'InvalidPassword';
  expect(response.statusCode).toBe(400);
  expect(JSON.parse(response.body).code).toBe(passwordRule ? 'InvalidPassword' : 'InvalidRequest');
  expect(cognito.calls()).toHaveLength(0);
}

// Every property is checked on each exchange: one sample of requests and answers per route serves
// all four, at a quarter of the handler calls of a sample per property (8,400 of them took 4.2 s
// of this file's 6.8 s, measured here). A failure names the expectation that broke and the
// shrunk request and answer.
test.each(routes.map((route) => ({ ...route, name: `${route.method} ${route.path}` })))(
  '$name, for any body, headers, claims and Cognito answer: 2xx or 4xx, the error envelope, no secret sent echoed or logged, and a 400 before Cognito for every body its schema refuses',
  async (route) => {
    await fc.assert(
      fc.asyncProperty(anyRequest(route), anyAnswer(route), async (request, answer) => {
        const sent = await exchange(route, request, answer);
        answersTwoOrFourHundred(sent);
        answersTheErrorEnvelope(sent);
        keepsTheSecretsSent(sent);
        refusesWhatTheSchemaRefuses(route, sent);
      }),
      { numRuns },
    );
  },
);

import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import type { RouteHandler, RouteName } from '../../lambda/api/handler';
import { handler as confirm } from '../../lambda/confirm';
import { handler as forgotPassword } from '../../lambda/forgot-password';
import { handler as refresh } from '../../lambda/refresh';
import { handler as resendCode } from '../../lambda/resend-code';
import { handler as resetPassword } from '../../lambda/reset-password';
import { handler as signIn } from '../../lambda/sign-in';
import { handler as signOut } from '../../lambda/sign-out';
import { handler as signUp } from '../../lambda/sign-up';
import { apiEvent, type EventOptions, lambdaContext, parse } from '../support/events';

const cognito = mockClient(CognitoIdentityProviderClient);
beforeEach(() => {
  cognito.reset();
  process.env.USER_POOL_CLIENT_ID = 'client-123';
});

/** What each kind of secret field accepts: its maximum length, whether spaces are refused, a unicode value it must pass on. */
interface FieldKind {
  readonly max: number;
  readonly noSpaces: boolean;
  readonly unicode: string;
}

interface RouteUnderTest {
  readonly name: string;
  readonly handler: RouteHandler<RouteName>;
  readonly valid: Record<string, string>;
  /** The non-email field the secret-field cases exercise; none for a body that is only an email. */
  readonly field?: string;
  readonly kind?: FieldKind;
}

const fieldKinds: Record<'password' | 'code' | 'refreshToken', FieldKind> = {
  password: { max: 256, noSpaces: false, unicode: 'pässwörd — 密码 🔑 long enough' },
  code: { max: 2048, noSpaces: true, unicode: '１２３４５６' },
  refreshToken: { max: 8192, noSpaces: true, unicode: 'rëfresh.密码.🔑' },
};

const handlers: RouteUnderTest[] = [
  {
    name: 'POST /sign-up',
    handler: signUp,
    valid: { email: 'ada@example.com', password: 'correct horse battery' },
    field: 'password',
    kind: fieldKinds.password,
  },
  {
    name: 'POST /confirm',
    handler: confirm,
    valid: { email: 'ada@example.com', code: '123456' },
    field: 'code',
    kind: fieldKinds.code,
  },
  {
    name: 'POST /sign-in',
    handler: signIn,
    valid: { email: 'ada@example.com', password: 'correct horse battery' },
    field: 'password',
    kind: fieldKinds.password,
  },
  { name: 'POST /resend-code', handler: resendCode, valid: { email: 'ada@example.com' } },
  { name: 'POST /forgot-password', handler: forgotPassword, valid: { email: 'ada@example.com' } },
  ...['code', 'newPassword'].map((field) => ({
    name: `POST /reset-password (${field})`,
    handler: resetPassword,
    valid: { email: 'ada@example.com', code: '123456', newPassword: 'a new passphrase, long enough' },
    field,
    kind: field === 'code' ? fieldKinds.code : fieldKinds.password,
  })),
  {
    name: 'POST /refresh',
    handler: refresh,
    valid: { refreshToken: 'eyJjdHkiOiJKV1QifQ.the-refresh-token' },
    field: 'refreshToken',
    kind: fieldKinds.refreshToken,
  },
  {
    name: 'POST /sign-out',
    handler: signOut,
    valid: { refreshToken: 'eyJjdHkiOiJKV1QifQ.the-refresh-token' },
    field: 'refreshToken',
    kind: fieldKinds.refreshToken,
  },
];

type Row = [string, EventOptions, string];

/** Bodies every route refuses, whatever its fields. */
const malformedBodies = (valid: Record<string, string>): Row[] => [
  ['no body at all', { rawBody: null }, 'The body must be a JSON object.'],
  ['an empty body', { rawBody: '' }, 'The body must be a JSON object.'],
  ['a body that is not JSON', { rawBody: 'email=ada@example.com' }, 'The body is not valid JSON.'],
  ['truncated JSON', { rawBody: '{"email":"ada@exa' }, 'The body is not valid JSON.'],
  ['a JSON array', { body: [valid] }, 'The body must be a JSON object.'],
  ['JSON null', { rawBody: 'null' }, 'The body must be a JSON object.'],
  ['a JSON number', { rawBody: '42' }, 'The body must be a JSON object.'],
  ['a JSON string', { rawBody: '"ada@example.com"' }, 'The body must be a JSON object.'],
  ['an empty object', { body: {} }, `"${Object.keys(valid)[0]}" is required.`],
  ['an extra field', { body: { ...valid, admin: true } }, 'Unknown field "admin".'],
  [
    'a base64 body that decodes to garbage',
    { rawBody: Buffer.from('\u0000\u0001binary').toString('base64'), isBase64Encoded: true },
    'The body is not valid JSON.',
  ],
];

const badEmails = (valid: Record<string, string>): Row[] =>
  'email' in valid
    ? [
        ['a number for the email', { body: { ...valid, email: 42 } }, '"email" must be a string.'],
        ['an empty email', { body: { ...valid, email: '' } }, '"email" must be an email address.'],
        ['an email that is not an email', { body: { ...valid, email: 'ada.example.com' } }, '"email" must be an email address.'],
        [
          'an email with a unicode look-alike domain',
          { body: { ...valid, email: 'ada@exаmple.com' } },
          '"email" must be an email address.',
        ],
        [
          'a huge email',
          { body: { ...valid, email: `${'a'.repeat(100_000)}@example.com` } },
          '"email" must be at most 254 characters.',
        ],
      ]
    : [];

const badSecrets = (valid: Record<string, string>, field?: string, kind?: FieldKind): Row[] => {
  if (!field || !kind) return [];
  const { [field]: _, ...withoutField } = valid;
  return [
    ['a missing secret field', { body: withoutField }, `"${field}" is required.`],
    ['null for the secret field', { body: { ...valid, [field]: null } }, `"${field}" must be a string.`],
    ['an object for the secret field', { body: { ...valid, [field]: { $ne: '' } } }, `"${field}" must be a string.`],
    ['an empty secret field', { body: { ...valid, [field]: '' } }, `"${field}" must not be empty.`],
    [
      'a huge secret field',
      { body: { ...valid, [field]: 'x'.repeat(1_000_000) } },
      `"${field}" must be at most ${kind.max} characters.`,
    ],
    ...(kind.noSpaces
      ? [
          [
            'a secret field with a space in it',
            { body: { ...valid, [field]: '12 34' } },
            `"${field}" must not contain spaces.`,
          ] as Row,
        ]
      : []),
  ];
};

describe.each(handlers)('$name', ({ handler, valid, field, kind }) => {
  test.each([...malformedBodies(valid), ...badEmails(valid), ...badSecrets(valid, field, kind)])(
    '%s answers 400 InvalidRequest and Cognito is never called',
    async (_, options, message) => {
      const response = await handler(apiEvent(options), lambdaContext);
      expect(response.statusCode).toBe(400);
      expect(parse(response)).toEqual({ code: 'InvalidRequest', message });
      expect(cognito).not.toHaveReceivedAnyCommand();
    },
  );

  test('a base64-encoded body is decoded and accepted', async () => {
    cognito
      .onAnyCommand()
      .resolves({ UserSub: 'sub', AuthenticationResult: { IdToken: 'i', AccessToken: 'a', RefreshToken: 'r', ExpiresIn: 3600 } });
    const response = await handler(
      apiEvent({ rawBody: Buffer.from(JSON.stringify(valid)).toString('base64'), isBase64Encoded: true }),
      lambdaContext,
    );
    expect(response.statusCode).toBeLessThan(300);
    expect(cognito.calls()).toHaveLength(1);
  });

  if (field && kind) {
    test('unicode in the secret field reaches Cognito unchanged', async () => {
      cognito.onAnyCommand().resolves({
        UserSub: 'sub',
        AuthenticationResult: { IdToken: 'i', AccessToken: 'a', RefreshToken: 'r', ExpiresIn: 3600 },
      });
      await handler(apiEvent({ body: { ...valid, [field]: kind.unicode } }), lambdaContext);
      expect(JSON.stringify(cognito.call(0).args[0].input)).toContain(JSON.stringify(kind.unicode).slice(1, -1));
    });
  }

  test('no 400 echoes the value that was sent', async () => {
    const bad = Object.fromEntries(
      Object.keys(valid).map((key) => [key, key === 'email' ? 'not-an-email-HUNTER2' : `HUNTER2 ${'x'.repeat(9000)}`]),
    );
    const response = await handler(apiEvent({ body: bad }), lambdaContext);
    expect(response.statusCode).toBe(400);
    expect(response.body).not.toContain('HUNTER2');
  });
});

test('an unknown field that does not read as a field name is not echoed', async () => {
  const response = await signIn(
    apiEvent({ body: { email: 'ada@example.com', password: 'correct horse battery', '<script>hunter2</script>': 1 } }),
    lambdaContext,
  );
  expect(response.statusCode).toBe(400);
  expect(parse(response)).toEqual({ code: 'InvalidRequest', message: 'The body has a field this route does not take.' });
});

describe('a body that is not JSON, sent without saying it is JSON, is told the Content-Type to send', () => {
  const hint = 'The body is not valid JSON. Send a JSON object with the header Content-Type: application/json.';
  test.each([
    ['a form, as curl -d sends without -H', { 'Content-Type': 'application/x-www-form-urlencoded' }, hint],
    ['no Content-Type at all', {}, hint],
    ['text/plain', { 'content-type': 'text/plain' }, hint],
    ['application/json, spelt otherwise', { 'CONTENT-TYPE': 'Application/JSON; charset=utf-8' }, 'The body is not valid JSON.'],
    ['a +json type', { 'content-type': 'application/merge-patch+json' }, 'The body is not valid JSON.'],
  ])('%s', async (_, headers: Record<string, string>, message) => {
    // The headers as the caller sent them, and only those: API Gateway keeps each name's spelling.
    const event = { ...apiEvent({ rawBody: 'email=ada%40example.com&password=x' }), headers };
    const response = await signIn(event, lambdaContext);
    expect(response.statusCode).toBe(400);
    expect(parse(response)).toEqual({ code: 'InvalidRequest', message });
    expect(response.body).not.toContain('x-www-form-urlencoded');
  });
});

import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { handler as confirm } from '../../lambda/confirm';
import { handler as signIn } from '../../lambda/sign-in';
import { handler as signUp } from '../../lambda/sign-up';
import { apiEvent, type EventOptions, lambdaContext, parse } from '../support/events';

const cognito = mockClient(CognitoIdentityProviderClient);
beforeEach(() => {
  cognito.reset();
  process.env.USER_POOL_CLIENT_ID = 'client-123';
});

const handlers = [
  { name: 'POST /sign-up', handler: signUp, valid: { email: 'ada@example.com', password: 'correct horse battery' }, secret: 'password' },
  { name: 'POST /confirm', handler: confirm, valid: { email: 'ada@example.com', code: '123456' }, secret: 'code' },
  { name: 'POST /sign-in', handler: signIn, valid: { email: 'ada@example.com', password: 'correct horse battery' }, secret: 'password' },
] as const;

const bodies = (valid: Record<string, string>, secret: string): Array<[string, EventOptions, string]> => [
  ['no body at all', { rawBody: null }, 'The body must be a JSON object.'],
  ['an empty body', { rawBody: '' }, 'The body must be a JSON object.'],
  ['a body that is not JSON', { rawBody: 'email=ada@example.com' }, 'The body is not valid JSON.'],
  ['truncated JSON', { rawBody: '{"email":"ada@exa' }, 'The body is not valid JSON.'],
  ['a JSON array', { body: [valid] }, 'The body must be a JSON object.'],
  ['JSON null', { rawBody: 'null' }, 'The body must be a JSON object.'],
  ['a JSON number', { rawBody: '42' }, 'The body must be a JSON object.'],
  ['a JSON string', { rawBody: '"ada@example.com"' }, 'The body must be a JSON object.'],
  ['an empty object', { body: {} }, '"email" is required.'],
  ['a missing secret field', { body: { email: valid.email } }, `"${secret}" is required.`],
  ['a number for the email', { body: { ...valid, email: 42 } }, '"email" must be a string.'],
  ['null for the secret field', { body: { ...valid, [secret]: null } }, `"${secret}" must be a string.`],
  ['an object for the secret field', { body: { ...valid, [secret]: { $ne: '' } } }, `"${secret}" must be a string.`],
  ['an empty email', { body: { ...valid, email: '' } }, '"email" must be an email address.'],
  ['an email that is not an email', { body: { ...valid, email: 'ada.example.com' } }, '"email" must be an email address.'],
  ['an email with a unicode look-alike domain', { body: { ...valid, email: 'ada@exаmple.com' } }, '"email" must be an email address.'],
  ['a huge email', { body: { ...valid, email: `${'a'.repeat(100_000)}@example.com` } }, '"email" must be at most 254 characters.'],
  ['an empty secret field', { body: { ...valid, [secret]: '' } }, `"${secret}" must not be empty.`],
  ['a huge secret field', { body: { ...valid, [secret]: 'x'.repeat(1_000_000) } }, `"${secret}" must be at most ${secret === 'code' ? 2048 : 256} characters.`],
  ['an extra field', { body: { ...valid, admin: true } }, 'Unknown field "admin".'],
  ['a base64 body that decodes to garbage', { rawBody: Buffer.from('\u0000\u0001binary').toString('base64'), isBase64Encoded: true }, 'The body is not valid JSON.'],
];

describe.each(handlers)('$name', ({ handler, valid, secret }) => {
  test.each(bodies(valid, secret))('%s answers 400 InvalidRequest and Cognito is never called', async (_, options, message) => {
    const response = await handler(apiEvent(options), lambdaContext);
    expect(response.statusCode).toBe(400);
    expect(parse(response)).toEqual({ code: 'InvalidRequest', message });
    expect(cognito).not.toHaveReceivedAnyCommand();
  });

  test('a base64-encoded body is decoded and accepted', async () => {
    cognito.onAnyCommand().resolves({ AuthenticationResult: { IdToken: 'i', AccessToken: 'a', RefreshToken: 'r', ExpiresIn: 3600 } });
    const response = await handler(apiEvent({ rawBody: Buffer.from(JSON.stringify(valid)).toString('base64'), isBase64Encoded: true }), lambdaContext);
    expect(response.statusCode).toBeLessThan(300);
    expect(cognito.calls()).toHaveLength(1);
  });

  test('unicode in the secret field reaches Cognito unchanged', async () => {
    cognito.onAnyCommand().resolves({ AuthenticationResult: { IdToken: 'i', AccessToken: 'a', RefreshToken: 'r', ExpiresIn: 3600 } });
    const value = secret === 'code' ? '１２３４５６' : 'pässwörd — 密码 🔑 long enough';
    await handler(apiEvent({ body: { ...valid, [secret]: value } }), lambdaContext);
    expect(JSON.stringify(cognito.call(0).args[0].input)).toContain(JSON.stringify(value).slice(1, -1));
  });

  test('no 400 echoes the value that was sent', async () => {
    const response = await handler(apiEvent({ body: { ...valid, [secret]: 42, email: 'not-an-email-HUNTER2' } }), lambdaContext);
    expect(response.body).not.toContain('HUNTER2');
  });
});

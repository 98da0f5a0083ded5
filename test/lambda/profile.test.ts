import {
  CognitoIdentityProviderClient,
  GetUserCommand,
  SignUpCommand,
  UpdateUserAttributesCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { handler as me } from '../../lambda/me';
import { handler as signUp } from '../../lambda/sign-up';
import { handler as updateMe } from '../../lambda/update-me';
import { cognitoError } from '../support/cognito-errors';
import { apiEvent, lambdaContext, parse } from '../support/events';

// The profile (contract/profile.ts): its name set at sign-up, read by GET /me, changed by PATCH /me.

const cognito = mockClient(CognitoIdentityProviderClient);
beforeEach(() => {
  cognito.reset();
  process.env.USER_POOL_CLIENT_ID = 'client-123';
  process.env.PASSWORD_MIN_LENGTH = '12';
});

const patch = (body: unknown) =>
  updateMe(
    apiEvent({ method: 'PATCH', resource: '/me', body, headers: { Authorization: 'Bearer the-access-token' } }),
    lambdaContext,
  );
const ANN = [
  { Name: 'sub', Value: 'sub-1' },
  { Name: 'email', Value: 'ann@example.com' },
  { Name: 'email_verified', Value: 'true' },
];

describe('PATCH /me', () => {
  test('writes the name with the access token, trimmed, and answers the profile as GetUser then reads it', async () => {
    cognito.on(UpdateUserAttributesCommand).resolves({ CodeDeliveryDetailsList: [] });
    cognito.on(GetUserCommand).resolves({ Username: 'sub-1', UserAttributes: [...ANN, { Name: 'name', Value: 'Ann Lee' }] });
    const response = await patch({ name: '  Ann Lee ' });
    expect(response.statusCode).toBe(200);
    expect(parse(response)).toEqual({ sub: 'sub-1', email: 'ann@example.com', emailVerified: true, name: 'Ann Lee' });
    expect(cognito).toHaveReceivedCommandWith(UpdateUserAttributesCommand, {
      AccessToken: 'the-access-token',
      UserAttributes: [{ Name: 'name', Value: 'Ann Lee' }],
    });
    expect(cognito).toHaveReceivedCommandWith(GetUserCommand, { AccessToken: 'the-access-token' });
  });

  test.each([
    ['no field', {}, 'Send at least one field to change.'],
    ['an empty name', { name: '   ' }, undefined],
    ['a name of 257 characters', { name: 'n'.repeat(257) }, undefined],
    ['a control character', { name: 'Ann\u0000Lee' }, undefined],
    ['a field the profile does not have', { email_verified: 'true' }, undefined],
    ['the email (POST /change-email changes it)', { email: 'new@example.com' }, undefined],
    ['a name that is not a string', { name: 42 }, undefined],
  ])('%s: 400 InvalidRequest, and Cognito is not called', async (_, body, message) => {
    const response = await patch(body);
    expect([response.statusCode, parse(response).code]).toEqual([400, 'InvalidRequest']);
    if (message) expect(parse(response).message).toContain(message);
    expect(cognito.calls()).toHaveLength(0);
  });

  test("an attribute the app client may not write (the deployed client lags the table): 403 Forbidden, not the token's 401", async () => {
    cognito
      .on(UpdateUserAttributesCommand)
      .rejects(cognitoError('NotAuthorizedException', 'A client attempted to write unauthorized attribute'));
    const response = await patch({ name: 'Ann' });
    expect([response.statusCode, parse(response)]).toEqual([
      403,
      { code: 'Forbidden', message: 'This app may not set one of these fields.' },
    ]);
  });

  test('a revoked token: 401 Unauthorized', async () => {
    cognito.on(UpdateUserAttributesCommand).rejects(cognitoError('NotAuthorizedException', 'Access Token has been revoked'));
    expect((await patch({ name: 'Ann' })).statusCode).toBe(401);
  });

  test('a value the pool refuses: 400 InvalidRequest', async () => {
    cognito
      .on(UpdateUserAttributesCommand)
      .rejects(cognitoError('InvalidParameterException', 'user.name: Attribute does not exist in the schema.\n'));
    expect(parse(await patch({ name: 'Ann' })).code).toBe('InvalidRequest');
  });
});

describe('GET /me', () => {
  const get = (claims: Record<string, string>) => me(apiEvent({ method: 'GET', resource: '/me', claims }), lambdaContext);
  const claims = { sub: 'sub-1', email: 'ann@example.com', email_verified: 'true', token_use: 'id' };

  test('answers the name from the id token when it has one, and leaves the field out when not', async () => {
    expect(parse(await get({ ...claims, name: 'Ann Lee' }))).toEqual({
      sub: 'sub-1',
      email: 'ann@example.com',
      emailVerified: true,
      name: 'Ann Lee',
    });
    expect(parse(await get(claims))).not.toHaveProperty('name');
  });
});

describe('POST /sign-up with a name', () => {
  const post = (body: unknown) => signUp(apiEvent({ resource: '/sign-up', body }), lambdaContext);

  test('passes the name, trimmed, to SignUp beside the email', async () => {
    cognito.on(SignUpCommand).resolves({ UserSub: 'sub-1', UserConfirmed: false });
    const response = await post({ email: 'ann@example.com', password: 'correct horse battery', name: ' Ann Lee' });
    expect(response.statusCode).toBe(201);
    expect(cognito).toHaveReceivedCommandWith(SignUpCommand, {
      UserAttributes: [
        { Name: 'email', Value: 'ann@example.com' },
        { Name: 'name', Value: 'Ann Lee' },
      ],
    });
  });

  test('an empty name is refused: leave the field out instead', async () => {
    const response = await post({ email: 'ann@example.com', password: 'correct horse battery', name: '' });
    expect([response.statusCode, parse(response).code]).toEqual([400, 'InvalidRequest']);
    expect(cognito.calls()).toHaveLength(0);
  });

  test('SignUp refusing an attribute the client may not write: 403 Forbidden, not a wrong password', async () => {
    cognito
      .on(SignUpCommand)
      .rejects(cognitoError('NotAuthorizedException', 'A client attempted to write unauthorized attribute'));
    const response = await post({ email: 'ann@example.com', password: 'correct horse battery', name: 'Ann' });
    expect([response.statusCode, parse(response).code]).toEqual([403, 'Forbidden']);
  });
});

test('a token whose app client cannot read the email: 401 Unauthorized at GET /me and PATCH /me, never a 500', async () => {
  const get = await me(apiEvent({ method: 'GET', resource: '/me', claims: { sub: 'sub-1' } }), lambdaContext);
  expect([get.statusCode, parse(get).code]).toEqual([401, 'Unauthorized']);
  cognito.on(UpdateUserAttributesCommand).resolves({});
  cognito.on(GetUserCommand).resolves({ Username: 'sub-1', UserAttributes: [{ Name: 'name', Value: 'Ann' }] });
  const patched = await patch({ name: 'Ann' });
  expect([patched.statusCode, parse(patched).code]).toEqual([401, 'Unauthorized']);
});

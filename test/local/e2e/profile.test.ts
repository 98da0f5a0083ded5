import {
  CognitoIdentityProviderClient,
  GetUserCommand,
  UpdateUserAttributesCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { FLAVORS, gateway } from '../../support/flavors';
import { type LocalClient, PASSWORD } from '../../support/local-mode';
import { bootFlavor } from './mfa-local-mode';

// The profile end to end in local mode (docs/profile.md): a name given at sign-up, read by GET /me,
// changed by PATCH /me, and in the id token from the next refresh; the app client's WriteAttributes,
// from the synthesized template, held by the twin as Cognito holds them.
describe.each(FLAVORS)('the profile, %s API', (flavor) => {
  let client: LocalClient;
  beforeAll(async () => {
    client = await bootFlavor(flavor);
  });
  afterAll(() => client?.close());

  const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());

  async function signedUpWithName(email: string, name: string) {
    const signUp = await client.call('POST', 'sign-up', { body: { email, password: PASSWORD, name } });
    expect(signUp.status).toBe(201);
    const confirmed = await client.call('POST', 'confirm', { body: { email, code: await client.latestCode(email) } });
    expect(confirmed.status).toBe(200);
    const signIn = await client.signIn(email);
    expect(signIn.status).toBe(200);
    return signIn.body as { idToken: string; accessToken: string; refreshToken: string };
  }

  test('a name given at sign-up is in GET /me; PATCH /me changes it, and the id token has it from the next refresh', async () => {
    const tokens = await signedUpWithName('profile@example.com', '  Ann Lee ');
    const me = await client.call('GET', 'me', { token: tokens.idToken });
    expect([me.status, me.body]).toEqual([
      200,
      { sub: expect.any(String), email: 'profile@example.com', emailVerified: true, name: 'Ann Lee' },
    ]);

    const patched = await client.call('PATCH', 'me', { token: tokens.accessToken, body: { name: 'Ann Smith' } });
    expect([patched.status, patched.body]).toEqual([200, { ...me.body, name: 'Ann Smith' }]);

    // GET /me reads the id token: the one in hand predates the change.
    expect((await client.call('GET', 'me', { token: tokens.idToken })).body.name).toBe('Ann Lee');
    const refreshed = await client.call('POST', 'refresh', { body: { refreshToken: tokens.refreshToken } });
    expect(refreshed.status).toBe(200);
    expect(claimsOf(refreshed.body.idToken).name).toBe('Ann Smith');
    expect((await client.call('GET', 'me', { token: refreshed.body.idToken })).body.name).toBe('Ann Smith');
  });

  test('a user who gave no name has none in GET /me until PATCH /me sets one', async () => {
    const { idToken, accessToken } = await client.signedInUser('no-name@example.com');
    expect((await client.call('GET', 'me', { token: idToken })).body).not.toHaveProperty('name');
    const patched = await client.call('PATCH', 'me', { token: accessToken, body: { name: 'Bo' } });
    expect(patched.body).toMatchObject({ email: 'no-name@example.com', name: 'Bo' });
  });

  let refusedUsers = 0;
  test.each([
    ['no field', {}],
    ['an empty name', { name: ' ' }],
    ['a name of 257 characters', { name: 'n'.repeat(257) }],
    ['email_verified, which no client may write', { email_verified: 'true' }],
    ['a custom attribute the profile does not have', { 'custom:role': 'admin' }],
  ])('PATCH /me with %s: 400 InvalidRequest, and nothing changes', async (_, body) => {
    const email = `refused-${++refusedUsers}@example.com`;
    const { accessToken, idToken } = await client.signedInUser(email);
    const answer = await client.call('PATCH', 'me', { token: accessToken, body });
    expect([answer.status, answer.body.code]).toEqual([400, 'InvalidRequest']);
    expect((await client.call('GET', 'me', { token: idToken })).body).toEqual({
      sub: expect.any(String),
      email,
      emailVerified: true,
    });
  });

  test('PATCH /me wants the access token: the gateway refuses the id token or none', async () => {
    const { idToken } = await client.signedInUser('id-token-patch@example.com');
    const withIdToken = await client.call('PATCH', 'me', { token: idToken, body: { name: 'X' } });
    expect([withIdToken.status, withIdToken.body]).toEqual(gateway(flavor).missingScope);
    const anonymous = await client.call('PATCH', 'me', { body: { name: 'X' } });
    expect([anonymous.status, anonymous.body]).toEqual(gateway(flavor).unauthorized);
  });

  test("past the API, Cognito itself holds the app client to the template's WriteAttributes and ReadAttributes", async () => {
    const { accessToken } = await signedUpWithName('direct@example.com', 'Dee');
    const cognito = new CognitoIdentityProviderClient({
      endpoint: client.local.cognitoUrl,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'unused', secretAccessKey: 'unused' },
    });
    try {
      const write = (Name: string, Value: string) =>
        cognito.send(new UpdateUserAttributesCommand({ AccessToken: accessToken, UserAttributes: [{ Name, Value }] }));
      await expect(write('email_verified', 'false')).rejects.toMatchObject({
        name: 'NotAuthorizedException',
        message: 'A client attempted to write unauthorized attribute',
      });
      await expect(write('given_name', 'Dee')).rejects.toMatchObject({ name: 'NotAuthorizedException' });
      await expect(write('custom:role', 'admin')).rejects.toMatchObject({ name: 'InvalidParameterException' });
      const { UserAttributes } = await cognito.send(new GetUserCommand({ AccessToken: accessToken }));
      expect(Object.fromEntries((UserAttributes ?? []).map(({ Name, Value }) => [Name, Value]))).toEqual({
        sub: expect.any(String),
        email: 'direct@example.com',
        email_verified: 'true',
        name: 'Dee',
      });
    } finally {
      cognito.destroy();
    }
  });
});

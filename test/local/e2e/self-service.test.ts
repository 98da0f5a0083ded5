import { FLAVORS, gateway } from '../../support/flavors';
import { type LocalClient, PASSWORD } from '../../support/local-mode';
import { bootFlavor } from './mfa-local-mode';

// The account routes through real HTTP, as `npm start` serves them: the gateway's authorizer with the
// template's scopes, the handler bundles and the Cognito twin; in both API flavors (docs/http-api.md).
describe.each(FLAVORS)('%s API', (flavor) => {
  let client: LocalClient;
  beforeAll(async () => {
    client = await bootFlavor(flavor);
  }, 120_000);
  afterAll(() => client?.close());

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
  const signIn = (email: string, password = PASSWORD) => client.call('POST', 'sign-in', { body: { email, password } });
  const NEW_PASSWORD = 'a brand new horse battery staple';

  const accountRoutes: Array<[method: string, route: string, body?: unknown]> = [
    ['POST', 'change-password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }],
    ['POST', 'change-email', { email: 'never-used@example.com' }],
    ['POST', 'verify-email', { code: '123456' }],
    ['POST', 'sign-out-everywhere'],
    ['DELETE', 'me'],
  ];

  test('change the password: the new one signs in, the old one no longer does; a wrong current password is 401 NotAuthorized', async () => {
    const email = 'change-password@example.com';
    const { accessToken } = await client.signedInUser(email);

    const wrong = await client.call('POST', 'change-password', {
      body: { currentPassword: 'not my password at all', newPassword: NEW_PASSWORD },
      headers: bearer(accessToken),
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ code: 'NotAuthorized', message: 'The current password is incorrect.' });

    const changed = await client.call('POST', 'change-password', {
      body: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
      headers: bearer(accessToken),
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ changed: true });
    expect((await signIn(email, NEW_PASSWORD)).status).toBe(200);
    expect((await signIn(email, PASSWORD)).status).toBe(401);
  });

  test('a new password against the policy answers 400 InvalidPassword', async () => {
    const { accessToken } = await client.signedInUser('weak-new-password@example.com');
    const response = await client.call('POST', 'change-password', {
      body: { currentPassword: PASSWORD, newPassword: 'short' },
      headers: bearer(accessToken),
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('InvalidPassword');
  });

  test('change the email: the old address signs in until the code is verified, the new one after, in the next id token', async () => {
    const oldEmail = 'before-move@example.com';
    const newEmail = 'after-move@example.com';
    const { accessToken } = await client.signedInUser(oldEmail);

    const asked = await client.call('POST', 'change-email', { body: { email: newEmail }, headers: bearer(accessToken) });
    expect(asked.status).toBe(200);
    expect(asked.body).toEqual({ codeDelivery: { medium: 'EMAIL', destination: expect.stringMatching(/^a\*\*\*@/) } });
    const code = await client.latestCode(newEmail);

    const before = await signIn(oldEmail);
    expect(before.status).toBe(200);
    expect(claimsOf(before.body.idToken)).toMatchObject({ email: oldEmail, email_verified: true });
    expect((await signIn(newEmail)).status).toBe(401);

    const wrongCode = code === '000000' ? '111111' : '000000';
    const mismatch = await client.call('POST', 'verify-email', { body: { code: wrongCode }, headers: bearer(accessToken) });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.code).toBe('CodeMismatch');

    const verified = await client.call('POST', 'verify-email', { body: { code }, headers: bearer(accessToken) });
    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({ verified: true });

    expect((await signIn(oldEmail)).status).toBe(401);
    const after = await signIn(newEmail);
    expect(after.status).toBe(200);
    expect(claimsOf(after.body.idToken)).toMatchObject({ email: newEmail, email_verified: true });
  });

  test('guessing the email-verification code: five wrong codes answer 400 CodeMismatch, then even the right one 429 TooManyRequests', async () => {
    // The twin assumes Cognito's five wrong codes an hour here too (local/cognito-twin/attempt-limits.ts; unverified).
    const { accessToken } = await client.signedInUser('verify-guesser@example.com');
    await client.call('POST', 'change-email', { body: { email: 'verify-guessed@example.com' }, headers: bearer(accessToken) });
    const code = await client.latestCode('verify-guessed@example.com');
    const wrongCode = code === '000000' ? '111111' : '000000';
    for (let attempt = 1; attempt <= 5; attempt++) {
      const { status, body } = await client.call('POST', 'verify-email', {
        body: { code: wrongCode },
        headers: bearer(accessToken),
      });
      expect([attempt, status, body.code]).toEqual([attempt, 400, 'CodeMismatch']);
    }
    const limited = await client.call('POST', 'verify-email', { body: { code }, headers: bearer(accessToken) });
    expect([limited.status, limited.body.code]).toEqual([429, 'TooManyRequests']);
    expect((await signIn('verify-guessed@example.com')).status).toBe(401);
  });

  test('an email another account uses answers 409 UserExists', async () => {
    await client.signedInUser('taken@example.com');
    const { accessToken } = await client.signedInUser('wants-taken@example.com');
    const response = await client.call('POST', 'change-email', {
      body: { email: 'taken@example.com' },
      headers: bearer(accessToken),
    });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('UserExists');
  });

  test('sign out everywhere: another device’s refresh token is refused, the old access token is 401, the id token still opens /secret', async () => {
    const email = 'two-devices@example.com';
    const laptop = await client.signedInUser(email);
    const phone = (await signIn(email)).body;

    const out = await client.call('POST', 'sign-out-everywhere', { headers: bearer(laptop.accessToken) });
    expect(out.status).toBe(204);
    expect(out.text).toBe('');

    const refresh = await client.call('POST', 'refresh', { body: { refreshToken: phone.refreshToken } });
    expect(refresh.status).toBe(401);
    expect(refresh.body.code).toBe('NotAuthorized');
    const again = await client.call('POST', 'sign-out-everywhere', { headers: bearer(phone.accessToken) });
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('Unauthorized');
    // The authorizer checks only signature, issuer and expiry: docs/api.md says so.
    expect((await client.call('GET', 'secret', { headers: bearer(laptop.idToken) })).status).toBe(200);
  });

  test('delete the account: sign-in fails, its tokens are refused, and the same email signs up again', async () => {
    const email = 'leaving@example.com';
    const { accessToken, refreshToken, idToken } = await client.signedInUser(email);

    const deleted = await client.call('DELETE', 'me', { headers: bearer(accessToken) });
    expect(deleted.status).toBe(204);
    expect((await signIn(email)).status).toBe(401);
    expect((await client.call('POST', 'refresh', { body: { refreshToken } })).status).toBe(401);
    const reused = await client.call('DELETE', 'me', { headers: bearer(accessToken) });
    expect(reused.status).toBe(401);
    expect(reused.body.code).toBe('Unauthorized');
    // As after sign-out-everywhere: the authorizer does not ask Cognito, so the id token lives until it expires.
    expect((await client.call('GET', 'secret', { headers: bearer(idToken) })).status).toBe(200);
    expect((await client.call('POST', 'sign-up', { body: { email, password: PASSWORD } })).status).toBe(201);
  });

  describe.each(accountRoutes)('%s /%s', (method, route, body) => {
    test('refuses an id token (its scope is missing), no token and a bare word at the gateway; the account is untouched', async () => {
      const email = `id-token-${route}-${method.toLowerCase()}@example.com`;
      const { idToken } = await client.signedInUser(email);
      const { missingScope, unauthorized } = gateway(flavor);
      for (const [headers, refusal] of [
        [bearer(idToken), missingScope],
        [{ Authorization: idToken }, missingScope],
        [{}, unauthorized],
        [bearer('not-a-token'), unauthorized],
      ] as const) {
        const response = await client.call(method, route, { body, headers });
        expect([response.status, response.body]).toEqual(refusal);
      }
      expect((await signIn(email)).status).toBe(200);
    });
  });

  test('a user’s token touches only its own account: deleting and signing out one leaves the other signed in', async () => {
    const mallory = await client.signedInUser('mallory@example.com');
    const alice = await client.signedInUser('alice@example.com');

    // A body naming another account is refused: nothing but the token says whose account it is.
    const named = await client.call('POST', 'change-email', {
      body: { email: 'mallory-new@example.com', username: 'alice@example.com' },
      headers: bearer(mallory.accessToken),
    });
    expect(named.status).toBe(400);
    expect((await client.call('POST', 'sign-out-everywhere', { headers: bearer(mallory.accessToken) })).status).toBe(204);
    expect((await client.call('POST', 'refresh', { body: { refreshToken: alice.refreshToken } })).status).toBe(200);
    const malloryAgain = (await signIn('mallory@example.com')).body;
    expect((await client.call('DELETE', 'me', { headers: bearer(malloryAgain.accessToken) })).status).toBe(204);
    expect((await signIn('alice@example.com')).status).toBe(200);
    expect((await signIn('mallory@example.com')).status).toBe(401);
  });
});

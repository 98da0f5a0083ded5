import type { SignInResponse } from '../../../contract/responses';
import { type LocalClient, PASSWORD } from '../../support/local-mode';
import { bootLocalWith } from './mfa-local-mode';

const bearer = (idToken: string) => ({ Authorization: `Bearer ${idToken}` });
const subOf = (idToken: string): string => JSON.parse(Buffer.from(idToken.split('.')[1], 'base64url').toString()).sub;
const maskedDelivery = { codeDelivery: { medium: 'EMAIL', destination: expect.stringMatching(/^\w\*\*\*@\w\*\*\*\.com$/) } };

// The account lifecycle beyond the first sign-in, through real HTTP: the gateway, the handler
// bundles and the Cognito twin, as `npm start` serves them; through the REST API, and through the
// HTTP API (`-c api=http`), the same handlers behind it.
describe.each(['rest', 'http'] as const)('%s API', (flavor) => {
  let client: LocalClient;
  beforeAll(async () => {
    client = await bootLocalWith(flavor === 'http' ? { api: 'http' } : undefined);
  }, 120_000);
  afterAll(() => client?.close());

  describe('a lost sign-up code: resend, then confirm', () => {
    const email = 'lost-code@example.com';

    test('resend-code answers 200 with a masked delivery, the new code replaces the old one, and only the new one confirms', async () => {
      await client.call('POST', 'sign-up', { body: { email, password: PASSWORD } });
      const lost = await client.latestCode(email);

      // Six random digits may repeat (one chance in a million); ask again until the code differs.
      let fresh = lost;
      for (let attempt = 0; fresh === lost && attempt < 3; attempt++) {
        const { status, body } = await client.call('POST', 'resend-code', { body: { email } });
        expect(status).toBe(200);
        expect(body).toEqual(maskedDelivery);
        fresh = await client.latestCode(email);
      }
      expect(fresh).not.toBe(lost);

      const withLost = await client.call('POST', 'confirm', { body: { email, code: lost } });
      expect(withLost.status).toBe(400);
      expect(withLost.body.code).toBe('CodeMismatch');
      const withFresh = await client.call('POST', 'confirm', { body: { email, code: fresh } });
      expect(withFresh.status).toBe(200);
      expect(withFresh.body).toEqual({ confirmed: true });
      expect((await client.call('POST', 'sign-in', { body: { email, password: PASSWORD } })).status).toBe(200);
    });

    test('resend-code for an account already confirmed answers 401 NotAuthorized, as confirming it twice does', async () => {
      const { status, body } = await client.call('POST', 'resend-code', { body: { email } });
      expect(status).toBe(401);
      expect(body).toEqual({ code: 'NotAuthorized', message: 'This account is already confirmed: sign in.' });
    });
  });

  describe('a forgotten password: forgot, then reset', () => {
    const email = 'forgetful@example.com';
    const newPassword = 'a brand new passphrase';

    test('forgot-password answers 200 with a masked delivery and the reset code arrives', async () => {
      await client.signedInUser(email);
      const { status, body } = await client.call('POST', 'forgot-password', { body: { email } });
      expect(status).toBe(200);
      expect(body).toEqual(maskedDelivery);
      expect(await client.latestCode(email)).toMatch(/^\d{6}$/);
    });

    test('reset-password refuses a wrong code (400 CodeMismatch) and a too-short password (400 InvalidPassword)', async () => {
      const code = await client.latestCode(email);
      const wrong = await client.call('POST', 'reset-password', {
        body: { email, code: code === '000000' ? '111111' : '000000', newPassword },
      });
      expect(wrong.status).toBe(400);
      expect(wrong.body.code).toBe('CodeMismatch');
      const short = await client.call('POST', 'reset-password', { body: { email, code, newPassword: 'too short' } });
      expect(short.status).toBe(400);
      expect(short.body).toEqual({ code: 'InvalidPassword', message: expect.stringContaining('at least 12 characters') });
    });

    test('reset-password with the mailed code answers 200 {"reset":true}; the old password is refused and the new one accepted', async () => {
      const { status, body } = await client.call('POST', 'reset-password', {
        body: { email, code: await client.latestCode(email), newPassword },
      });
      expect(status).toBe(200);
      expect(body).toEqual({ reset: true });

      const withOld = await client.call('POST', 'sign-in', { body: { email, password: PASSWORD } });
      expect(withOld.status).toBe(401);
      expect(withOld.body).toEqual({ code: 'NotAuthorized', message: 'Incorrect email or password.' });
      expect((await client.call('POST', 'sign-in', { body: { email, password: newPassword } })).status).toBe(200);
    });

    test('the reset code works once: used again, it answers 400 CodeMismatch, as any refused code does', async () => {
      const { status, body } = await client.call('POST', 'reset-password', {
        body: { email, code: await client.latestCode(email), newPassword: 'yet another passphrase' },
      });
      expect(status).toBe(400);
      expect(body).toEqual({ code: 'CodeMismatch', message: 'The code is wrong or has expired: request a new one.' });
    });
  });

  describe('refresh: new tokens from the refresh token', () => {
    test('refresh answers 200 with a new id and access token and, rotation being on by default, the next refresh token; the new id token opens /secret as the same user', async () => {
      const email = 'refresher@example.com';
      const signedIn = await client.signedInUser(email);
      const { status, body } = await client.call('POST', 'refresh', { body: { refreshToken: signedIn.refreshToken } });
      expect(status).toBe(200);
      expect(body).toEqual({
        idToken: expect.any(String),
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        expiresIn: 3600,
        tokenType: 'Bearer',
      });
      expect(body.idToken).not.toBe(signedIn.idToken);
      expect(body.refreshToken).not.toBe(signedIn.refreshToken);

      const secret = await client.call('GET', 'secret', { headers: bearer(body.idToken) });
      expect(secret.status).toBe(200);
      expect(secret.body.user).toEqual({ sub: subOf(signedIn.idToken), email });
    });

    test('a garbage refresh token answers 401 NotAuthorized', async () => {
      const { status, body } = await client.call('POST', 'refresh', { body: { refreshToken: 'not-a-refresh-token' } });
      expect(status).toBe(401);
      expect(body).toEqual({
        code: 'NotAuthorized',
        message: 'The refresh token is invalid, expired or revoked: sign in again.',
      });
    });

    test('a refresh token with a space in it is refused at the edge: 400 InvalidRequest', async () => {
      const { status, body } = await client.call('POST', 'refresh', { body: { refreshToken: 'two words' } });
      expect(status).toBe(400);
      expect(body.code).toBe('InvalidRequest');
    });
  });

  describe('sign-out: the refresh token is revoked', () => {
    let signedIn: SignInResponse;

    test('sign-out answers 204 with an empty body', async () => {
      signedIn = await client.signedInUser('leaver@example.com');
      const { status, text } = await client.call('POST', 'sign-out', { body: { refreshToken: signedIn.refreshToken } });
      expect(status).toBe(204);
      expect(text).toBe('');
    });

    test('after sign-out, refresh with that token answers 401 NotAuthorized', async () => {
      const { status, body } = await client.call('POST', 'refresh', { body: { refreshToken: signedIn.refreshToken } });
      expect(status).toBe(401);
      expect(body.code).toBe('NotAuthorized');
    });

    test('an id token issued before sign-out still opens /secret until it expires: the authorizer checks only signature and expiry', async () => {
      expect((await client.call('GET', 'secret', { headers: bearer(signedIn.idToken) })).status).toBe(200);
    });

    test('signing out twice answers 204 again: the token is already revoked', async () => {
      expect((await client.call('POST', 'sign-out', { body: { refreshToken: signedIn.refreshToken } })).status).toBe(204);
    });

    test('an id token where the refresh token is due answers 400 InvalidRequest', async () => {
      const { status, body } = await client.call('POST', 'sign-out', { body: { refreshToken: signedIn.idToken } });
      expect(status).toBe(400);
      expect(body.code).toBe('InvalidRequest');
    });
  });

  describe('GET /me: who the id token belongs to', () => {
    test('answers 200 with the caller’s sub, email and emailVerified true once confirmed', async () => {
      const email = 'me@example.com';
      const { idToken } = await client.signedInUser(email);
      const { status, body } = await client.call('GET', 'me', { headers: bearer(idToken) });
      expect(status).toBe(200);
      expect(body).toEqual({ sub: subOf(idToken), email, emailVerified: true });
    });

    test.each([
      ['no token', {}],
      ['a garbage token', { Authorization: 'Bearer not.a.jwt' }],
    ])('with %s answers 401 Unauthorized from the authorizer', async (_, headers) => {
      const { status, body } = await client.call('GET', 'me', { headers });
      expect(status).toBe(401);
      // The HTTP API's gateway answers its own refusal with a fixed body (docs/http-api.md).
      if (flavor === 'http') expect(body).toEqual({ message: 'Unauthorized' });
      else expect(body.code).toBe('Unauthorized');
    });
  });

  describe('no account enumeration through the code-sending routes', () => {
    // Emails with the same first letters and top-level domain mask alike (k***@e***.com), so any
    // difference left between the two answers would tell an unknown email from a known one.
    async function compare(route: string, known: string, unknown: string) {
      const forKnown = await client.call('POST', route, { body: { email: known } });
      const forUnknown = await client.call('POST', route, { body: { email: unknown } });
      expect(forKnown.status).toBe(200);
      expect(forKnown.body).toEqual(maskedDelivery);
      expect(forUnknown.status).toBe(forKnown.status);
      expect(forUnknown.text).toBe(forKnown.text);
    }

    test('resend-code answers an unknown email byte for byte like an account awaiting confirmation', async () => {
      await client.call('POST', 'sign-up', { body: { email: 'kim@example.com', password: PASSWORD } });
      await compare('resend-code', 'kim@example.com', 'kai@example.com');
    });

    test('forgot-password answers an unknown email byte for byte like a confirmed account', async () => {
      await client.signedInUser('ken@example.com');
      await compare('forgot-password', 'ken@example.com', 'kay@example.com');
    });
  });
});

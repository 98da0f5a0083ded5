import { FLAVORS, gateway, requestIdOf } from '../../support/flavors';
import { type LocalClient, PASSWORD } from '../../support/local-mode';
import { bootFlavor } from './mfa-local-mode';

// Both API flavors (docs/http-api.md): the gateway's own answers are each flavor's, the handlers' alike.
describe.each(FLAVORS)('%s API', (flavor) => {
  let client: LocalClient;
  beforeAll(async () => {
    client = await bootFlavor(flavor);
  }, 120_000);
  afterAll(() => client?.close());

  describe("docs/local-mode.md's walk-through, through real HTTP", () => {
    const email = 'walker@example.com';
    let idToken: string;

    test('sign-up answers 201 with the code destination masked (w***@e***.com), and the code arrives in the mailbox', async () => {
      const { status, body } = await client.call('POST', 'sign-up', { body: { email, password: PASSWORD } });
      expect(status).toBe(201);
      expect(body).toEqual({
        userSub: expect.stringMatching(/^[0-9a-f-]{36}$/),
        userConfirmed: false,
        codeDelivery: { medium: 'EMAIL', destination: 'w***@e***.com' },
      });
      expect(await client.latestCode(email)).toMatch(/^\d{6}$/);
    });

    test('confirm with the mailed code answers 200 {"confirmed":true}', async () => {
      const { status, body } = await client.call('POST', 'confirm', { body: { email, code: await client.latestCode(email) } });
      expect(status).toBe(200);
      expect(body).toEqual({ confirmed: true });
    });

    test('sign-in answers 200 with three JWTs, their lifetime and the Bearer type', async () => {
      const { status, body } = await client.call('POST', 'sign-in', { body: { email, password: PASSWORD } });
      expect(status).toBe(200);
      expect(body).toEqual({
        idToken: expect.any(String),
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        expiresIn: 3600,
        tokenType: 'Bearer',
      });
      expect(body.idToken.split('.')).toHaveLength(3);
      idToken = body.idToken;
    });

    test('GET /secret with "Bearer <idToken>" answers 200 with the caller’s sub and email', async () => {
      const signUpSub = JSON.parse(Buffer.from(idToken.split('.')[1], 'base64url').toString()).sub;
      const { status, body } = await client.call('GET', 'secret', { headers: { Authorization: `Bearer ${idToken}` } });
      expect(status).toBe(200);
      expect(body).toEqual({ message: expect.any(String), user: { sub: signUpSub, email } });
    });

    test('GET /secret with the bare id token answers 200 too', async () => {
      const { status } = await client.call('GET', 'secret', { headers: { Authorization: idToken } });
      expect(status).toBe(200);
    });

    test('the email is case-insensitive: sign-in with it upper-cased works', async () => {
      const { status } = await client.call('POST', 'sign-in', { body: { email: email.toUpperCase(), password: PASSWORD } });
      expect(status).toBe(200);
    });

    test('GET /public needs no token', async () => {
      const { status, body } = await client.call('GET', 'public');
      expect(status).toBe(200);
      expect(body).toEqual({ message: expect.any(String) });
    });
  });

  describe('its failure cases', () => {
    test('signing up twice answers 409 UserExists', async () => {
      await client.call('POST', 'sign-up', { body: { email: 'twice@example.com', password: PASSWORD } });
      const { status, body } = await client.call('POST', 'sign-up', { body: { email: 'Twice@Example.com', password: PASSWORD } });
      expect(status).toBe(409);
      expect(body.code).toBe('UserExists');
    });

    test('a password shorter than the pool’s 12 characters answers 400 InvalidPassword stating the policy', async () => {
      const { status, body } = await client.call('POST', 'sign-up', {
        body: { email: 'short@example.com', password: 'eleven-char' },
      });
      expect(status).toBe(400);
      expect(body).toEqual({ code: 'InvalidPassword', message: expect.stringContaining('at least 12 characters') });
    });

    test('a wrong code answers 400 CodeMismatch, and the right one still works after', async () => {
      const email = 'wrong-code@example.com';
      await client.call('POST', 'sign-up', { body: { email, password: PASSWORD } });
      const code = await client.latestCode(email);
      const wrong = code === '000000' ? '111111' : '000000';
      const mismatch = await client.call('POST', 'confirm', { body: { email, code: wrong } });
      expect(mismatch.status).toBe(400);
      expect(mismatch.body.code).toBe('CodeMismatch');
      expect((await client.call('POST', 'confirm', { body: { email, code } })).status).toBe(200);
    });

    test('sign-in before confirming answers 403 UserNotConfirmed, with a wrong password too', async () => {
      await client.call('POST', 'sign-up', { body: { email: 'unconfirmed@example.com', password: PASSWORD } });
      for (const password of [PASSWORD, 'not the password at all']) {
        const { status, body } = await client.call('POST', 'sign-in', { body: { email: 'unconfirmed@example.com', password } });
        expect(status).toBe(403);
        expect(body.code).toBe('UserNotConfirmed');
      }
    });

    test('a wrong password and an unknown email get the same 401 and the same body', async () => {
      await client.signedInUser('known@example.com');
      const wrongPassword = await client.call('POST', 'sign-in', {
        body: { email: 'known@example.com', password: 'not the password at all' },
      });
      const unknownUser = await client.call('POST', 'sign-in', {
        body: { email: 'nobody@example.com', password: 'not the password at all' },
      });
      expect(wrongPassword.status).toBe(401);
      expect(wrongPassword.body).toEqual({ code: 'NotAuthorized', message: 'Incorrect email or password.' });
      expect(unknownUser.status).toBe(wrongPassword.status);
      expect(unknownUser.text).toBe(wrongPassword.text);
    });

    test.each([
      ['no Authorization header', {}],
      ['an empty Bearer', { Authorization: 'Bearer ' }],
      ['a garbage token', { Authorization: 'Bearer not.a.jwt' }],
    ])('GET /secret with %s answers the gateway’s 401 Unauthorized', async (_, headers) => {
      const { status, body } = await client.call('GET', 'secret', { headers });
      expect([status, body]).toEqual(gateway(flavor).unauthorized);
    });

    test('an access token is not an id token: 401', async () => {
      const { accessToken } = await client.signedInUser('access@example.com');
      const { status } = await client.call('GET', 'secret', { headers: { Authorization: `Bearer ${accessToken}` } });
      expect(status).toBe(401);
    });

    test.each([
      ['GET', 'nowhere'],
      ['DELETE', 'sign-up'],
      ['GET', 'sign-up'],
      ['POST', 'secret'],
      ['GET', 'secret/'],
    ])('%s /%s is not a route: the gateway’s 404', async (method, route) => {
      const { status, body } = await client.call(method, route);
      expect([status, body]).toEqual(gateway(flavor).notFound);
    });

    test('a path outside the stage is not a route either: 404', async () => {
      const { status } = await client.call('POST', '../sign-up', { body: {} });
      expect(status).toBe(404);
    });

    // No request model answers first, on AWS as here (lib/auth-rest-api.ts): the handler does.
    test('a body that is not JSON is refused by the handler: 400 InvalidRequest saying so', async () => {
      const { status, body } = await client.call('POST', 'sign-in', { rawBody: '{"email":' });
      expect(status).toBe(400);
      expect(body).toEqual({ code: 'InvalidRequest', message: 'The body is not valid JSON.' });
    });

    test('a form, as curl -d sends one without -H, is told the Content-Type to send', async () => {
      const { status, body } = await client.call('POST', 'sign-in', {
        rawBody: 'email=ada%40example.com&password=correct+horse',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      });
      expect(status).toBe(400);
      expect(body).toEqual({
        code: 'InvalidRequest',
        message: 'The body is not valid JSON. Send a JSON object with the header Content-Type: application/json.',
      });
    });

    test.each([
      ['a missing field', 'password', { email: 'ada@example.com' }],
      ['an extra field', 'admin', { email: 'ada@example.com', password: PASSWORD, admin: true }],
      ['a number for a string', 'password', { email: 'ada@example.com', password: 12345678901234 }],
      ['an email that is not one', 'email', { email: 'ada', password: PASSWORD }],
      ['a password over 256 characters', 'password', { email: 'ada@example.com', password: 'p'.repeat(257) }],
    ])('the handler refuses %s with 400 naming "%s", never echoing the value', async (_, field, sent) => {
      const { status, body, text } = await client.call('POST', 'sign-in', { body: sent });
      expect(status).toBe(400);
      expect(body.code).toBe('InvalidRequest');
      expect(body.message).toContain(`"${field}"`);
      expect(text).not.toContain('ppppp');
      expect(text).not.toContain('12345678901234');
    });

    test('a CORS preflight from the allowed origin is answered with that origin, methods and headers', async () => {
      const { status, headers } = await client.call('OPTIONS', 'sign-in', {
        headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST' },
      });
      expect(status).toBe(204);
      expect(headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
      expect(headers.get('access-control-allow-methods')).toContain('POST');
      expect(headers.get('access-control-allow-headers')).toContain('Authorization');
      expect(headers.get('cache-control')).toBe(gateway(flavor).preflightCacheControl);
    });

    test('a preflight from another origin does not get that origin back', async () => {
      const { headers } = await client.call('OPTIONS', 'sign-in', { headers: { Origin: 'https://evil.example' } });
      expect(headers.get('access-control-allow-origin')).not.toBe('https://evil.example');
    });

    test('handler answers carry the allowed origin; gateway errors (401) do too, so a page can read them', async () => {
      const ok = await client.call('GET', 'public', { headers: { Origin: 'http://127.0.0.1:5173' } });
      expect(ok.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
      const unauthorized = await client.call('GET', 'secret', { headers: { Origin: 'http://127.0.0.1:5173' } });
      expect(unauthorized.status).toBe(401);
      expect(unauthorized.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
    });

    test('a body over 10 MB is refused as API Gateway does: 413', async () => {
      const { status, body } = await client.call('POST', 'sign-up', { rawBody: Buffer.alloc(10 * 1024 * 1024 + 1, 'a') });
      expect([status, body]).toEqual(gateway(flavor).tooLarge);
    });

    test('responses carry JSON and no-store headers and an API Gateway request id', async () => {
      const answer = await client.call('GET', 'public');
      expect(answer.headers.get('content-type')).toBe('application/json');
      expect(answer.headers.get('cache-control')).toBe('no-store');
      expect(requestIdOf(answer)).toMatch(/^[0-9a-f-]{36}$/);
    });

    test('no response or log line carries a password or a code', async () => {
      const email = 'quiet@example.com';
      await client.signedInUser(email, 'a very secret passphrase');
      const code = await client.latestCode(email);
      const handlerLogs = client.logs.filter((line) => line.startsWith('{'));
      expect(handlerLogs.length).toBeGreaterThan(0);
      expect(handlerLogs.join('\n')).not.toContain('a very secret passphrase');
      expect(handlerLogs.join('\n')).not.toContain(code);
    });
  });
});

import * as fs from 'node:fs';
import * as path from 'node:path';
import { type CryptoKey, decodeJwt, exportSPKI, generateKeyPair, importJWK, type JWK, type JWTPayload, SignJWT } from 'jose';
import type { SignInResponse } from '../../../contract/responses';
import { methodThrottleOf, type RouteSpec, routes } from '../../../contract/routes';
import { configDefaults } from '../../../lib/config';
import { TokenBucket } from '../../../local/gateway/token-bucket';
import { FLAVORS, gateway, requestIdOf } from '../../support/flavors';
import type { LocalClient } from '../../support/local-mode';
import { bootFlavor } from './mfa-local-mode';

/**
 * What an attacker can send, end to end through local mode. Whichever layer refuses it (the
 * authorizer, API Gateway's size limit, the handler), the answer is a 4xx in the `{code, message}`
 * envelope, promptly: never a 5xx, never a hang, and a forged token never reaches the handler behind it.
 * In both API flavors (docs/http-api.md), where the HTTP API's gateway answers its own refusals with
 * fixed bodies instead of the envelope (test/support/flavors.ts).
 */

// Generous for a 10 MB upload on a slow machine, short of jest's own timeout so a hang says so.
const TIMEOUT_MS = 20_000;
jest.setTimeout(3 * TIMEOUT_MS);

let client: LocalClient;

type Answer = Awaited<ReturnType<LocalClient['call']>>;

/**
 * Calls to a route with a method throttle of its own (contract/routes.ts) are paced below it, with a
 * margin for the calls the client's helpers make (signedInUser): what these tests meet is the
 * handler or the authorizer, never the throttle (test/local/e2e/throttles.test.ts tests that).
 */
const pacers = new Map<string, TokenBucket>();
async function paced(method: string, route: string): Promise<void> {
  const row = (routes as readonly RouteSpec[]).find((r) => r.method === method && r.path === `/${route}`);
  if (!row?.throttle) return;
  const stage = { rateLimit: configDefaults.throttlingRateLimit, burstLimit: configDefaults.throttlingBurstLimit };
  const { rateLimit, burstLimit } = methodThrottleOf(row.throttle, stage);
  const key = `${method} ${route}`;
  if (!pacers.has(key)) pacers.set(key, new TokenBucket(rateLimit / 2, burstLimit / 2));
  while (!pacers.get(key)?.tryTake()) await new Promise((resolve) => setTimeout(resolve, 50));
}

async function call(method: string, route: string, options: Parameters<LocalClient['call']>[2] = {}): Promise<Answer> {
  await paced(method, route);
  return client.call(method, route, { timeoutMs: TIMEOUT_MS, ...options });
}

/** A refusal as the API contract words it: a 4xx, JSON, exactly `{code, message}`. */
function expectRefusal(answer: Answer, status?: number): void {
  expect(answer.status).toBeGreaterThanOrEqual(400);
  expect(answer.status).toBeLessThan(500);
  if (status !== undefined) expect(answer.status).toBe(status);
  expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
  expect(answer.body).toEqual({ code: expect.any(String), message: expect.any(String) });
  expect(Object.keys(answer.body).sort()).toEqual(['code', 'message']);
}

const b64url = (value: object | string) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

describe.each(FLAVORS)('%s API', (flavor) => {
  beforeAll(async () => {
    client = await bootFlavor(flavor);
  }, 120_000);
  afterAll(() => client?.close());

  describe('GET /secret refuses every token that is not a live id token of this pool and client, before its handler runs', () => {
    const email = 'target@example.com';
    let tokens: SignInResponse;
    let claims: JWTPayload;
    let poolKey: { privateKey: CryptoKey; publicJwk: JWK; kid: string };
    /** The gateway's request ids of the requests the handler may see, and of the attacks it must not. */
    const admitted: string[] = [];
    const attacked: string[] = [];

    beforeAll(async () => {
      tokens = await client.signedInUser(email);
      claims = decodeJwt(tokens.idToken);
      // The twin's own key, read from its state directory: forgeries signed with it differ from a
      // real token only in the claim each case changes.
      const jwk = JSON.parse(fs.readFileSync(path.join(client.stateDir, 'cognito', 'signing-key.json'), 'utf8')) as JWK;
      const { kty, n, e, kid } = jwk;
      poolKey = { privateKey: (await importJWK(jwk, 'RS256')) as CryptoKey, publicJwk: { kty, n, e }, kid: kid as string };
    });

    /** The handler's log lines for GET /secret: one JSON object per request, API Gateway's request id in its message. */
    function secretLogLines(): Array<{ message: { apiRequestId: string } }> {
      return client.logs
        .filter((line) => line.startsWith('{') && line.includes('"resource":"/secret"'))
        .map((line) => JSON.parse(line));
    }

    /** The worker's stdout reaches the log asynchronously, a little after the response. */
    async function logLineOf(requestId: string): Promise<unknown> {
      for (let waited = 0; waited < 5_000; waited += 20) {
        const line = secretLogLines().find((l) => l.message.apiRequestId === requestId);
        if (line) return line;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return undefined;
    }

    const now = () => Math.floor(Date.now() / 1000);
    const forge = (
      payload: JWTPayload,
      key: CryptoKey | Uint8Array = poolKey.privateKey,
      header: { alg: string; kid?: string } = { alg: 'RS256', kid: poolKey.kid },
    ) => new SignJWT(payload).setProtectedHeader(header).sign(key);

    async function getSecret(authorization: string | undefined, record: string[]): Promise<Answer> {
      const answer = await call('GET', 'secret', {
        headers: authorization === undefined ? {} : { Authorization: authorization },
      });
      const requestId = requestIdOf(answer);
      expect(requestId).toBeTruthy();
      record.push(requestId as string);
      return answer;
    }

    test('a valid id token reaches the handler, which logs a line with "resource":"/secret" (so the check below can fail)', async () => {
      const answer = await getSecret(`Bearer ${tokens.idToken}`, admitted);
      expect(answer.status).toBe(200);
      expect(await logLineOf(requestIdOf(answer) as string)).toMatchObject({
        message: { resource: '/secret', status: 200 },
      });
    });

    test("a token forged with the pool's own key and the real claims is accepted (so each forgery below fails for the one thing it changes)", async () => {
      const answer = await getSecret(`Bearer ${await forge({ ...claims, iat: now(), exp: now() + 600 })}`, admitted);
      expect(answer.status).toBe(200);
      expect(answer.body.user).toEqual({ sub: claims.sub, email });
    });

    const attacks: Array<[string, () => Promise<string | undefined>]> = [
      ['no Authorization header', async () => undefined],
      ['an empty header', async () => ''],
      ['a garbage token', async () => 'Bearer not.a.jwt'],
      ['three base64url parts that are not JSON', async () => `Bearer ${b64url('{{{')}.${b64url('}}}')}.${b64url('sig')}`],
      [
        'an expired id token, signed by the pool’s key',
        async () => `Bearer ${await forge({ ...claims, iat: now() - 7200, exp: now() - 3600 })}`,
      ],
      [
        'an id token signed by another key, under the pool’s kid',
        async () => `Bearer ${await forge(claims, (await generateKeyPair('RS256')).privateKey)}`,
      ],
      [
        'an id token signed by another key, under a kid the JWKS does not list',
        async () =>
          `Bearer ${await forge(claims, (await generateKeyPair('RS256')).privateKey, { alg: 'RS256', kid: 'attacker-key' })}`,
      ],
      ['an unsigned token ("alg": "none")', async () => `Bearer ${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims)}.`],
      [
        'an unsigned token ("alg": "none") under the pool’s kid',
        async () => `Bearer ${b64url({ alg: 'none', kid: poolKey.kid })}.${b64url(claims)}.`,
      ],
      [
        'an HS256 token keyed with the pool’s public key (algorithm confusion)',
        async () => {
          const publicPem = await exportSPKI((await importJWK(poolKey.publicJwk, 'RS256')) as CryptoKey);
          return `Bearer ${await forge(claims, new TextEncoder().encode(publicPem), { alg: 'HS256', kid: poolKey.kid })}`;
        },
      ],
      [
        'the real id token with its payload altered (another email), signature kept',
        async () => {
          const [header, , signature] = tokens.idToken.split('.');
          return `Bearer ${header}.${b64url({ ...claims, email: 'admin@example.com' })}.${signature}`;
        },
      ],
      [
        'the real id token with its expiry pushed back a day, signature kept',
        async () => {
          const [header, , signature] = tokens.idToken.split('.');
          return `Bearer ${header}.${b64url({ ...claims, exp: Number(claims.exp) + 86_400 })}.${signature}`;
        },
      ],
      [
        'an id token of another pool (iss differs), signed by the pool’s key',
        async () => `Bearer ${await forge({ ...claims, iss: String(claims.iss).replace(/[^/]+$/, 'us-east-1_AnotherPool') })}`,
      ],
      [
        'an id token of another app client (aud differs), signed by the pool’s key',
        async () => `Bearer ${await forge({ ...claims, aud: 'another-app-client-id' })}`,
      ],
      ['the refresh token', async () => `Bearer ${tokens.refreshToken}`],
    ];

    test.each(attacks)('%s: the gateway’s 401 Unauthorized', async (_, authorization) => {
      const answer = await getSecret(await authorization(), attacked);
      expect([answer.status, answer.body]).toEqual(gateway(flavor).unauthorized);
      expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    });

    // The REST API's Cognito authorizer refuses an access token; an HTTP API's JWT authorizer cannot tell it from an id
    // token (docs/http-api.md), so the handler refuses it, in the envelope too.
    const accessTokenRefusedBy = gateway(flavor).accessTokenOnIdRoute;
    test(`the access token instead of the id token: 401 Unauthorized in the envelope, from the ${accessTokenRefusedBy}`, async () => {
      const answer = await getSecret(`Bearer ${tokens.accessToken}`, accessTokenRefusedBy === 'handler' ? admitted : attacked);
      expectRefusal(answer, 401);
      expect(answer.body.code).toBe('Unauthorized');
    });

    test('none of those requests reached the handler: it logged only the admitted ones', async () => {
      // A last valid request, once its line is in, means every earlier line is in too (one worker writes them in order).
      const last = await getSecret(`Bearer ${tokens.idToken}`, admitted);
      expect(await logLineOf(requestIdOf(last) as string)).toBeDefined();
      expect(attacked).toHaveLength(attacks.length + (accessTokenRefusedBy === 'gateway' ? 1 : 0));
      const logged = secretLogLines().map((line) => line.message.apiRequestId);
      expect(logged.filter((id) => attacked.includes(id))).toEqual([]);
      expect(logged.sort()).toEqual([...admitted].sort());
    });
  });

  describe('the public routes refuse hostile bodies with a 4xx envelope, never a 5xx, never a hang', () => {
    const publicPosts = () =>
      client.local.model.routes.filter((r) => r.method === 'POST' && !r.authorizer).map((r) => r.path.slice(1));
    const TEN_MB = 10 * 1024 * 1024;

    test('the local model has public POST routes to attack', () => {
      expect(publicPosts()).toEqual(expect.arrayContaining(['sign-up', 'confirm', 'sign-in']));
    });

    test('a body over 10 MB answers 413 on every public POST route', async () => {
      for (const route of publicPosts()) {
        const answer = await call('POST', route, { rawBody: Buffer.alloc(TEN_MB + 1, 'a') });
        expect([route, answer.status, answer.body]).toEqual([route, ...gateway(flavor).tooLarge]);
      }
    });

    // Over Lambda's 6 MB invocation payload, under API Gateway's 10 MB: Lambda refuses the event, and API Gateway's own
    // answer is reported as a 413, which the stack's gateway responses do not reshape (README; unverified on AWS).
    test('a body between 6 MB and 10 MB answers the gateway’s 413 on every public POST route; no handler runs', async () => {
      const sevenMb = JSON.stringify({ email: 'big@example.com', password: 'a'.repeat(7 * 1024 * 1024) });
      const refused: string[] = [];
      for (const route of publicPosts()) {
        for (const rawBody of [sevenMb, Buffer.alloc(6 * 1024 * 1024 + 1, 'a')]) {
          const answer = await call('POST', route, { rawBody });
          expect([route, answer.status, answer.headers.get('content-type'), answer.text]).toEqual([
            route,
            ...gateway(flavor).lambdaPayloadTooLarge,
          ]);
          refused.push(requestIdOf(answer) as string);
        }
      }
      // A last request the handler does log; once its line is in, every earlier line is in too.
      const last = await call('POST', 'sign-in', {
        body: { email: 'big@example.com', password: 'correct horse battery staple' },
      });
      const lastId = requestIdOf(last) as string;
      for (let waited = 0; waited < 5_000 && !client.logs.some((line) => line.includes(lastId)); waited += 20)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(client.logs.some((line) => line.includes(lastId))).toBe(true);
      expect(client.logs.filter((line) => refused.some((id) => line.includes(id) && line.startsWith('{')))).toEqual([]);
    });

    test('a body over 10 MB sent chunked, without Content-Length, answers 413', async () => {
      const chunk = new Uint8Array(1024 * 1024).fill(0x20);
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent > TEN_MB) return controller.close();
          sent += chunk.length;
          controller.enqueue(chunk);
        },
      });
      const answer = await call('POST', 'sign-in', { rawBody: body });
      expect([answer.status, answer.body]).toEqual(gateway(flavor).tooLarge);
    });

    const depth = 100_000;
    test.each([
      ['100k nested arrays', '['.repeat(depth) + ']'.repeat(depth)],
      ['100k nested objects', `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`],
      [
        '100k nested arrays inside a field',
        `{"email":${'['.repeat(depth)}${']'.repeat(depth)},"password":"correct horse battery staple"}`,
      ],
      ['100k unclosed arrays', '['.repeat(depth)],
    ])('%s answer a 4xx on every public POST route', async (_, rawBody) => {
      for (const route of publicPosts()) expectRefusal(await call('POST', route, { rawBody }));
    });

    test.each([
      ['a number for the email', { email: 12345, password: 'correct horse battery staple' }],
      ['an array for the email', { email: ['ada@example.com'], password: 'correct horse battery staple' }],
      ['an object for the password', { email: 'ada@example.com', password: { $ne: '' } }],
      ['a boolean for the password', { email: 'ada@example.com', password: true }],
      ['null for the password', { email: 'ada@example.com', password: null }],
    ])('%s answers 400 InvalidRequest at sign-in and sign-up', async (_, body) => {
      for (const route of ['sign-in', 'sign-up']) {
        const answer = await call('POST', route, { body });
        expectRefusal(answer, 400);
        expect(answer.body.code).toBe('InvalidRequest');
      }
    });

    test.each([
      ['a JSON array', '[{"email":"ada@example.com","password":"correct horse battery staple"}]'],
      ['a JSON string', '"ada@example.com"'],
      ['a "__proto__" field', '{"email":"ada@example.com","password":"correct horse battery staple","__proto__":{"admin":true}}'],
      [
        'a header injection in the email',
        JSON.stringify({ email: 'ada@example.com\r\nBcc: all@example.com', password: 'correct horse battery staple' }),
      ],
      ['a password of a million characters', JSON.stringify({ email: 'ada@example.com', password: 'a'.repeat(1_000_000) })],
    ])('%s answers 400 InvalidRequest at sign-in', async (_, rawBody) => {
      const answer = await call('POST', 'sign-in', { rawBody });
      expectRefusal(answer, 400);
      expect(answer.body.code).toBe('InvalidRequest');
    });

    test('sign-in for an unknown email and with a wrong password answer the same status and the same body', async () => {
      await client.signedInUser('enumerated@example.com');
      const wrongPassword = await call('POST', 'sign-in', {
        body: { email: 'enumerated@example.com', password: 'a wrong password, long enough' },
      });
      const unknownUser = await call('POST', 'sign-in', {
        body: { email: 'never-signed-up@example.com', password: 'a wrong password, long enough' },
      });
      expectRefusal(wrongPassword, 401);
      expect(unknownUser.status).toBe(wrongPassword.status);
      expect(unknownUser.text).toBe(wrongPassword.text);
    });

    test('after six wrong passwords, when Cognito has locked the account, a known email and an unknown one still answer alike', async () => {
      await client.signedInUser('locked-out@example.com');
      const attempt = (email: string) => call('POST', 'sign-in', { body: { email, password: 'a wrong password, long enough' } });
      for (let i = 0; i < 6; i++) {
        const known = await attempt('locked-out@example.com');
        const unknown = await attempt('nobody-here@example.com');
        expect([known.status, known.text]).toEqual([unknown.status, unknown.text]);
      }
    });
  });

  /**
   * A bad body is answered by its handler, on AWS as here: the template has no request model to answer
   * first (lib/auth-rest-api.ts). The message names the field and repeats nothing the caller sent.
   */
  describe('every POST route answers a bad body with 400 InvalidRequest naming the field, never echoing a value sent', () => {
    const signInSession = `AYAB${'s'.repeat(60)}`;
    /** A valid body for each route, and the field the cases below spoil with the length it may not pass. */
    const postRoutes: Record<string, { valid: Record<string, string>; field: string; max: number; accessToken?: true }> = {
      'sign-up': { valid: { email: 'ada@example.com', password: 'correct horse battery staple' }, field: 'password', max: 256 },
      confirm: { valid: { email: 'ada@example.com', code: '123456' }, field: 'code', max: 2048 },
      'resend-code': { valid: { email: 'ada@example.com' }, field: 'email', max: 254 },
      'sign-in': { valid: { email: 'ada@example.com', password: 'correct horse battery staple' }, field: 'password', max: 256 },
      refresh: { valid: { refreshToken: 'eyJjdHkiOiJKV1QifQ.a-refresh-token' }, field: 'refreshToken', max: 8192 },
      'sign-out': { valid: { refreshToken: 'eyJjdHkiOiJKV1QifQ.a-refresh-token' }, field: 'refreshToken', max: 8192 },
      'forgot-password': { valid: { email: 'ada@example.com' }, field: 'email', max: 254 },
      'reset-password': {
        valid: { email: 'ada@example.com', code: '123456', newPassword: 'a new passphrase, long enough' },
        field: 'newPassword',
        max: 256,
      },
      // The account routes: the authorizer wants an access token before the handler reads the body.
      'change-password': {
        valid: { currentPassword: 'correct horse battery staple', newPassword: 'a new passphrase, long enough' },
        field: 'newPassword',
        max: 256,
        accessToken: true,
      },
      'change-email': { valid: { email: 'ada-moved@example.com' }, field: 'email', max: 254, accessToken: true },
      'verify-email': { valid: { code: '123456' }, field: 'code', max: 2048, accessToken: true },
      // Two-factor sign-in: a session of Cognito's 20 to 2,048 characters, behind the API's `setup.` marker
      // (lambda/api/sign-in-session.ts); an authenticator's code of exactly six digits.
      'sign-in/totp-setup': { valid: { email: 'ada@example.com', session: signInSession }, field: 'session', max: 2054 },
      'sign-in/totp': {
        valid: { email: 'ada@example.com', session: signInSession, code: '123456' },
        field: 'session',
        max: 2054,
      },
      'mfa/totp/verify': { valid: { code: '123456' }, field: 'code', max: 6, accessToken: true },
    };

    let accessToken: string;
    beforeAll(async () => {
      ({ accessToken } = await client.signedInUser('bad-bodies@example.com'));
    });

    test('the table covers every POST route of the template that takes a body', () => {
      // POST /credentials takes none: the id token in Authorization is all it reads.
      const bodiless = (routes as readonly RouteSpec[]).filter((r) => !r.request?.body).map((r) => r.path);
      const posts = client.local.model.routes
        .filter((r) => r.method === 'POST' && !bodiless.includes(r.path))
        .map((r) => r.path.slice(1));
      expect(Object.keys(postRoutes).sort()).toEqual(posts.sort());
    });

    /** A value no message could contain by chance, as long as the field may not be, plus one. */
    const oversized = (field: string, max: number) => {
      const canary = `canary-${field}-`;
      // A field too short to hold the canary (the six-digit code): digits, which no message holds either.
      if (canary.length > max + 1) return '7'.repeat(max + 1);
      const value = canary + 'x'.repeat(max + 1 - canary.length);
      return field === 'email' ? `${value}@example.com` : value;
    };

    const cases = Object.entries(postRoutes).flatMap(([route, { valid, field, max }]) => {
      const { [field]: _omitted, ...withoutField } = valid;
      return [
        [route, 'a number for the field', field, { ...valid, [field]: 8675309 }],
        [route, 'the field missing', field, withoutField],
        [route, 'an unknown field', 'admin', { ...valid, admin: 'canary-unknown-field-value' }],
        [route, 'the field one character too long', field, { ...valid, [field]: oversized(field, max) }],
      ] as Array<[string, string, string, Record<string, unknown>]>;
    });

    test.each(cases)('POST /%s with %s: 400 InvalidRequest naming "%s"', async (route, _, named, body) => {
      const headers = postRoutes[route].accessToken ? { Authorization: `Bearer ${accessToken}` } : undefined;
      const answer = await call('POST', route, { body, headers });
      expectRefusal(answer, 400);
      expect(answer.body.code).toBe('InvalidRequest');
      expect(answer.body.message).toContain(`"${named}"`);
      for (const value of Object.values(body)) expect(answer.text).not.toContain(String(value));
      // Nor a part of one: a message that quoted the start of a long value would hold its canary.
      expect(answer.text).not.toContain('canary');
    });
  });
});

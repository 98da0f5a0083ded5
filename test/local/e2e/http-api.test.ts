import * as fs from 'node:fs';
import * as path from 'node:path';
import { type CryptoKey, decodeJwt, exportSPKI, generateKeyPair, importJWK, type JWK, type JWTPayload, SignJWT } from 'jose';
import { advanceLocalClock, type LocalClient } from '../../support/local-mode';
import { signedGet } from '../../support/sigv4';
import { bootLocalWith } from './mfa-local-mode';

// Local mode on the template of `-c api=http`: the HTTP API's routes, its JWT and IAM authorizers,
// payload 2.0 events into the same handlers, its CORS preflights and its fixed error bodies.
let client: LocalClient;
beforeAll(async () => {
  client = await bootLocalWith({ api: 'http' });
}, 120_000);
afterAll(() => client?.close());

const UNAUTHORIZED = { message: 'Unauthorized' };

test('local mode reads the HTTP API: its flavor, every route, the issuer and audience of its JWT authorizer', () => {
  const { model } = client.local;
  expect(model.flavor).toBe('http');
  expect(model.routes.map((r) => `${r.method} ${r.path}`)).toEqual(
    expect.arrayContaining(['GET /secret', 'GET /notes/{id}', 'GET /private']),
  );
  expect(model.jwtAuthorizer).toEqual({
    issuer: `https://cognito-idp.us-east-1.amazonaws.com/${model.pool.poolId}`,
    audience: [model.pool.clients[0].clientId],
  });
  expect(model.gatewayResponses).toEqual({});
});

test('a signed-in user gets the same bodies as from the REST API, the handlers reading payload 2.0', async () => {
  const { idToken } = await client.signedInUser('http-user@example.com');
  const secret = await client.call('GET', 'secret', { token: idToken });
  expect([secret.status, secret.body]).toEqual([
    200,
    {
      message: 'Hello from a route only signed-in users reach.',
      user: { sub: expect.any(String), email: 'http-user@example.com' },
    },
  ]);
  const me = await client.call('GET', 'me', { headers: { Authorization: idToken } });
  expect(me.body).toEqual({ sub: secret.body.user.sub, email: 'http-user@example.com', emailVerified: true });
  const note = await client.call('GET', 'notes/n-1', { token: idToken });
  expect(note.body).toMatchObject({ id: 'n-1', owner: secret.body.user.sub });
});

test('no token: 401 {"message":"Unauthorized"} from the gateway, the handler never runs', async () => {
  const answer = await client.call('GET', 'secret');
  expect([answer.status, answer.body]).toEqual([401, UNAUTHORIZED]);
  expect(answer.headers.get('www-authenticate')).toBeNull();
});

test('a forged or garbled token: 401 with www-authenticate naming invalid_token', async () => {
  const { idToken } = await client.signedInUser('http-forger@example.com');
  const [header, payload] = idToken.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: 'someone-else' })).toString('base64url')}.${idToken.split('.')[2]}`;
  for (const token of [forged, 'not-a-jwt']) {
    const answer = await client.call('GET', 'secret', { token });
    expect([answer.status, answer.body]).toEqual([401, UNAUTHORIZED]);
    expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer scope="" error="invalid_token" error_description="/);
  }
});

test('an expired token: 401, the description saying so', async () => {
  const { idToken } = await client.signedInUser('http-expiry@example.com');
  await advanceLocalClock(client.local, 3601);
  const answer = await client.call('GET', 'secret', { token: idToken });
  expect([answer.status, answer.body]).toEqual([401, UNAUTHORIZED]);
  expect(answer.headers.get('www-authenticate')).toContain('error_description="the token has expired"');
});

test('an id token on an access-token route: 403 Forbidden, insufficient_scope (the status chosen, unverified)', async () => {
  const { idToken, accessToken } = await client.signedInUser('http-scopes@example.com');
  const refused = await client.call('POST', 'sign-out-everywhere', { token: idToken });
  expect([refused.status, refused.body]).toEqual([403, { message: 'Forbidden' }]);
  expect(refused.headers.get('www-authenticate')).toContain('scope="aws.cognito.signin.user.admin" error="insufficient_scope"');
  const allowed = await client.call('POST', 'mfa/totp', { token: accessToken });
  expect(allowed.status).toBe(200);
});

test('an access token on an id-token route passes the JWT authorizer but not the handler: 401 in the API envelope', async () => {
  const { accessToken } = await client.signedInUser('http-access@example.com');
  const answer = await client.call('GET', 'secret', { token: accessToken });
  expect([answer.status, answer.body]).toEqual([401, { code: 'Unauthorized', message: 'A valid id token is required.' }]);
});

test('an unknown route, or a known path with another method: 404 {"message":"Not Found"}', async () => {
  for (const [method, route] of [
    ['GET', 'nope'],
    ['DELETE', 'secret'],
    ['GET', 'notes/a/b'],
  ] as const) {
    const answer = await client.call(method, route);
    expect([method, route, answer.status, answer.body]).toEqual([method, route, 404, { message: 'Not Found' }]);
  }
});

test('CORS: the gateway answers a preflight itself, and adds the allowed origin to an answer', async () => {
  const origin = 'http://127.0.0.1:5173';
  const preflight = await client.call('OPTIONS', 'secret', {
    headers: { Origin: origin, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
  });
  expect(preflight.status).toBe(204);
  expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
  expect(preflight.headers.get('access-control-allow-headers')).toContain('Authorization');
  const other = await client.call('OPTIONS', 'secret', {
    headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'GET' },
  });
  expect(other.headers.get('access-control-allow-origin')).toBeNull();
  const answer = await client.call('GET', 'public', { headers: { Origin: origin } });
  expect(answer.headers.get('access-control-allow-origin')).toBe(origin);
  const refused = await client.call('GET', 'secret', { headers: { Origin: origin } });
  expect([refused.status, refused.headers.get('access-control-allow-origin')]).toEqual([401, origin]);
});

test('GET /private: signed with the identity pool’s credentials it answers the identity; unsigned, 403 from the gateway', async () => {
  const { idToken } = await client.signedInUser('http-iam@example.com');
  const sub = JSON.parse(Buffer.from(idToken.split('.')[1], 'base64url').toString()).sub;
  const credentials = await client.call('POST', 'credentials', { token: idToken });
  expect(credentials.status).toBe(200);
  const signed = await signedGet(client, 'private', credentials.body);
  expect([signed.status, signed.body]).toEqual([
    200,
    { message: 'Hello from a route only signed requests reach.', identityId: credentials.body.identityId, user: { sub } },
  ]);
  const unsigned = await client.call('GET', 'private');
  expect(unsigned.status).toBe(403);
});

describe('the JWT authorizer refuses every forgery before the handler runs', () => {
  // Local mode's clock, which an earlier test moved forward: the time the twin signed the real token at.
  const now = () => Number(claims.iat);
  const b64url = (value: object | string) =>
    Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
  let claims: JWTPayload;
  let tokens: { idToken: string; refreshToken: string };
  let poolKey: { privateKey: CryptoKey; publicJwk: JWK; kid: string };
  const forge = (
    payload: JWTPayload,
    key: CryptoKey | Uint8Array = poolKey.privateKey,
    header: { alg: string; kid?: string } = { alg: 'RS256', kid: poolKey.kid },
  ) => new SignJWT(payload).setProtectedHeader(header).sign(key);
  const handled = () => client.logs.filter((line) => line.startsWith('{') && line.includes('"resource":"/secret"')).length;

  beforeAll(async () => {
    tokens = await client.signedInUser('http-target@example.com');
    claims = decodeJwt(tokens.idToken);
    // The twin's own key: each forgery differs from a real token only in what its case changes.
    const jwk = JSON.parse(fs.readFileSync(path.join(client.stateDir, 'cognito', 'signing-key.json'), 'utf8')) as JWK;
    const { kty, n, e, kid } = jwk;
    poolKey = { privateKey: (await importJWK(jwk, 'RS256')) as CryptoKey, publicJwk: { kty, n, e }, kid: kid as string };
  });

  test('a token forged with the pool’s key and the real claims is accepted, and so is one with client_id and no aud (so each case below fails for its one change)', async () => {
    const fresh = { iat: now(), exp: now() + 600 };
    expect((await client.call('GET', 'secret', { token: await forge({ ...claims, ...fresh }) })).status).toBe(200);
    const { aud, ...withoutAud } = claims;
    const viaClientId = await forge({ ...withoutAud, client_id: aud, ...fresh });
    expect((await client.call('GET', 'secret', { token: viaClientId })).status).toBe(200);
  });

  const forgeries: Array<[string, () => Promise<string>]> = [
    ['an expired token', () => forge({ ...claims, iat: now() - 7200, exp: now() - 3600 })],
    ['a token not valid yet (nbf)', () => forge({ ...claims, iat: now(), nbf: now() + 3600, exp: now() + 7200 })],
    ['a token issued in the future (iat)', () => forge({ ...claims, iat: now() + 3600, exp: now() + 7200 })],
    ['another key under the pool’s kid', async () => forge(claims, (await generateKeyPair('RS256')).privateKey)],
    ['an unsigned token (alg none)', async () => `${b64url({ alg: 'none', kid: poolKey.kid })}.${b64url(claims)}.`],
    [
      'HS256 keyed with the pool’s public key',
      async () => {
        const pem = await exportSPKI((await importJWK(poolKey.publicJwk, 'RS256')) as CryptoKey);
        return forge(claims, new TextEncoder().encode(pem), { alg: 'HS256', kid: poolKey.kid });
      },
    ],
    [
      'the real token, payload altered',
      async () => {
        const [header, , signature] = tokens.idToken.split('.');
        return `${header}.${b64url({ ...claims, email: 'admin@example.com' })}.${signature}`;
      },
    ],
    ['another issuer', () => forge({ ...claims, iss: String(claims.iss).replace(/[^/]+$/, 'us-east-1_AnotherPool') })],
    ['another audience', () => forge({ ...claims, aud: 'another-app-client-id' })],
    [
      'no aud and another client_id',
      () => {
        const { aud: _aud, ...rest } = claims;
        return forge({ ...rest, client_id: 'another-app-client-id' });
      },
    ],
    ['the refresh token', async () => tokens.refreshToken],
  ];

  test.each(forgeries)(
    '%s: 401 {"message":"Unauthorized"}, www-authenticate invalid_token, the handler never runs',
    async (_, token) => {
      const before = handled();
      const answer = await client.call('GET', 'secret', { token: await token() });
      expect([answer.status, answer.body]).toEqual([401, UNAUTHORIZED]);
      expect(answer.headers.get('www-authenticate')).toContain('error="invalid_token"');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(handled()).toBe(before);
    },
  );
});

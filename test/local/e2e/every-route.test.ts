import { Secret, TOTP } from 'otpauth';
import { safeParse } from 'zod/mini';
import type { $ZodType } from 'zod/v4/core';
import { type RouteSpec, routes } from '../../../contract/routes';
import { FLAVORS, type Flavor } from '../../support/flavors';
import { type Answer, advanceLocalClock, type LocalClient, PASSWORD } from '../../support/local-mode';
import { addToGroups } from '../../support/operator';
import { signedGet } from '../../support/sigv4';
import { SoftwareAuthenticator } from '../../support/software-authenticator';
import { bootFlavorBundled } from './mfa-local-mode';

/**
 * What every row of the route table gets without a test of its own (docs/add-a-route.md, "What you
 * get without writing it"), against local mode over HTTP: a signed-in route refuses a request
 * without a token (401), and a path parameter, query parameter or body its schema refuses is a 400
 * in the envelope before the handler's own code runs. A row added to the table is in here.
 */
const TIMEOUT_MS = 300_000;

const table = (routes as readonly RouteSpec[]).map((route) => [`${route.method} ${route.path}`, route] as const);
const signedIn = table.filter(([, route]) => route.authorization === 'id-token' || route.authorization === 'access-token');

/** The fields of a strict object schema. */
const fieldsOf = (schema: $ZodType | undefined) => Object.keys((schema as { shape?: object } | undefined)?.shape ?? {});

/** A value for each `{name}` of the path that its schema takes (or, with `refused`, the one it refuses). */
const VALID = ['n-1', 'abc', '1', '00000000-0000-4000-8000-000000000000'];
const INVALID = ['has space', '!'.repeat(300), 'a/b', '', 'x'];
const fieldSchema = (schema: $ZodType, name: string) => (schema as unknown as { shape: Record<string, $ZodType> }).shape[name];
function firstThat(schema: $ZodType, name: string, candidates: string[], accepted: boolean): string | undefined {
  return candidates.find((value) => safeParse(fieldSchema(schema, name), value).success === accepted);
}

function pathOf(route: RouteSpec, refused?: string): string {
  return route.path.slice(1).replace(/\{(\w+)\}/g, (_, name: string) => {
    const schema = route.request?.params as $ZodType;
    const value = name === refused ? firstThat(schema, name, INVALID, false) : firstThat(schema, name, VALID, true);
    if (value === undefined) throw new Error(`no ${name === refused ? 'refused' : 'valid'} value found for ${name}`);
    return encodeURIComponent(value);
  });
}

/**
 * Each row's answer on its happy path, by flavor and row (`POST /sign-in` twice: its tokens and its 202 second step),
 * recorded by the journey below and compared across the flavors at the end.
 */
const successes: Record<Flavor, Map<string, Pick<Answer, 'status' | 'body'>>> = { rest: new Map(), http: new Map() };
/**
 * The one row no journey here reaches: the 202 TOTP_SETUP step exists only with `-c mfa=required`, where
 * mfa-required.test.ts holds both flavors to the same exact body.
 */
const ONLY_WITH_MFA_REQUIRED = 'POST /sign-in/totp-setup';

/** The row of the table a call meets: `GET /admin/users/{id}` for `GET admin/users/0000…?x=1`. */
function rowOf(method: string, route: string): string {
  const path = `/${route.split('?')[0]}`;
  const pattern = (template: string) => new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`);
  const row = table.find(([, spec]) => spec.method === method && pattern(spec.path).test(path));
  if (!row) throw new Error(`no row of the table answers ${method} ${path}`);
  return row[0];
}

/**
 * A body with what differs by nature between two runs masked: a token, id, key, session or other opaque string (no
 * blank, 20 characters or more), a timestamp, and a passkey's default name. Everything else (keys, numbers, flags, messages, masked addresses,
 * emails) stays, to be compared as it is.
 */
function natureMasked(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(natureMasked);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, natureMasked(inner)]));
  if (typeof value !== 'string') return value;
  if (/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/.test(value)) return '<timestamp>';
  // A passkey's default name holds a piece of its credential id.
  if (/^Passkey \S+$/.test(value)) return 'Passkey <id>';
  return /^\S{20,}$/.test(value) && !/^[^@\s]+@[\w.-]+$/.test(value) ? '<opaque>' : value;
}

// Both API flavors: the REST API, and the HTTP API (`-c api=http`), whose gateway answers its own
// refusals with fixed bodies (docs/http-api.md); the handlers' answers are the same.
describe.each(FLAVORS)('%s API', (flavor) => {
  let client: LocalClient;
  /** A member of every group a row names, and a user of none. */
  let tokens: { idToken: string; accessToken: string };
  let outsider: { idToken: string; accessToken: string };

  beforeAll(async () => {
    // A stack that deploys every row: the default config leaves out -c passwordless's routes (mfa's and the identity
    // pool's are on by default). A real synth through local mode's cache, shared with passwordless-api.test.ts.
    const everyRow = { passwordless: 'passkey,email-otp', emailFrom: 'no-reply@example.com' };
    client = await bootFlavorBundled(flavor, everyRow);
    await client.signUp('every-route@example.com');
    const groups = [...new Set(table.flatMap(([, route]) => (route.request?.group ? [route.request.group] : [])))];
    await addToGroups(client.stateDir, 'every-route@example.com', groups);
    tokens = (await client.signIn('every-route@example.com')).body;
    outsider = await client.signedInUser('no-group@example.com');
  }, TIMEOUT_MS);
  afterAll(() => client?.close());
  const tokenFor = (route: RouteSpec) =>
    route.authorization === 'id-token' ? tokens.idToken : route.authorization === 'access-token' ? tokens.accessToken : undefined;

  test('the table has signed-in routes, a route with a path parameter and one restricted to a group to try', () => {
    expect(signedIn.length).toBeGreaterThan(5);
    expect(table.some(([, route]) => route.request?.params)).toBe(true);
    expect(table.some(([, route]) => route.request?.group)).toBe(true);
  });

  test.each(signedIn)(
    '%s without a token: 401 Unauthorized, in the envelope or the HTTP API gateway’s fixed body',
    async (_, route) => {
      const answer = await client.call(route.method, pathOf(route));
      expect([answer.status, answer.body]).toEqual(
        flavor === 'http' ? [401, { message: 'Unauthorized' }] : [401, expect.objectContaining({ code: 'Unauthorized' })],
      );
    },
  );

  const grouped = table.filter(([, route]) => route.request?.group);
  test.each(grouped)('%s for a signed-in user outside its group: 403 Forbidden in the envelope', async (_, route) => {
    const token = route.authorization === 'access-token' ? outsider.accessToken : outsider.idToken;
    const answer = await client.call(route.method, pathOf(route), { token });
    expect([answer.status, answer.body?.code]).toEqual([403, 'Forbidden']);
  });

  const withParams = table.filter(([, route]) => route.request?.params);
  describe.each(withParams)('%s', (_, route) => {
    test.each(fieldsOf(route.request?.params))('a {%s} its schema refuses: 400 InvalidRequest naming it', async (name) => {
      const answer = await client.call(route.method, pathOf(route, name), { token: tokenFor(route) });
      expect([answer.status, answer.body?.code]).toEqual([400, 'InvalidRequest']);
      expect(answer.body.message).toContain(`"${name}"`);
    });
  });

  const withBody = table.filter(([, route]) => route.request?.body && route.authorization !== 'iam');
  test.each(withBody)('%s with a field its body does not take: 400 InvalidRequest', async (_, route) => {
    const answer = await client.call(route.method, pathOf(route), { token: tokenFor(route), body: { notAField: 1 } });
    expect([answer.status, answer.body?.code]).toEqual([400, 'InvalidRequest']);
  });

  describe('GET /notes/{id}, the example of docs/add-a-route.md', () => {
    test("answers the note for the id, decoded, and the caller's sub", async () => {
      const me = await client.call('GET', 'me', { token: tokens.idToken });
      const answer = await client.call('GET', 'notes/n%2D42', { token: tokens.idToken });
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ id: 'n-42', text: 'Note n-42: replace me with your own data.', owner: me.body.sub });
    });

    test('an encoded slash stays in the one value, which the schema refuses; a bare slash is another path', async () => {
      const encoded = await client.call('GET', 'notes/a%2Fb', { token: tokens.idToken });
      expect([encoded.status, encoded.body?.code]).toEqual([400, 'InvalidRequest']);
      const notFound = flavor === 'http' ? { message: 'Not Found' } : expect.objectContaining({ code: 'NotFound' });
      const nested = await client.call('GET', 'notes/a/b', { token: tokens.idToken });
      expect([nested.status, nested.body]).toEqual([404, notFound]);
      const empty = await client.call('GET', 'notes/', { token: tokens.idToken });
      expect([empty.status, empty.body]).toEqual([404, notFound]);
    });

    test('the access token is refused: the row wants an id token', async () => {
      const answer = await client.call('GET', 'notes/n-1', { token: tokens.accessToken });
      expect(answer.status).toBe(401);
    });
  });

  test('every row on its happy path, its answer recorded for the comparison of the flavors below', async () => {
    const answered = successes[flavor];
    const record = (row: string, answer: Answer) => {
      expect([row, answer.status]).toEqual([row, expect.any(Number)]);
      expect([row, answer.status < 300]).toEqual([row, true]);
      answered.set(row, { status: answer.status, body: answer.body });
      return answer;
    };
    const call = async (method: string, route: string, options: Parameters<LocalClient['call']>[2] = {}) =>
      record(rowOf(method, route), await client.call(method, route, options));
    // The twin's clock, which this journey moves on by one TOTP step before the second code.
    let skewMs = 0;
    const totp = (secret: string) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: Date.now() + skewMs });

    await call('GET', 'public');
    const ada = 'ada-journey@example.com';
    await call('POST', 'sign-up', { body: { email: ada, password: PASSWORD } });
    await call('POST', 'resend-code', { body: { email: ada } });
    await call('POST', 'confirm', { body: { email: ada, code: await client.latestCode(ada) } });
    const signedIn = (await call('POST', 'sign-in', { body: { email: ada, password: PASSWORD } })).body;
    const renewed = (await call('POST', 'refresh', { body: { refreshToken: signedIn.refreshToken } })).body;
    const { idToken, accessToken } = renewed;
    await call('GET', 'secret', { token: idToken });
    await call('GET', 'me', { token: idToken });
    await call('PATCH', 'me', { token: accessToken, body: { name: 'Ada Lovelace' } });
    await call('GET', 'notes/n-1', { token: idToken });
    const credentials = (await call('POST', 'credentials', { token: idToken })).body;
    answered.set('GET /private', await signedGet(client, 'private', credentials));

    // Two-factor: enrol, sign in with the code a step later, turn it off.
    const { secret } = (await call('POST', 'mfa/totp', { token: accessToken })).body;
    await call('POST', 'mfa/totp/verify', { token: accessToken, body: { code: totp(secret) } });
    const challenged = await client.call('POST', 'sign-in', { body: { email: ada, password: PASSWORD } });
    record('POST /sign-in (a second factor)', challenged);
    await advanceLocalClock(client.local, 30);
    skewMs += 30_000;
    await call('POST', 'sign-in/totp', { body: { email: ada, session: challenged.body.session, code: totp(secret) } });
    await call('DELETE', 'mfa/totp', { token: accessToken });

    // Passkeys, and sign-in with one; then with an emailed code.
    const authenticator = new SoftwareAuthenticator({ origin: 'http://localhost:5173' });
    const options = (await call('POST', 'passkeys/registration-options', { token: accessToken })).body;
    const credential = authenticator.create(options.options);
    await call('POST', 'passkeys', { token: accessToken, body: { credential } });
    await call('GET', 'passkeys', { token: accessToken });
    const begun = (await call('POST', 'sign-in/passkey', { body: { email: ada } })).body;
    await call('POST', 'sign-in/passkey/verify', {
      body: { email: ada, session: begun.session, credential: authenticator.get(begun.options) },
    });
    await call('DELETE', `passkeys/${encodeURIComponent(credential.id)}`, { token: accessToken });
    const emailed = (await call('POST', 'sign-in/email-code', { body: { email: ada } })).body;
    await call('POST', 'sign-in/email-code/verify', {
      body: { email: ada, session: emailed.session, code: await client.latestCode(ada) },
    });

    // The account: password, email, then a forgotten password.
    const newPassword = 'a brand new passphrase';
    await call('POST', 'change-password', { token: accessToken, body: { currentPassword: PASSWORD, newPassword } });
    const moved = 'ada-moved@example.com';
    await call('POST', 'change-email', { token: accessToken, body: { email: moved } });
    await call('POST', 'verify-email', { token: accessToken, body: { code: await client.latestCode(moved) } });
    await call('POST', 'forgot-password', { body: { email: moved } });
    await call('POST', 'reset-password', {
      body: { email: moved, code: await client.latestCode(moved), newPassword: PASSWORD },
    });

    // The admin routes, by a member of every group, on another account.
    const bob = 'bob-journey@example.com';
    const bobSub = JSON.parse(Buffer.from((await client.signedInUser(bob)).idToken.split('.')[1], 'base64url').toString()).sub;
    const adminToken = (await client.signIn('every-route@example.com')).body.accessToken;
    await call('GET', `admin/users?email=${encodeURIComponent(bob)}`, { token: adminToken });
    await call('GET', `admin/users/${bobSub}`, { token: adminToken });
    await call('POST', `admin/users/${bobSub}/disable`, { token: adminToken });
    await call('POST', `admin/users/${bobSub}/enable`, { token: adminToken });
    await call('PUT', `admin/users/${bobSub}/groups/admin`, { token: adminToken });
    await call('DELETE', `admin/users/${bobSub}/groups/admin`, { token: adminToken });
    await call('POST', `admin/users/${bobSub}/sign-out`, { token: adminToken });
    await call('DELETE', `admin/users/${bobSub}/mfa`, { token: adminToken });
    await call('DELETE', `admin/users/${bobSub}`, { token: adminToken });

    // The ends of a session: sign-out, sign-out everywhere, and the account deleted.
    await call('POST', 'sign-out', { body: { refreshToken: (await client.signIn(moved)).body.refreshToken } });
    await call('POST', 'sign-out-everywhere', { token: (await client.signIn(moved)).body.accessToken });
    await call('DELETE', 'me', { token: (await client.signIn(moved)).body.accessToken });
  });
});

describe('every row answers the same body on success in both flavors (issue 26)', () => {
  test('the journeys called every row of the table but one, in each flavor', () => {
    const rows = table.map(([row]) => row).filter((row) => row !== ONLY_WITH_MFA_REQUIRED);
    for (const flavor of FLAVORS) {
      const called = [...successes[flavor].keys()];
      expect([flavor, rows.filter((row) => !called.includes(row))]).toEqual([flavor, []]);
    }
  });

  test('each row: the same status, and the same body once tokens, ids and timestamps are masked', () => {
    const rows = [...successes.rest.keys()];
    expect(rows.length).toBeGreaterThan(40);
    for (const row of rows) {
      const [rest, http] = FLAVORS.map((flavor) => successes[flavor].get(row));
      expect([row, http?.status, natureMasked(http?.body)]).toEqual([row, rest?.status, natureMasked(rest?.body)]);
    }
  });
});

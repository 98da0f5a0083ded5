import { safeParse } from 'zod/mini';
import type { $ZodType } from 'zod/v4/core';
import { type RouteSpec, routes } from '../../../contract/routes';
import type { LocalClient } from '../../support/local-mode';
import { addToGroups } from '../../support/operator';
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

// Both API flavors: the REST API, and the HTTP API (`-c api=http`), whose gateway answers its own
// refusals with fixed bodies (docs/http-api.md); the handlers' answers are the same.
describe.each(['rest', 'http'] as const)('%s API', (flavor) => {
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
});

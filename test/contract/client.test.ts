import { type RouteSpec, routes } from '../../contract/routes';
import { apiClient } from '../../web/src/api';
import { type RequestBodyOf, type ResponseBodyOf, type RouteAt, type RouteKey, routeClient } from '../../web/src/client';

const BASE = 'https://abc123.execute-api.eu-west-1.amazonaws.com/dev/';
const CREDENTIALS = {
  identityId: 'eu-west-1:identity',
  accessKeyId: 'AKIAEXAMPLE',
  secretAccessKey: 'secret',
  sessionToken: 'session',
  expiration: '2030-01-01T00:00:00Z',
};

interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  signed: boolean;
}

/** A client whose requests are recorded and answered with `answer`. */
function recordingClient(answer: () => Response = () => new Response('{"ok":1}', { status: 200 })) {
  const sent: Sent[] = [];
  const record = (signed: boolean) => async (url: string, init: RequestInit) => {
    sent.push({
      method: String(init.method),
      url,
      headers: init.headers as Record<string, string>,
      body: init.body as string,
      signed,
    });
    return answer();
  };
  return { sent, call: routeClient(BASE, { fetch: record(false), signedFetch: (_, url, init) => record(true)(url, init) }) };
}

describe('every route of the table is reachable through routeClient by its docs name', () => {
  test.each((routes as readonly RouteSpec[]).map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s',
    async (key, route) => {
      const { sent, call } = recordingClient();
      const auth = route.authorization;
      const init = {
        ...(auth === 'id-token' || auth === 'access-token' ? { token: 'the.token' } : {}),
        ...(auth === 'iam' ? { signWith: CREDENTIALS } : {}),
        ...(route.request?.body ? { body: { any: 'body' } } : {}),
        // A value with a `/` and a space: it must stay one segment, percent-encoded.
        ...(route.request?.params ? { params: { id: 'a/b c', ...(route.path.includes('{group}') && { group: 'editor' }) } } : {}),
      };
      // The table is read at run time here; in code the key and init are checked against its types.
      const outcome = await (call as (key: RouteKey, init: object) => ReturnType<typeof call>)(key as RouteKey, init);
      expect(outcome).toEqual({ ok: true, body: { ok: 1 } });
      expect(sent).toHaveLength(1);
      const [request] = sent;
      expect(request.method).toBe(route.method);
      expect(request.url).toBe(`${BASE}${route.path.slice(1).replace('{id}', 'a%2Fb%20c').replace('{group}', 'editor')}`);
      expect(request.signed).toBe(auth === 'iam');
      expect(request.headers.Authorization).toBe(auth === 'id-token' || auth === 'access-token' ? 'Bearer the.token' : undefined);
      expect(request.headers['Content-Type']).toBe(route.request?.body ? 'application/json' : undefined);
      expect(request.body).toBe(route.request?.body ? '{"any":"body"}' : undefined);
    },
  );
});

describe('what a call answers', () => {
  test("the contract's error envelope is the problem, with the status", async () => {
    const { call } = recordingClient(
      () => new Response('{"code":"NotAuthorized","message":"Incorrect email or password."}', { status: 401 }),
    );
    expect(await call('POST /sign-in', { body: { email: 'ada@example.com', password: 'x' } })).toEqual({
      ok: false,
      problem: { status: 401, code: 'NotAuthorized', message: 'Incorrect email or password.' },
    });
  });

  test('a 204 answers no body', async () => {
    const { call } = recordingClient(() => new Response(null, { status: 204 }));
    expect(await call('DELETE /me', { token: 't' })).toEqual({ ok: true, body: undefined });
  });

  test('an answer that is not the envelope is UnexpectedResponse', async () => {
    const { call } = recordingClient(() => new Response('<html>Bad gateway</html>', { status: 502 }));
    expect(await call('GET /public')).toEqual({
      ok: false,
      problem: { status: 502, code: 'UnexpectedResponse', message: 'HTTP 502' },
    });
  });

  test.each([
    [401, 'Unauthorized', 'Unauthorized'],
    [403, 'Forbidden', 'AccessDenied'],
    [404, 'Not Found', 'NotFound'],
    [429, 'Too Many Requests', 'TooManyRequests'],
  ])('an HTTP API gateway’s fixed %i {"message":"%s"} is the problem %s', async (status, message, code) => {
    const { call } = recordingClient(() => new Response(JSON.stringify({ message }), { status }));
    expect(await call('GET /secret', { token: 't' })).toEqual({ ok: false, problem: { status, code, message } });
  });

  test('a {"message"} body with more in it, or at another status, is still UnexpectedResponse', async () => {
    const { call } = recordingClient(() => new Response('{"message":"Unauthorized","x":1}', { status: 401 }));
    expect(await call('GET /public')).toEqual({
      ok: false,
      problem: { status: 401, code: 'UnexpectedResponse', message: 'HTTP 401' },
    });
    const other = recordingClient(() => new Response('{"message":"Bad"}', { status: 418 }));
    expect(await other.call('GET /public')).toEqual({
      ok: false,
      problem: { status: 418, code: 'UnexpectedResponse', message: 'HTTP 418' },
    });
  });

  test('no answer at all (the network, or CORS hiding it) is NetworkError', async () => {
    const call = routeClient(BASE, {
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
    });
    expect(await call('GET /public')).toEqual({ ok: false, problem: { status: 0, code: 'NetworkError', message: '' } });
  });

  test('a signed route without a signer is a programming error, said so, not a network one', async () => {
    const call = routeClient(BASE);
    await expect(call('GET /private', { signWith: CREDENTIALS })).rejects.toThrow(
      'GET /private is signed with SigV4: give routeClient a signedFetch',
    );
  });
});

test("the page's client (web/src/api.ts) reaches every route of the table but those it has no use for yet", async () => {
  const reached = new Set<string>();
  const realFetch = globalThis.fetch;
  globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init);
    const routePath = new URL(request.url).pathname.split('/').slice(2).join('/');
    // The admin routes were called with id b and group c: named back as the table names them.
    reached.add(
      `${request.method} /${routePath.replace(/^admin\/users\/b/, 'admin/users/{id}').replace(/\/groups\/c$/, '/groups/{group}')}`,
    );
    return new Response('{}', { status: 200 });
  }) as typeof fetch;
  try {
    const api = apiClient(BASE);
    for (const method of Object.values(api) as Array<(...args: unknown[]) => Promise<unknown>>) {
      await method(CREDENTIALS, 'b', 'c');
    }
  } finally {
    globalThis.fetch = realFetch;
  }
  const table = routes.map((route) => `${route.method} ${route.path}`);
  // GET /public and docs/add-a-route.md's example GET /notes/{id} are for the API's own clients; the
  // Admin panel lists users rather than reading one, and does not sign out or delete another user.
  const forOthers = [
    'GET /public',
    'GET /notes/{id}',
    // The page has no profile form yet; docs/profile.md calls it with the typed client.
    'PATCH /me',
    'GET /admin/users/{id}',
    'POST /admin/users/{id}/sign-out',
    'DELETE /admin/users/{id}',
  ];
  // A path with a {parameter} is reached with a value in its place: each call is named by the row it matches.
  const rowOf = (key: string) => table.find((row) => new RegExp(`^${row.replace(/\{\w+\}/g, '[^/]+')}$`).test(key)) ?? key;
  expect([...reached].map(rowOf).sort()).toEqual(table.filter((key) => !forOthers.includes(key)).sort());
});

// Each @ts-expect-error is checked by `npm run build`: tsc fails when one stops being an error.
test('the types refuse a wrong body, a missing token, an unknown route, a code or a field the contract lacks', async () => {
  const { call, sent } = recordingClient();
  // @ts-expect-error: a body the route's schema refuses (no password)
  await call('POST /sign-up', { body: { email: 'ada@example.com' } });
  // @ts-expect-error: an id-token route without its token
  await call('GET /secret');
  // @ts-expect-error: no such route
  await call('GET /nope');
  // @ts-expect-error: a route with a path parameter, without it
  await call('GET /notes/{id}', { token: 't' });
  // @ts-expect-error: a path parameter the route does not have
  await call('GET /notes/{id}', { token: 't', params: { note: 'n' } });
  const secret = await call('GET /secret', { token: 't' });
  // @ts-expect-error: a code that is not the contract's
  if (!secret.ok && secret.problem.code === 'Nope') return;
  if (secret.ok) {
    // @ts-expect-error: not in /secret's body
    expect(secret.body.nope).toBeUndefined();
  }
  // The bodies by route name, for a frontend's own types.
  const request: RequestBodyOf<RouteAt<'POST /refresh'>> = { refreshToken: 'r' };
  // @ts-expect-error: /me answers emailVerified, a boolean
  const me: ResponseBodyOf<RouteAt<'GET /me'>> = { sub: 's', email: 'e', emailVerified: 'yes' };
  expect([request, me]).toHaveLength(2);
  // At run time the client sends what it is given: the schemas are the handlers' to enforce.
  expect(sent.map((request) => `${request.method} ${request.url.slice(BASE.length)}`)).toEqual([
    'POST sign-up',
    'GET secret',
    'GET nope',
    'GET notes/',
    'GET notes/',
    'GET secret',
  ]);
});

import { type RouteSpec, routes } from '../../../contract/routes';
import { openApiDocument } from '../../../lib/openapi';
import type { LocalClient } from '../../support/local-mode';
import { responseChecker } from '../../support/openapi-responses';
import { bootLocalWith } from './mfa-local-mode';

// With -c api=http the document local mode serves is the HTTP flavor's: API Gateway's own refusals
// are its fixed {"message"} bodies (lib/http-api-answers.ts), and every answer fits the document.
let client: LocalClient;
beforeAll(async () => {
  client = await bootLocalWith({ api: 'http' });
}, 120_000);
afterAll(() => client?.close());

type Document = {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { examples?: object }> }> }>>;
};
const served = async () => (await (await fetch(client.local.openApiUrl)).json()) as Document;

test("GET /_local/openapi.json answers the HTTP flavor's document of the rows the template deploys", async () => {
  const deployed = (routes as readonly RouteSpec[]).filter((row) =>
    client.local.model.routes.some((route) => route.method === row.method && route.path === row.path),
  );
  const document = await served();
  expect(document).toEqual(openApiDocument(client.local.apiUrl, deployed, 'http'));
  expect(document).not.toEqual(openApiDocument(client.local.apiUrl, deployed, 'rest'));
});

test("it lists the HTTP gateway's fixed bodies: 401 Unauthorized, 403 Forbidden for a missing scope or an unsigned call", async () => {
  const document = await served();
  const examples = (path: string, method: string, status: number) =>
    JSON.stringify(document.paths[path][method].responses[status]?.content?.['application/json'].examples ?? {});
  expect(examples('/me', 'get', 401)).toContain('{"message":"Unauthorized"}');
  expect(examples('/sign-out-everywhere', 'post', 403)).toContain('{"message":"Forbidden"}');
  expect(examples('/private', 'get', 403)).toContain('{"message":"Forbidden"}');
  expect(examples('/sign-in', 'post', 429)).toContain('{"message":"Too Many Requests"}');
});

test('every operation answers a bare request, an id token on an account route and an unsigned call with a status and body it documents', async () => {
  const document = await served();
  const check = responseChecker(document);
  const { idToken } = await client.signedInUser('openapi-http@example.com');
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => ({ path, method: method.toUpperCase() })),
  );
  expect(operations).toHaveLength(client.local.model.routes.length);
  const answers = [];
  for (const { path, method } of operations) {
    const bare = await client.call(method, path.slice(1));
    // An id token where an access token is due: the JWT authorizer's missing scope (403 Forbidden).
    const withIdToken = await client.call(method, path.slice(1), { token: idToken });
    for (const { status, body } of [bare, withIdToken])
      answers.push({ route: `${method} ${path}`, status, misfits: check(path, method, status, body) });
  }
  expect(answers.filter((answer) => answer.misfits.length > 0)).toEqual([]);
  // The gateway's own bodies were among them, not only the handlers' envelopes.
  expect(answers.some((answer) => answer.status === 403)).toBe(true);
  expect(answers.some((answer) => answer.status === 401)).toBe(true);
}, 60_000);

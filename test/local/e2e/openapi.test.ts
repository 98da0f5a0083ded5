import { type RouteSpec, routes } from '../../../contract/routes';
import { openApiDocument } from '../../../lib/openapi';
import { bootLocal, type LocalClient } from '../../support/local-mode';
import { responseChecker } from '../../support/openapi-responses';

// Local mode serves the API's OpenAPI document beside the API, not in it.
let client: LocalClient;
beforeAll(async () => {
  client = await bootLocal();
});
afterAll(() => client.close());

type Document = {
  servers: Array<{ url: string }>;
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
};

test('GET /_local/openapi.json answers the generated document, with the local API as its server', async () => {
  const response = await fetch(client.local.openApiUrl);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/json');
  const served = (await response.json()) as Document;
  // The rows this template deploys, as the deployed site's document lists them (lib/web-site.ts).
  const deployed = (routes as readonly RouteSpec[]).filter((row) =>
    client.local.model.routes.some((route) => route.method === row.method && route.path === row.path),
  );
  expect(deployed.length).toBeLessThan(routes.length);
  expect(served).toEqual(openApiDocument(client.local.apiUrl, deployed));
  expect(served.servers).toEqual([{ url: client.local.apiUrl.replace(/\/$/, '') }]);
  expect(new URL(client.local.openApiUrl).pathname).toBe('/_local/openapi.json');
});

test('GET /_local/docs answers the reference page under a strict CSP, and the files it loads beside it', async () => {
  const page = await fetch(client.local.docsUrl);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
  const csp = page.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("default-src 'none'; script-src 'self'; style-src 'self'");
  expect(csp).toContain(`connect-src 'self' ${new URL(client.local.apiUrl).origin}`);
  const html = await page.text();
  // Relative URLs, resolved beside the page: /_local/openapi.json is the document above.
  for (const file of ['swagger-ui.css', 'swagger-ui-bundle.js', 'reference.js', 'favicon.svg']) {
    expect(html).toContain(`"${file}"`);
    expect((await fetch(new URL(file, client.local.docsUrl))).status).toBe(200);
  }
  expect(new URL('openapi.json', client.local.docsUrl).href).toBe(client.local.openApiUrl);
});

test('nothing answers it under the stage’s path: the deployed API has no such route, so local mode has none', async () => {
  const { status, body } = await client.call('GET', '_local/openapi.json');
  expect(status).toBe(404);
  expect(body).toEqual({ code: 'NotFound', message: expect.any(String) });
});

test('every operation the document lists exists in local mode, and answers a bare request with a status and a body it documents', async () => {
  const served = (await (await fetch(client.local.openApiUrl)).json()) as Document;
  const check = responseChecker(served);
  const operations = Object.entries(served.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
  );
  // The rows this template deploys (the default settings leave -c passwordless's out).
  expect(operations).toHaveLength(client.local.model.routes.length);
  for (const { path, method, operation } of operations) {
    const { status, body } = await client.call(method.toUpperCase(), path.slice(1));
    expect({ path, method, documented: Object.keys(operation.responses).includes(String(status)) }).toEqual({
      path,
      method,
      documented: true,
    });
    expect({ path, method, status, misfits: check(path, method, status, body) }).toEqual({ path, method, status, misfits: [] });
  }
});

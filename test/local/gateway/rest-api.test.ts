import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { CognitoAuthorizer } from '../../../local/gateway/cognito-authorizer';
import { LambdaRuntime } from '../../../local/gateway/lambda-runtime';
import { type RunningRestApi, startRestApi } from '../../../local/gateway/rest-api';
import { modelOf, type StackModel } from '../../../local/stack-model';
import { synthTemplate } from '../../support/synth';

// The real template's routes and gateway responses, with GET /public's bundle swapped for a
// misbehaving handler: what API Gateway does with it is the gateway's business, not the handler's.
// No real bundle runs, so the template synthesized without bundling will do.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rest-api-'));
const template = synthTemplate().toJSON();
const realModel = modelOf(template as Parameters<typeof modelOf>[0], process.cwd(), 'us-east-1');
const publicId = realModel.routes.find((r) => r.path === '/public')?.functionId as string;

let api: RunningRestApi;
let runtime: LambdaRuntime;

async function serve(
  handlerSource: string,
  timeoutSeconds = 3,
  throttles: Pick<StackModel, 'throttle' | 'methodThrottles'> = realModel,
): Promise<void> {
  const codeDir = fs.mkdtempSync(path.join(dir, 'fn-'));
  fs.writeFileSync(path.join(codeDir, 'index.js'), handlerSource);
  const model: StackModel = {
    ...realModel,
    throttle: throttles.throttle,
    methodThrottles: throttles.methodThrottles,
    functions: { [publicId]: { ...realModel.functions[publicId], codeDir, timeoutSeconds } },
  };
  runtime = new LambdaRuntime(model.functions, { baseEnvironment: {}, onOutput: () => undefined });
  const authorizer = new CognitoAuthorizer({
    issuer: 'http://127.0.0.1:1/none',
    jwksUri: 'http://127.0.0.1:1/none/.well-known/jwks.json',
    clientIds: [],
  });
  api = await startRestApi({ model, runtime, authorizer, port: 0 });
}

afterEach(async () => {
  await api?.close();
  await runtime?.close();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test.each([
  ['throws', 'exports.handler = async () => { throw new Error("secret detail"); };'],
  ['returns no statusCode', 'exports.handler = async () => ({ body: "{}" });'],
  ['returns a body that is not a string', 'exports.handler = async () => ({ statusCode: 200, body: { ok: true } });'],
  ['returns nothing', 'exports.handler = async () => undefined;'],
])('a handler that %s gets API Gateway’s 502, in the envelope, with no detail', async (_, source) => {
  await serve(source);
  const response = await fetch(`${api.url}public`);
  const body = await response.json();
  expect(response.status).toBe(502);
  expect(body).toEqual({
    code: 'InternalError',
    message: `Something went wrong on our side (request id ${response.headers.get('x-amzn-requestid')}).`,
  });
  expect(JSON.stringify(body)).not.toContain('secret detail');
});

test('a handler that times out gets a 502 as well', async () => {
  await serve('exports.handler = () => new Promise(() => {});', 0.25);
  const response = await fetch(`${api.url}public`);
  expect(response.status).toBe(502);
});

test('the handler receives a v1 proxy event: headers as sent, query strings, request context with stage and request id', async () => {
  await serve('exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event) });');
  const response = await fetch(`${api.url}public?a=1&a=2&b=x`, { headers: { 'X-Custom': 'Yes' } });
  expect(await response.json()).toMatchObject({
    resource: '/public',
    path: '/public',
    httpMethod: 'GET',
    headers: { 'X-Custom': 'Yes' },
    multiValueHeaders: { 'X-Custom': ['Yes'] },
    queryStringParameters: { a: '2', b: 'x' },
    multiValueQueryStringParameters: { a: ['1', '2'], b: ['x'] },
    body: null,
    isBase64Encoded: false,
    requestContext: {
      stage: 'dev',
      resourcePath: '/public',
      httpMethod: 'GET',
      requestId: response.headers.get('x-amzn-requestid'),
      authorizer: null,
    },
  });
});

test('headers and query parameters named constructor or __proto__ reach the handler as any others, never a 502', async () => {
  await serve('exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event) });');
  // node:http, because fetch drops a header named __proto__.
  const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const headers = Object.fromEntries([
      ['constructor', 'c'],
      ['__proto__', 'p'],
    ]);
    http
      .get(`${api.url}public?constructor=1&__proto__=2&toString=3`, { headers }, (response) => {
        let body = '';
        response.on('data', (chunk) => {
          body += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: body }));
      })
      .on('error', reject);
  });
  expect(status).toBe(200);
  // JSON.parse keeps a "__proto__" member as an own property, which only its descriptor shows.
  const event = JSON.parse(text);
  const own = (object: object, name: string) => Object.getOwnPropertyDescriptor(object, name)?.value;
  expect(own(event.multiValueHeaders, 'constructor')).toEqual(['c']);
  expect(own(event.multiValueHeaders, '__proto__')).toEqual(['p']);
  expect(own(event.queryStringParameters, 'constructor')).toBe('1');
  expect(own(event.queryStringParameters, 'toString')).toBe('3');
  expect(own(event.multiValueQueryStringParameters, '__proto__')).toEqual(['2']);
});

test('the status, headers and body the handler returns are what the client gets', async () => {
  await serve('exports.handler = async () => ({ statusCode: 418, headers: { "X-Teapot": "short" }, body: "{\\"ok\\":1}" });');
  const response = await fetch(`${api.url}public`);
  expect(response.status).toBe(418);
  expect(response.headers.get('x-teapot')).toBe('short');
  expect(await response.text()).toBe('{"ok":1}');
});

test("the stage's throttling answers 429 TooManyRequests in the envelope once the burst is spent", async () => {
  await serve('exports.handler = async () => ({ statusCode: 200, body: "{}" });', 3, {
    throttle: { rateLimit: 1, burstLimit: 3 },
  });
  const statuses = [];
  for (let i = 0; i < 5; i++) statuses.push((await fetch(`${api.url}public`)).status);
  expect(statuses).toEqual([200, 200, 200, 429, 429]);
  const throttled = await fetch(`${api.url}public`);
  expect(await throttled.json()).toEqual({ code: 'TooManyRequests', message: expect.any(String) });
});

test("a method with a throttle of its own answers 429 once its burst is spent, while the stage's bucket still serves the others", async () => {
  await serve('exports.handler = async () => ({ statusCode: 200, body: "{}" });', 3, {
    throttle: realModel.throttle,
    methodThrottles: { 'GET /public': { rateLimit: 1, burstLimit: 2 } },
  });
  const statuses = [];
  for (let i = 0; i < 4; i++) statuses.push((await fetch(`${api.url}public`)).status);
  expect(statuses).toEqual([200, 200, 429, 429]);
  // GET /secret takes from the stage's bucket: its authorizer answers, not the throttle.
  expect((await fetch(`${api.url}secret`)).status).toBe(401);
});

test('the template sets a stage throttle and lower ones for the unauthenticated routes, and local mode reads them', () => {
  expect(realModel.throttle).toEqual({ rateLimit: 100, burstLimit: 200 });
  expect(realModel.methodThrottles?.['POST /sign-in']).toEqual({ rateLimit: 10, burstLimit: 20 });
  expect(realModel.methodThrottles?.['GET /secret']).toBeUndefined();
});

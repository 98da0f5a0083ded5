import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startHttpApi } from '../../../local/gateway/http-api';
import { LambdaRuntime } from '../../../local/gateway/lambda-runtime';
import type { RunningRestApi } from '../../../local/gateway/rest-api';
import { modelOf, type StackModel } from '../../../local/stack-model';
import { synthTemplate } from '../../support/synth';

// The HTTP API flavor's template (-c api=http), with GET /public's bundle swapped for a handler of
// the test's own: what the gateway does around it (docs/http-api.md). No real bundle runs.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'http-api-'));
const template = synthTemplate({ api: 'http' }).toJSON();
const realModel = modelOf(template as Parameters<typeof modelOf>[0], process.cwd(), 'us-east-1');
const publicId = realModel.routes.find((r) => r.path === '/public')?.functionId as string;

let api: RunningRestApi;
let runtime: LambdaRuntime;

async function serve(handlerSource: string): Promise<void> {
  const codeDir = fs.mkdtempSync(path.join(dir, 'fn-'));
  fs.writeFileSync(path.join(codeDir, 'index.js'), handlerSource);
  const model: StackModel = {
    ...realModel,
    functions: { [publicId]: { ...realModel.functions[publicId], codeDir, timeoutSeconds: 3 } },
  };
  runtime = new LambdaRuntime(model.functions, { baseEnvironment: {}, onOutput: () => undefined });
  api = await startHttpApi({ model, runtime, port: 0 });
}

afterEach(async () => {
  await api?.close();
  await runtime?.close();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('a handler that throws gets the HTTP API’s fixed 500, with no detail', async () => {
  expect(realModel.flavor).toBe('http');
  await serve('exports.handler = async () => { throw new Error("secret detail"); };');
  const response = await fetch(`${api.url}public`);
  expect([response.status, await response.json()]).toEqual([500, { message: 'Internal Server Error' }]);
});

// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
test('the handler receives a 2.0 event: route key, raw path and query, lower-case headers, repeated values joined by commas, cookies', async () => {
  await serve('exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event) });');
  const response = await fetch(`${api.url}public?a=1&a=2&b=x`, {
    headers: { 'X-Custom': 'Yes', Cookie: 'c1=v1; c2=v2' },
  });
  const event = (await response.json()) as { headers: Record<string, string> };
  expect(event).toMatchObject({
    version: '2.0',
    routeKey: 'GET /public',
    // The named stage is in rawPath (reported for named stages; unverified).
    rawPath: `/${realModel.stageName}/public`,
    rawQueryString: 'a=1&a=2&b=x',
    queryStringParameters: { a: '1,2', b: 'x' },
    cookies: ['c1=v1', 'c2=v2'],
    requestContext: { http: { method: 'GET' }, stage: realModel.stageName },
  });
  expect(event.headers['x-custom']).toBe('Yes');
  expect(Object.keys(event.headers).every((name: string) => name === name.toLowerCase())).toBe(true);
});

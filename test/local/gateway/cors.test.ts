import { CognitoAuthorizer } from '../../../local/gateway/cognito-authorizer';
import { LambdaRuntime } from '../../../local/gateway/lambda-runtime';
import { type RunningRestApi, startRestApi } from '../../../local/gateway/rest-api';
import { modelOf } from '../../../local/stack-model';
import { synthTemplate } from '../../support/synth';

// The prod stage's template, read as local mode reads any: it allows no browser origin by default.
// No request here reaches a handler, so the bundles are not needed (bundling is skipped).
const template = synthTemplate({ stage: 'prod' }).toJSON();
const model = modelOf(template as Parameters<typeof modelOf>[0], process.cwd(), 'us-east-1');
const pageOrigin = { Origin: 'http://127.0.0.1:5173' };

let api: RunningRestApi;
let runtime: LambdaRuntime;

beforeAll(async () => {
  runtime = new LambdaRuntime(model.functions, { baseEnvironment: {}, onOutput: () => undefined });
  const authorizer = new CognitoAuthorizer({
    issuer: 'http://127.0.0.1:1/none',
    jwksUri: 'http://127.0.0.1:1/none/.well-known/jwks.json',
    clientIds: [],
  });
  api = await startRestApi({ model, runtime, authorizer, port: 0 });
});

afterAll(async () => {
  await api.close();
  await runtime.close();
});

describe('local mode with no CORS origin (the prod stage by default)', () => {
  test('the template has no preflight for local mode to answer', () => {
    expect(model.preflights).toEqual({});
  });

  test('a preflight gets the unknown-route 404, without Access-Control-Allow-Origin, as on API Gateway', async () => {
    const response = await fetch(`${api.url}sign-in`, {
      method: 'OPTIONS',
      headers: { ...pageOrigin, 'Access-Control-Request-Method': 'POST' },
    });
    expect(response.status).toBe(404);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('a gateway response (401 without a token) allows no origin either', async () => {
    const response = await fetch(`${api.url}secret`, { headers: pageOrigin });
    expect(response.status).toBe(401);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('local mode with an allowed origin (-c corsOrigins=https://app.example)', () => {
  const allowed = synthTemplate({ stage: 'prod', corsOrigins: 'https://app.example' }).toJSON();
  const withOrigin = modelOf(allowed as Parameters<typeof modelOf>[0], process.cwd(), 'us-east-1');
  let open: RunningRestApi;
  let openRuntime: LambdaRuntime;

  beforeAll(async () => {
    openRuntime = new LambdaRuntime(withOrigin.functions, { baseEnvironment: {}, onOutput: () => undefined });
    const authorizer = new CognitoAuthorizer({
      issuer: 'http://127.0.0.1:1/none',
      jwksUri: 'http://127.0.0.1:1/none/.well-known/jwks.json',
      clientIds: [],
    });
    open = await startRestApi({ model: withOrigin, runtime: openRuntime, authorizer, port: 0 });
  });

  afterAll(async () => {
    await open.close();
    await openRuntime.close();
  });

  test("a preflight is answered from the template's mock: 204, the origin, and Cache-Control: no-store", async () => {
    const response = await fetch(`${open.url}sign-in`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://app.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});

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

import { handler } from '../../lambda/public';
import { apiEvent, lambdaContext } from '../support/events';

const get = (headers: Record<string, string>) =>
  handler(apiEvent({ method: 'GET', resource: '/public', headers }), lambdaContext);

beforeEach(() => {
  process.env.CORS_ALLOWED_ORIGINS = JSON.stringify(['https://app.example', 'http://127.0.0.1:5173']);
});

test('an allowed origin is echoed back, with Vary: Origin', async () => {
  const response = await get({ Origin: 'https://app.example' });
  expect(response.headers).toMatchObject({ 'Access-Control-Allow-Origin': 'https://app.example', Vary: 'Origin' });
});

test('the Origin header is matched whatever its case', async () => {
  const response = await get({ origin: 'http://127.0.0.1:5173' });
  expect(response.headers?.['Access-Control-Allow-Origin']).toBe('http://127.0.0.1:5173');
});

test('any other origin gets no Access-Control-Allow-Origin, so its page cannot read the answer', async () => {
  const response = await get({ Origin: 'https://evil.example' });
  expect(response.headers?.['Access-Control-Allow-Origin']).toBeUndefined();
  expect(response.headers?.Vary).toBe('Origin');
});

test('"*" allows every origin', async () => {
  process.env.CORS_ALLOWED_ORIGINS = JSON.stringify(['*']);
  const response = await get({ Origin: 'https://anywhere.example' });
  expect(response.headers?.['Access-Control-Allow-Origin']).toBe('*');
});

test('with no origin configured (a stage other than dev, by default), no origin gets Access-Control-Allow-Origin', async () => {
  delete process.env.CORS_ALLOWED_ORIGINS;
  for (const origin of ['http://127.0.0.1:5173', 'https://app.example', 'null']) {
    const response = await get({ Origin: origin });
    expect(response.headers?.['Access-Control-Allow-Origin']).toBeUndefined();
    expect(response.headers?.Vary).toBe('Origin');
  }
});

test('errors carry the CORS headers too, so a browser can read them', async () => {
  const { handler: secret } = await import('../../lambda/secret');
  const response = await secret(
    apiEvent({ method: 'GET', resource: '/secret', headers: { Origin: 'https://app.example' } }),
    lambdaContext,
  );
  expect(response.statusCode).toBe(401);
  expect(response.headers?.['Access-Control-Allow-Origin']).toBe('https://app.example');
});

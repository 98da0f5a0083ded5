import { handler as publicHandler } from '../../lambda/public';
import { handler } from '../../lambda/secret';
import { apiEvent, lambdaContext, parse } from '../support/events';

test('GET /secret answers 200 with the sub and email from the authorizer claims', async () => {
  const event = apiEvent({
    method: 'GET',
    resource: '/secret',
    claims: { sub: 'sub-1', email: 'ada@example.com', email_verified: 'true' },
  });
  const response = await handler(event, lambdaContext);
  expect(response.statusCode).toBe(200);
  expect(parse(response)).toEqual({
    message: 'Hello from a route only signed-in users reach.',
    user: { sub: 'sub-1', email: 'ada@example.com' },
  });
});

test('GET /secret without authorizer claims answers 401 Unauthorized rather than trusting the request', async () => {
  const response = await handler(apiEvent({ method: 'GET', resource: '/secret' }), lambdaContext);
  expect(response.statusCode).toBe(401);
  expect(parse(response).code).toBe('Unauthorized');
});

test('GET /public answers 200 with a message', async () => {
  const response = await publicHandler(apiEvent({ method: 'GET', resource: '/public' }), lambdaContext);
  expect(response.statusCode).toBe(200);
  expect(parse(response)).toEqual({ message: 'Hello from a public route: no token needed.' });
  expect(response.headers).toMatchObject({ 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
});

import { methodThrottleOf } from '../../../contract/routes';
import { configDefaults } from '../../../lib/config';
import { bootLocal, type LocalClient } from '../../support/local-mode';

// The method throttles of contract/routes.ts, as local mode reads them from the synthesized template and
// applies them, through real HTTP: a flood of one unauthenticated route spends that route's bucket only.
let client: LocalClient;
beforeAll(async () => {
  client = await bootLocal();
});
afterAll(() => client.close());

test('a burst on POST /sign-in past its own limit answers 429 TooManyRequests, while GET /public and POST /confirm still answer', async () => {
  const stage = { rateLimit: configDefaults.throttlingRateLimit, burstLimit: configDefaults.throttlingBurstLimit };
  const { rateLimit, burstLimit } = methodThrottleOf('anonymous', stage);
  // All at once (an empty body is the handler's 400, no Cognito call); the bucket refills at its
  // rate meanwhile, so at most the burst and what the elapsed time refilled get through.
  const started = performance.now();
  const flood = await Promise.all(Array.from({ length: 3 * burstLimit }, () => client.call('POST', 'sign-in', { body: {} })));
  const seconds = (performance.now() - started) / 1000;
  const passed = flood.filter((answer) => answer.status === 400).length;
  expect(passed).toBeLessThanOrEqual(burstLimit + Math.ceil(seconds * rateLimit));
  expect(flood.filter((answer) => answer.status === 429).length).toBe(flood.length - passed);
  expect(passed).toBeLessThan(flood.length);
  expect(flood.find((answer) => answer.status === 429)?.body).toEqual({ code: 'TooManyRequests', message: expect.any(String) });

  // The stage's bucket, and POST /confirm's own, are untouched.
  expect((await client.call('GET', 'public')).status).toBe(200);
  expect((await client.call('POST', 'confirm', { body: {} })).status).toBe(400);
});

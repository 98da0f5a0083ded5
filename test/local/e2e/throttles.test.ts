import { methodThrottleOf } from '../../../contract/routes';
import { configDefaults } from '../../../lib/config';
import { FLAVORS, gateway } from '../../support/flavors';
import type { LocalClient } from '../../support/local-mode';
import { bootFlavor } from './mfa-local-mode';

// The method throttles of contract/routes.ts, as local mode reads them from the synthesized template and
// applies them, through real HTTP: a flood of one unauthenticated route spends that route's bucket only.
// Both API flavors (docs/http-api.md): the REST API's method throttles and the HTTP API's route settings.
describe.each(FLAVORS)('%s API', (flavor) => {
  let client: LocalClient;
  beforeAll(async () => {
    client = await bootFlavor(flavor);
  }, 120_000);
  afterAll(() => client?.close());

  test('a burst on POST /sign-in past its own limit answers the gateway’s 429, while GET /public and POST /confirm still answer', async () => {
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
    const throttled = flood.find((answer) => answer.status === 429);
    expect([throttled?.status, throttled?.body]).toEqual(gateway(flavor).throttled);

    // The stage's bucket, and POST /confirm's own, are untouched.
    expect((await client.call('GET', 'public')).status).toBe(200);
    expect((await client.call('POST', 'confirm', { body: {} })).status).toBe(400);
  });
});

import { FLAVORS, gateway } from '../../support/flavors';
import { PASSWORD } from '../../support/local-mode';
import { bootMfaLocal, type MfaLocal } from './mfa-local-mode';

// `-c mfa=off`: password sign-in only. The stack has no two-factor routes, so the gateway answers
// them as any path it does not know; the twin reads MFA OFF from the template.
// Both API flavors (docs/http-api.md): the REST API, and the HTTP API of `-c api=http`.
describe.each(FLAVORS)('%s API', (flavor) => {
  let mfa: MfaLocal;
  // An in-process synth and a local mode start: tens of seconds on a busy two-core machine.
  beforeAll(async () => {
    mfa = await bootMfaLocal('off', flavor);
  }, 120_000);
  afterAll(() => mfa?.close());

  test('sign-in is one step: 200 and the tokens', async () => {
    await mfa.signUp('password-only@example.com');
    const { status, body } = await mfa.signIn('password-only@example.com');
    expect(status).toBe(200);
    expect(body).toEqual(expect.objectContaining({ accessToken: expect.any(String), tokenType: 'Bearer' }));
  });

  test.each([
    ['POST', 'mfa/totp'],
    ['POST', 'mfa/totp/verify'],
    ['DELETE', 'mfa/totp'],
    ['POST', 'sign-in/totp-setup'],
    ['POST', 'sign-in/totp'],
  ])('%s /%s is not a route: the gateway’s 404, with a valid access token too', async (method, route) => {
    const { accessToken } = (await mfa.signIn('password-only@example.com', PASSWORD)).body;
    const { status, body } = await mfa.call(method, route, { token: accessToken, body: { code: '123456' } });
    expect([status, body]).toEqual(gateway(flavor).notFound);
  });
});

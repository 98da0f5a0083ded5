import { FLAVORS } from '../../support/flavors';
import { type LocalClient, PASSWORD } from '../../support/local-mode';
import { bootFlavor } from './mfa-local-mode';

// The codes mailed to an email (sign-up confirmation, password reset), refused: the answer must not
// tell whether the email has an account. Through real HTTP, with the twin's clock moved past a
// code's lifetime. SECURITY.md says which routes tell what.

const HOUR = 60 * 60 * 1000;
let now = Date.now();
// Both API flavors (docs/http-api.md): the REST API, and the HTTP API of `-c api=http`.
describe.each(FLAVORS)('%s API', (flavor) => {
  let client: LocalClient;
  beforeAll(async () => {
    client = await bootFlavor(flavor, undefined, { now: () => now });
  }, 120_000);
  afterAll(() => client?.close());

  /** What a caller can compare: the status and the body's bytes. */
  const seen = async (route: string, body: object) => {
    const { status, text } = await client.call('POST', route, { body });
    return { status, text };
  };
  const REFUSED = {
    status: 400,
    text: JSON.stringify({ code: 'CodeMismatch', message: 'The code is wrong or has expired: request a new one.' }),
  };
  const otherThan = (code: string) => (code === '000000' ? '111111' : '000000');

  test('POST /reset-password answers a wrong code, an expired code, an unknown email and a known email with no pending code byte for byte alike', async () => {
    const newPassword = 'a brand new passphrase';
    const [asked, expired, idle] = ['asked@example.com', 'expired@example.com', 'idle@example.com'];
    for (const email of [asked, expired, idle]) await client.signUp(email);
    for (const email of [asked, expired])
      expect((await client.call('POST', 'forgot-password', { body: { email } })).status).toBe(200);
    const code = await client.latestCode(asked);

    const answers = {
      'a wrong code': await seen('reset-password', { email: asked, code: otherThan(code), newPassword }),
      'an unknown email': await seen('reset-password', { email: 'nobody@example.com', code, newPassword }),
      'a known email with no pending code': await seen('reset-password', { email: idle, code, newPassword }),
    };
    // A reset code lives one hour (local/cognito-twin/codes.ts).
    now += HOUR + 1000;
    const expiredAnswer = await seen('reset-password', { email: expired, code: await client.latestCode(expired), newPassword });
    expect({ ...answers, 'an expired code': expiredAnswer }).toEqual({
      'a wrong code': REFUSED,
      'an unknown email': REFUSED,
      'a known email with no pending code': REFUSED,
      'an expired code': REFUSED,
    });
    // None of them changed a password.
    for (const email of [asked, expired, idle]) expect((await client.signIn(email, PASSWORD)).status).toBe(200);
  });

  test('POST /confirm answers a wrong code, an expired code and an unknown email byte for byte alike', async () => {
    const [fresh, stale] = ['fresh@example.com', 'stale@example.com'];
    for (const email of [fresh, stale]) {
      expect((await client.call('POST', 'sign-up', { body: { email, password: PASSWORD } })).status).toBe(201);
    }
    const code = await client.latestCode(fresh);
    const answers = {
      'a wrong code': await seen('confirm', { email: fresh, code: otherThan(code) }),
      'an unknown email': await seen('confirm', { email: 'no-such-user@example.com', code }),
    };
    // A sign-up code lives 24 hours.
    now += 24 * HOUR + 1000;
    const expiredAnswer = await seen('confirm', { email: stale, code: await client.latestCode(stale) });
    expect({ ...answers, 'an expired code': expiredAnswer }).toEqual({
      'a wrong code': REFUSED,
      'an unknown email': REFUSED,
      'an expired code': REFUSED,
    });
  });
});

import { FLAVORS } from '../../support/flavors';
import type { LocalClient } from '../../support/local-mode';
import { SoftwareAuthenticator } from '../../support/software-authenticator';
import { bootFlavorBundled } from './mfa-local-mode';

/** A real synth (its handlers bundled, unless the synth cache has them) and booting local mode: a minute or more. */
const SYNTH_AND_BOOT_MS = 300_000;
/** The local page's origin as a browser names it for passkeys (lib/config.ts, passkeyRelyingPartyId: localhost). */
const ORIGIN = 'http://localhost:5173';

/**
 * The passwordless routes end to end in local mode, on a stack with `-c passwordless=passkey,email-otp`: the real
 * handlers behind the local gateway, the twin behind them, and a software authenticator in place of the browser's.
 */
describe.each(FLAVORS)('passwordless sign-in through the API (-c passwordless=passkey,email-otp), %s API', (flavor) => {
  let client: LocalClient;
  beforeAll(async () => {
    client = await bootFlavorBundled(flavor, { passwordless: 'passkey,email-otp', emailFrom: 'no-reply@example.com' });
  }, SYNTH_AND_BOOT_MS);
  afterAll(() => client?.close());

  test('register a passkey, sign in with it, remove it, and see passkey sign-in refused', async () => {
    const { accessToken } = await client.signedInUser('pia@example.com');
    const authenticator = new SoftwareAuthenticator({ origin: ORIGIN });

    const options = await client.call('POST', 'passkeys/registration-options', { token: accessToken });
    expect(options.status).toBe(200);
    expect(options.body.options.rp.id).toBe('localhost');
    const credential = authenticator.create(options.body.options);
    expect((await client.call('POST', 'passkeys', { token: accessToken, body: { credential } })).status).toBe(201);
    const listed = await client.call('GET', 'passkeys', { token: accessToken });
    expect(listed.body).toEqual({
      passkeys: [
        { id: credential.id, name: expect.any(String), createdAt: expect.any(String), authenticatorAttachment: 'platform' },
      ],
    });

    const begun = await client.call('POST', 'sign-in/passkey', { body: { email: 'pia@example.com' } });
    expect(begun.status).toBe(202);
    expect(begun.body).toMatchObject({ challenge: 'WEB_AUTHN', session: expect.any(String), options: { rpId: 'localhost' } });
    const assertion = authenticator.get(begun.body.options);
    const verified = await client.call('POST', 'sign-in/passkey/verify', {
      body: { email: 'pia@example.com', session: begun.body.session, credential: assertion },
    });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({
      idToken: expect.any(String),
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
    });
    // The same assertion again: its session is used up.
    const replayed = await client.call('POST', 'sign-in/passkey/verify', {
      body: { email: 'pia@example.com', session: begun.body.session, credential: assertion },
    });
    expect([replayed.status, replayed.body.code]).toEqual([401, 'NotAuthorized']);

    const encodedId = encodeURIComponent(credential.id);
    expect((await client.call('DELETE', `passkeys/${encodedId}`, { token: accessToken })).status).toBe(204);
    expect((await client.call('DELETE', `passkeys/${encodedId}`, { token: accessToken })).body.code).toBe('NotFound');
    const refused = await client.call('POST', 'sign-in/passkey', { body: { email: 'pia@example.com' } });
    const unknown = await client.call('POST', 'sign-in/passkey', { body: { email: 'nobody@example.com' } });
    expect([refused.status, refused.body]).toEqual([401, { code: 'NotAuthorized', message: expect.any(String) }]);
    // No passkey and no account answer alike.
    expect(unknown.body).toEqual(refused.body);
  });

  test('a passkey made on another site is refused at registration', async () => {
    const { accessToken } = await client.signedInUser('ivo@example.com');
    const options = await client.call('POST', 'passkeys/registration-options', { token: accessToken });
    const credential = new SoftwareAuthenticator({ origin: 'https://evil.example' }).create(options.body.options);
    const answer = await client.call('POST', 'passkeys', { token: accessToken, body: { credential } });
    expect([answer.status, answer.body.code]).toEqual([400, 'InvalidRequest']);
    expect(answer.body.message).toMatch(/another site/);
  });

  test('sign in with an emailed code: a wrong code is 400, the right one answers the tokens', async () => {
    await client.signUp('eve@example.com');
    const begun = await client.call('POST', 'sign-in/email-code', { body: { email: 'eve@example.com' } });
    expect(begun.status).toBe(202);
    expect(begun.body).toEqual({
      challenge: 'EMAIL_OTP',
      session: expect.any(String),
      codeDelivery: { medium: 'EMAIL', destination: 'e***@e***.com' },
    });
    const code = await client.latestCode('eve@example.com');
    const wrong = await client.call('POST', 'sign-in/email-code/verify', {
      body: { email: 'eve@example.com', session: begun.body.session, code: code === '000000' ? '111111' : '000000' },
    });
    expect([wrong.status, wrong.body.code]).toEqual([400, 'CodeMismatch']);
    const right = await client.call('POST', 'sign-in/email-code/verify', {
      body: { email: 'eve@example.com', session: begun.body.session, code },
    });
    expect(right.status).toBe(200);
    expect(right.body.refreshToken).toEqual(expect.any(String));
  });

  test('an unknown email is answered as a known one, and no code it is sent matches', async () => {
    const begun = await client.call('POST', 'sign-in/email-code', { body: { email: 'nobody@example.com' } });
    expect([begun.status, begun.body.challenge, begun.body.codeDelivery]).toEqual([
      202,
      'EMAIL_OTP',
      { medium: 'EMAIL', destination: 'n***@e***.com' },
    ]);
    const verified = await client.call('POST', 'sign-in/email-code/verify', {
      body: { email: 'nobody@example.com', session: begun.body.session, code: '123456' },
    });
    expect([verified.status, verified.body.code]).toEqual([400, 'CodeMismatch']);
  });

  test('a malformed credential is a 400 before Cognito is asked', async () => {
    const answer = await client.call('POST', 'sign-in/passkey/verify', {
      body: { email: 'pia@example.com', session: 'AYAB'.padEnd(40, 'x'), credential: { id: 'not base64url!' } },
    });
    expect([answer.status, answer.body.code]).toEqual([400, 'InvalidRequest']);
  });
});

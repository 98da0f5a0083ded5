import { URI } from 'otpauth';
import { FLAVORS } from '../../support/flavors';
import { bootMfaLocal, HandledSecrets, type MfaLocal, SIGNED_IN, STEP_MS } from './mfa-local-mode';

// `-c mfa=required` through real HTTP: every user must have a second factor, and one without sets it
// up at sign-in. The stack is synthesized with that context; the twin reads MFA ON from its template.
// Both API flavors (docs/http-api.md): the REST API, and the HTTP API of `-c api=http`.
describe.each(FLAVORS)('%s API', (flavor) => {
  let mfa: MfaLocal;
  // An in-process synth and a local mode start: tens of seconds on a busy two-core machine.
  beforeAll(async () => {
    mfa = await bootMfaLocal('required', flavor);
  }, 120_000);
  afterAll(() => mfa?.close());

  const handled = new HandledSecrets();

  function code(secret: string): string {
    const value = mfa.codeFor(secret);
    handled.codes.push(value);
    return value;
  }

  describe('a new user is walked through setting up an authenticator at sign-in', () => {
    const email = 'first-time@example.com';
    let secret: string;
    let accessToken: string;

    test('POST /sign-in answers 202 TOTP_SETUP; /sign-in/totp-setup the key, its URI and a new session; /sign-in/totp with a code the tokens', async () => {
      await mfa.signUp(email);
      const started = await mfa.signIn(email);
      expect([started.status, started.body]).toEqual([202, { challenge: 'TOTP_SETUP', session: expect.any(String) }]);
      handled.sessions.push(started.body.session);

      const setup = await mfa.call('POST', 'sign-in/totp-setup', { body: { email, session: started.body.session } });
      expect([setup.status, setup.body]).toEqual([
        200,
        { secret: expect.stringMatching(/^[A-Z2-7]{32}$/), otpauthUri: expect.any(String), session: expect.any(String) },
      ]);
      ({ secret } = setup.body);
      handled.secrets.push(secret);
      handled.sessions.push(setup.body.session);
      const uri = URI.parse(setup.body.otpauthUri);
      expect([uri.label, uri.issuer, uri.secret.base32]).toEqual([email, 'cognito-auth-api (dev)', secret]);
      // The session of the password step was used: the setup cannot be asked twice with it.
      const again = await mfa.call('POST', 'sign-in/totp-setup', { body: { email, session: started.body.session } });
      expect([again.status, again.body.code]).toEqual([401, 'NotAuthorized']);

      const signedIn = await mfa.call('POST', 'sign-in/totp', {
        body: { email, session: setup.body.session, code: code(secret) },
      });
      expect([signedIn.status, signedIn.body]).toEqual([200, SIGNED_IN]);
      accessToken = signedIn.body.accessToken;
      const me = await mfa.call('GET', 'me', { token: signedIn.body.idToken });
      expect([me.status, me.body.email]).toEqual([200, email]);
    });

    test('the next sign-in asks for the code of the authenticator just set up: 202 TOTP, then 200', async () => {
      const { status, body } = await mfa.signIn(email);
      expect([status, body]).toEqual([202, { challenge: 'TOTP', session: expect.any(String) }]);
      handled.sessions.push(body.session);
      mfa.advance(STEP_MS);
      const signedIn = await mfa.call('POST', 'sign-in/totp', { body: { email, session: body.session, code: code(secret) } });
      expect([signedIn.status, signedIn.body]).toEqual([200, SIGNED_IN]);
    });

    test('DELETE /mfa/totp answers 409 MfaRequired, and sign-in still asks for the code', async () => {
      const { status, body } = await mfa.call('DELETE', 'mfa/totp', { token: accessToken });
      expect([status, body]).toEqual([
        409,
        {
          code: 'MfaRequired',
          message:
            'This deployment requires a second factor, so it cannot be turned off; POST /mfa/totp and /mfa/totp/verify replace it.',
        },
      ]);
      const next = await mfa.signIn(email);
      expect([next.status, next.body.challenge]).toEqual([202, 'TOTP']);
    });

    test('POST /mfa/totp and /mfa/totp/verify replace the authenticator: the old key’s codes stop signing in, the new key’s do', async () => {
      const { body } = await mfa.call('POST', 'mfa/totp', { token: accessToken });
      handled.secrets.push(body.secret);
      mfa.advance(STEP_MS);
      const verified = await mfa.call('POST', 'mfa/totp/verify', { token: accessToken, body: { code: code(body.secret) } });
      expect([verified.status, verified.body]).toEqual([200, { mfa: 'TOTP' }]);

      mfa.advance(STEP_MS);
      const session = (await mfa.signIn(email)).body.session;
      handled.sessions.push(session);
      const withOld = await mfa.call('POST', 'sign-in/totp', { body: { email, session, code: code(secret) } });
      expect([withOld.status, withOld.body.code]).toEqual([400, 'CodeMismatch']);
      const withNew = await mfa.call('POST', 'sign-in/totp', { body: { email, session, code: code(body.secret) } });
      expect(withNew.status).toBe(200);
    });
  });

  test('a setup abandoned after /sign-in/totp-setup leaves no factor: the next sign-in asks TOTP_SETUP again', async () => {
    const email = 'abandoned-setup@example.com';
    await mfa.signUp(email);
    const started = (await mfa.signIn(email)).body;
    const setup = await mfa.call('POST', 'sign-in/totp-setup', { body: { email, session: started.session } });
    handled.sessions.push(started.session, setup.body.session);
    handled.secrets.push(setup.body.secret);
    const { status, body } = await mfa.signIn(email);
    expect([status, body.challenge]).toEqual([202, 'TOTP_SETUP']);
  });

  test('a wrong password answers exactly as an unknown email does', async () => {
    const answers = await Promise.all([
      mfa.signIn('first-time@example.com', 'not the password at all'),
      mfa.signIn('abandoned-setup@example.com', 'not the password at all'),
      mfa.signIn('nobody-here@example.com'),
    ]);
    const shapes = answers.map(({ status, text }) => ({ status, text }));
    expect(shapes[0]).toEqual({ status: 401, text: expect.stringContaining('"code":"NotAuthorized"') });
    expect(shapes).toEqual([shapes[0], shapes[0], shapes[0]]);
  });

  test('no log line carries a sign-in session, a TOTP key or a TOTP code', async () => {
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(mfa.logs.filter((line) => line.startsWith('{')).length).toBeGreaterThan(10);
    expect(handled.leakedInto(mfa.logs)).toEqual([]);
  });
});

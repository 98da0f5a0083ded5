import { Amplify } from 'aws-amplify';
import { confirmSignIn, fetchAuthSession, listWebAuthnCredentials, signIn, signOut } from 'aws-amplify/auth';
import { cognitoUserPoolsTokenProvider } from 'aws-amplify/auth/cognito';
import { FLAVORS } from '../../support/flavors';
import type { LocalClient } from '../../support/local-mode';
import { bootFlavorBundled } from './mfa-local-mode';

/** A real synth (its handlers bundled, unless the synth cache has them) and booting local mode: a minute or more. */
const SYNTH_AND_BOOT_MS = 300_000;

/** Amplify's token storage, kept where the test can read it (Node has no localStorage). */
const stored = new Map<string, string>();

/**
 * A client nobody here wrote, on a stack with `-c passwordless=passkey,email-otp`: Amplify JS v6's choice-based
 * sign-in (`authFlowType: 'USER_AUTH'`) against local mode's twin, which takes the pool's first factors from the
 * synthesized template. The emailed-code journey runs in Node; the passkey journey needs a browser's WebAuthn (it is
 * left to the browser tests).
 */
describe.each(FLAVORS)('an Amplify v6 app signs in without a password against local mode (-c passwordless), %s API', (flavor) => {
  let client: LocalClient;
  beforeAll(async () => {
    client = await bootFlavorBundled(flavor, { passwordless: 'passkey,email-otp', emailFrom: 'no-reply@example.com' });
    stored.clear();
    Amplify.configure({
      Auth: {
        Cognito: {
          userPoolId: client.local.userPoolId,
          userPoolClientId: client.local.userPoolClientId,
          userPoolEndpoint: client.local.cognitoUrl,
          loginWith: { email: true },
        },
      },
    });
    cognitoUserPoolsTokenProvider.setKeyValueStorage({
      setItem: async (key, value) => void stored.set(key, value),
      getItem: async (key) => stored.get(key) ?? null,
      removeItem: async (key) => void stored.delete(key),
      clear: async () => stored.clear(),
    });
    await client.signUp(email);
  }, SYNTH_AND_BOOT_MS);
  afterAll(() => client?.close());

  const email = 'amplify-passwordless@example.com';

  test('with EMAIL_OTP preferred, the mailed code signs in', async () => {
    const started = await signIn({ username: email, options: { authFlowType: 'USER_AUTH', preferredChallenge: 'EMAIL_OTP' } });
    expect(started).toMatchObject({
      isSignedIn: false,
      nextStep: {
        signInStep: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE',
        codeDeliveryDetails: { deliveryMedium: 'EMAIL', destination: 'a***@e***.com' },
      },
    });
    const done = await confirmSignIn({ challengeResponse: await client.latestCode(email) });
    expect(done).toMatchObject({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    const { tokens } = await fetchAuthSession();
    expect(tokens?.accessToken.payload.username).toEqual(expect.any(String));
    // The session's id token opens the API's signed-in route, through either flavor's authorizer.
    const secret = await client.call('GET', 'secret', { token: tokens?.idToken?.toString() });
    expect([secret.status, secret.body?.user?.email]).toEqual([200, email]);
    // No passkey yet: the list Amplify reads through ListWebAuthnCredentials is empty.
    expect(await listWebAuthnCredentials()).toMatchObject({ credentials: [] });
    await signOut();
  });

  test('without a preference Amplify is offered the first factors, and the one chosen goes on', async () => {
    const started = await signIn({ username: email, options: { authFlowType: 'USER_AUTH' } });
    expect(started.nextStep).toMatchObject({
      signInStep: 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION',
      availableChallenges: ['PASSWORD', 'EMAIL_OTP'],
    });
    const chosen = await confirmSignIn({ challengeResponse: 'EMAIL_OTP' });
    expect(chosen.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
    expect(await confirmSignIn({ challengeResponse: await client.latestCode(email) })).toMatchObject({ isSignedIn: true });
    await signOut();
  });

  test('a wrong code is refused, and the right one still signs in', async () => {
    await signIn({ username: email, options: { authFlowType: 'USER_AUTH', preferredChallenge: 'EMAIL_OTP' } });
    const code = await client.latestCode(email);
    const wrong = code === '000000' ? '111111' : '000000';
    await expect(confirmSignIn({ challengeResponse: wrong })).rejects.toMatchObject({ name: 'CodeMismatchException' });
    expect(await confirmSignIn({ challengeResponse: code })).toMatchObject({ isSignedIn: true });
    await signOut();
  });
});

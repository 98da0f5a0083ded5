import { Amplify } from 'aws-amplify';
import {
  confirmResetPassword,
  confirmSignUp,
  fetchAuthSession,
  fetchUserAttributes,
  resetPassword,
  signIn,
  signOut,
  signUp,
} from 'aws-amplify/auth';
import { cognitoUserPoolsTokenProvider } from 'aws-amplify/auth/cognito';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import type { Jwks } from 'aws-jwt-verify/jwk';
import { advanceLocalClock, type LocalClient } from '../../support/local-mode';
import { signedGet } from '../../support/sigv4';
import { bootLocalWith } from './mfa-local-mode';

/** Synthesizing without bundling and booting local mode: seconds when quiet, over a minute on a busy machine. */
const SYNTH_AND_BOOT_MS = 120_000;

/** Amplify's token storage, kept where the test can read it (Node has no localStorage). */
const stored = new Map<string, string>();

/**
 * A client nobody here wrote: the AWS Amplify JavaScript library (v6 Auth), pointed at local mode's
 * Cognito twin with `userPoolEndpoint`, as a developer would point their own Amplify app at
 * `npm start`. USER_PASSWORD_AUTH because the twin implements that flow, not SRP. Amplify 6.15 and
 * later renews a session only through GetTokensFromRefreshToken (`refreshAuthTokens` in
 * @aws-amplify/auth), so the journey runs on the default stack, whose app client rotates refresh
 * tokens, and on one with rotation off.
 */
describe.each([
  { stack: 'the default stack (refresh tokens rotate)', context: undefined, rotates: true },
  { stack: 'refreshTokenRotation=false', context: { refreshTokenRotation: 'false' }, rotates: false },
  // The HTTP API flavor: the same journey through its JWT authorizer and payload 2.0 (docs/http-api.md).
  { stack: 'api=http', context: { api: 'http' }, rotates: true },
] as Array<{ stack: string; context?: Record<string, string>; rotates: boolean }>)(
  'an Amplify v6 app against local mode, $stack',
  ({ context, rotates }) => {
    let client: LocalClient;
    beforeAll(async () => {
      client = await bootLocalWith(context);
      stored.clear();
      Amplify.configure({
        Auth: {
          Cognito: {
            userPoolId: client.local.userPoolId,
            userPoolClientId: client.local.userPoolClientId,
            userPoolEndpoint: client.local.cognitoUrl,
            // The twin also speaks Cognito Identity, on the same port.
            identityPoolId: client.local.identityPoolId as string,
            identityPoolEndpoint: client.local.cognitoUrl,
            loginWith: { email: true },
          },
        },
      });
      // After configure, which installs Amplify's default storage.
      cognitoUserPoolsTokenProvider.setKeyValueStorage({
        setItem: async (key, value) => void stored.set(key, value),
        getItem: async (key) => stored.get(key) ?? null,
        removeItem: async (key) => void stored.delete(key),
        clear: async () => stored.clear(),
      });
    }, SYNTH_AND_BOOT_MS);
    afterAll(() => client?.close());

    const email = 'amplify@example.com';
    const password = 'Amplify-journey-1';
    const newPassword = 'Amplify-journey-2';

    test('signUp, then confirmSignUp with the mailed code', async () => {
      const signedUp = await signUp({ username: email, password, options: { userAttributes: { email } } });
      expect(signedUp).toMatchObject({ isSignUpComplete: false, nextStep: { signUpStep: 'CONFIRM_SIGN_UP' } });
      const confirmed = await confirmSignUp({ username: email, confirmationCode: await client.latestCode(email) });
      expect(confirmed.isSignUpComplete).toBe(true);
    });

    test('signIn with USER_PASSWORD_AUTH completes without a challenge', async () => {
      const result = await signIn({ username: email, password, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
      expect(result).toMatchObject({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    });

    test("fetchAuthSession returns tokens that Cognito's verifier and the local API accept", async () => {
      const { tokens } = await fetchAuthSession();
      const idToken = tokens?.idToken?.toString() ?? '';
      const accessToken = tokens?.accessToken.toString() ?? '';
      const jwks = (await (
        await fetch(`${client.local.cognitoUrl}/${client.local.userPoolId}/.well-known/jwks.json`)
      ).json()) as Jwks;
      const ids = CognitoJwtVerifier.create({
        userPoolId: client.local.userPoolId,
        tokenUse: 'id',
        clientId: client.local.userPoolClientId,
      });
      const accesses = CognitoJwtVerifier.create({
        userPoolId: client.local.userPoolId,
        tokenUse: 'access',
        clientId: client.local.userPoolClientId,
      });
      ids.cacheJwks(jwks);
      accesses.cacheJwks(jwks);
      expect(await ids.verify(idToken)).toMatchObject({ email, token_use: 'id' });
      expect(await accesses.verify(accessToken)).toMatchObject({ token_use: 'access' });
      expect((await client.call('GET', 'secret', { headers: { Authorization: idToken } })).status).toBe(200);
    });

    test("fetchAuthSession also returns the identity pool's AWS credentials, which sign GET /private", async () => {
      const { credentials, identityId } = await fetchAuthSession();
      expect(identityId).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
      expect(credentials).toMatchObject({ accessKeyId: expect.stringMatching(/^ASIA/), sessionToken: expect.any(String) });
      const { status, body } = await signedGet(client, 'private', credentials as NonNullable<typeof credentials>);
      expect(status).toBe(200);
      expect(body).toMatchObject({ identityId });
    });

    test(`the template's app client ${rotates ? 'rotates' : 'does not rotate'} refresh tokens`, () => {
      expect(Boolean(client.local.model.pool.clients[0]?.refreshTokenRotation)).toBe(rotates);
    });

    test(`fetchAuthSession({ forceRefresh: true }) renews the session${rotates ? ' and stores the rotated refresh token' : ''}`, async () => {
      const before = (await fetchAuthSession()).tokens;
      const refreshToken = storedRefreshToken();
      const after = (await fetchAuthSession({ forceRefresh: true })).tokens;
      expect(after?.accessToken.toString()).not.toBe(before?.accessToken.toString());
      expect(after?.accessToken.payload.origin_jti).toBe(before?.accessToken.payload.origin_jti);
      expect(storedRefreshToken() === refreshToken).toBe(!rotates);
      expect((await client.call('GET', 'secret', { headers: { Authorization: after?.idToken?.toString() ?? '' } })).status).toBe(
        200,
      );
    });

    test('a day later (the local clock) the old tokens are refused, and a forced refresh revives the session', async () => {
      const stale = (await fetchAuthSession()).tokens;
      await advanceLocalClock(client.local, 24 * 60 * 60);
      const staleIdToken = stale?.idToken?.toString() ?? '';
      expect((await client.call('GET', 'secret', { headers: { Authorization: staleIdToken } })).status).toBe(401);
      expect((await client.call('GET', 'me', { token: stale?.accessToken.toString() })).status).toBe(401);
      // Amplify judges expiry by its own clock (corrected by the drift it saw at sign-in), which the
      // local clock does not move: it must be asked to refresh.
      const revived = (await fetchAuthSession({ forceRefresh: true })).tokens;
      expect(
        (await client.call('GET', 'secret', { headers: { Authorization: revived?.idToken?.toString() ?? '' } })).status,
      ).toBe(200);
      expect(await fetchUserAttributes()).toMatchObject({ email });
    });

    test('fetchUserAttributes reads the attributes through GetUser', async () => {
      expect(await fetchUserAttributes()).toMatchObject({ email, email_verified: 'true', sub: expect.any(String) });
    });

    test('signOut revokes the refresh token: the local API refuses it afterwards', async () => {
      const refreshToken = storedRefreshToken();
      await signOut();
      expect((await fetchAuthSession()).tokens).toBeUndefined();
      expect((await client.call('POST', 'refresh', { body: { refreshToken } })).status).toBe(401);
    });

    test('resetPassword, then confirmResetPassword with the mailed code, then signIn with the new password', async () => {
      const reset = await resetPassword({ username: email });
      expect(reset.nextStep.resetPasswordStep).toBe('CONFIRM_RESET_PASSWORD_WITH_CODE');
      await confirmResetPassword({ username: email, confirmationCode: await client.latestCode(email), newPassword });
      const result = await signIn({ username: email, password: newPassword, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
      expect(result.isSignedIn).toBe(true);
      await signOut();
    });
  },
);

function storedRefreshToken(): string {
  const [refreshToken] = [...stored].filter(([key]) => key.endsWith('.refreshToken')).map(([, value]) => value);
  if (!refreshToken) throw new Error(`Amplify stored no refresh token; keys: ${[...stored.keys()].join(', ')}`);
  return refreshToken;
}

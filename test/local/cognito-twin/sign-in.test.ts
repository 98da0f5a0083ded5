import { type AuthFlowType, InitiateAuthCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { CLIENT, LEGACY_CLIENT, NO_REVOCATION_CLIENT, REFRESH_ONLY_CLIENT } from './pool-fixture';
import { failureOf, PASSWORD, signUpConfirmed, startTwin, type TwinUnderTest } from './twin-harness';

let env: TwinUnderTest;
beforeEach(async () => {
  env = await startTwin();
});
afterEach(() => env.dispose());

const signIn = (username: string, password = PASSWORD, clientId = CLIENT) =>
  env.cognito.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  );
const refresh = (refreshToken: string, clientId = CLIENT, flow: AuthFlowType = 'REFRESH_TOKEN_AUTH') =>
  env.cognito.send(
    new InitiateAuthCommand({ ClientId: clientId, AuthFlow: flow, AuthParameters: { REFRESH_TOKEN: refreshToken } }),
  );
const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString());
const SECOND = 1000;
const INCORRECT = { name: 'NotAuthorizedException', message: 'Incorrect username or password.' };
const LOCKED = { name: 'NotAuthorizedException', message: 'Password attempts exceeded' };

async function failSignIns(count: number): Promise<void> {
  for (let attempt = 0; attempt < count; attempt += 1)
    expect(await failureOf(signIn('ann@example.com', 'Wrong-password-1'))).toEqual(INCORRECT);
}

describe('InitiateAuth USER_PASSWORD_AUTH', () => {
  it('returns id, access and refresh tokens, Bearer, ExpiresIn of the access token and no challenge', async () => {
    await signUpConfirmed(env, 'ann@example.com');
    const result = await signIn('ann@example.com');
    expect(result.ChallengeParameters).toEqual({});
    expect(result.AuthenticationResult).toEqual({
      IdToken: expect.any(String),
      AccessToken: expect.any(String),
      RefreshToken: expect.any(String),
      ExpiresIn: 3600,
      TokenType: 'Bearer',
    });
  });

  it("issues an opaque refresh token shaped like Cognito's: a JWE of five base64url segments, about 1.7 KB", async () => {
    await signUpConfirmed(env, 'ann@example.com');
    const first = (await signIn('ann@example.com')).AuthenticationResult!.RefreshToken!;
    const second = (await signIn('ann@example.com')).AuthenticationResult!.RefreshToken!;
    const segments = first.split('.');
    expect(segments).toHaveLength(5);
    expect(segments.every((segment) => /^[A-Za-z0-9_-]+$/.test(segment))).toBe(true);
    expect(JSON.parse(Buffer.from(segments[0], 'base64url').toString())).toEqual({ cty: 'JWT', enc: 'A256GCM', alg: 'RSA-OAEP' });
    expect(first.length).toBeGreaterThanOrEqual(1600);
    expect(first.length).toBeLessThanOrEqual(1900);
    expect(second).not.toBe(first);
  });

  it('signs in with the email in any capitalisation', async () => {
    await signUpConfirmed(env, 'Ann@Example.com');
    expect((await signIn('aNN@eXAMPLE.cOM')).AuthenticationResult).toBeDefined();
  });

  it('answers a wrong password and an unknown user with the same NotAuthorizedException', async () => {
    await signUpConfirmed(env, 'ann@example.com');
    expect(await failureOf(signIn('ann@example.com', 'Wrong-password-1'))).toEqual(INCORRECT);
    expect(await failureOf(signIn('nobody@example.com'))).toEqual(INCORRECT);
  });

  it('answers an unknown user with UserNotFoundException on a LEGACY client', async () => {
    expect(await failureOf(signIn('nobody@example.com', PASSWORD, LEGACY_CLIENT))).toEqual({
      name: 'UserNotFoundException',
      message: 'User does not exist.',
    });
  });

  it('answers an unconfirmed user with UserNotConfirmedException whatever the password, and counts no failure', async () => {
    await env.cognito.send(new SignUpCommand({ ClientId: CLIENT, Username: 'ann@example.com', Password: PASSWORD }));
    const notConfirmed = { name: 'UserNotConfirmedException', message: 'User is not confirmed.' };
    for (let attempt = 0; attempt < 6; attempt += 1)
      expect(await failureOf(signIn('ann@example.com', 'Wrong-password-1'))).toEqual(notConfirmed);
    expect(await failureOf(signIn('ann@example.com'))).toEqual(notConfirmed);
  });

  it('refuses a flow the app client does not allow with InvalidParameterException', async () => {
    await signUpConfirmed(env, 'ann@example.com');
    expect(await failureOf(signIn('ann@example.com', PASSWORD, REFRESH_ONLY_CLIENT))).toEqual({
      name: 'InvalidParameterException',
      message: 'USER_PASSWORD_AUTH flow not enabled for this client',
    });
  });

  it('answers a missing PASSWORD with InvalidParameterException', async () => {
    const call = env.cognito.send(
      new InitiateAuthCommand({
        ClientId: CLIENT,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'ann@example.com' },
      }),
    );
    expect(await failureOf(call)).toEqual({ name: 'InvalidParameterException', message: 'Missing required parameter PASSWORD' });
  });
});

describe('InitiateAuth lockout after failed sign-ins', () => {
  beforeEach(() => signUpConfirmed(env, 'ann@example.com'));

  it('locks the user out after five failures: even the right password answers Password attempts exceeded', async () => {
    await failSignIns(5);
    expect(await failureOf(signIn('ann@example.com'))).toEqual(LOCKED);
  });

  it('lets the user in again once the one-second lockout has passed', async () => {
    await failSignIns(5);
    env.clock.advance(1 * SECOND);
    expect((await signIn('ann@example.com')).AuthenticationResult).toBeDefined();
  });

  it('doubles the lockout with each further failure', async () => {
    await failSignIns(5);
    env.clock.advance(1 * SECOND);
    await failSignIns(1);
    env.clock.advance(1 * SECOND);
    expect(await failureOf(signIn('ann@example.com'))).toEqual(LOCKED);
    env.clock.advance(1 * SECOND);
    expect((await signIn('ann@example.com')).AuthenticationResult).toBeDefined();
  });

  it('keeps counting across a successful sign-in before any lockout', async () => {
    await failSignIns(4);
    await signIn('ann@example.com');
    await failSignIns(1);
    expect(await failureOf(signIn('ann@example.com'))).toEqual(LOCKED);
  });

  it('keeps counting across 15 quiet minutes before any lockout', async () => {
    await failSignIns(4);
    env.clock.advance(60 * 60 * SECOND);
    await failSignIns(1);
    expect(await failureOf(signIn('ann@example.com'))).toEqual(LOCKED);
  });

  it('starts counting again after a successful sign-in once a lockout has passed', async () => {
    await failSignIns(5);
    env.clock.advance(1 * SECOND);
    await signIn('ann@example.com');
    await failSignIns(4);
    expect((await signIn('ann@example.com')).AuthenticationResult).toBeDefined();
  });

  it('starts counting again after 15 minutes without failures after a lockout', async () => {
    await failSignIns(5);
    env.clock.advance(15 * 60 * SECOND);
    await failSignIns(1);
    expect((await signIn('ann@example.com')).AuthenticationResult).toBeDefined();
  });

  it('counts the 15 quiet minutes from the last attempt, including one refused during a lockout', async () => {
    // n = 15 failures: 2^10 s, capped at the 15-minute maximum.
    for (let failures = 5; failures <= 15; failures += 1) {
      await failSignIns(failures === 5 ? 5 : 1);
      if (failures < 15) env.clock.advance(2 ** (failures - 5) * SECOND);
    }
    env.clock.advance(10 * 60 * SECOND);
    expect(await failureOf(signIn('ann@example.com', 'Wrong-password-1'))).toEqual(LOCKED);
    env.clock.advance(5 * 60 * SECOND);
    await failSignIns(1);
    expect(await failureOf(signIn('ann@example.com'))).toEqual(LOCKED);
  });
});

describe('InitiateAuth REFRESH_TOKEN_AUTH', () => {
  let refreshToken: string;
  beforeEach(async () => {
    await signUpConfirmed(env, 'ann@example.com');
    refreshToken = (await signIn('ann@example.com')).AuthenticationResult!.RefreshToken!;
  });

  it('returns new id and access tokens of the same session and no refresh token', async () => {
    const first = await signIn('ann@example.com');
    env.clock.advance(10 * 60 * SECOND);
    const { AuthenticationResult } = await refresh(first.AuthenticationResult!.RefreshToken!);
    expect(AuthenticationResult).toEqual({
      IdToken: expect.any(String),
      AccessToken: expect.any(String),
      ExpiresIn: 3600,
      TokenType: 'Bearer',
    });
    const before = claimsOf(first.AuthenticationResult!.AccessToken!);
    const after = claimsOf(AuthenticationResult!.AccessToken!);
    expect(after.origin_jti).toBe(before.origin_jti);
    expect(after.auth_time).toBe(before.auth_time);
    expect(after.iat).toBe(before.iat + 600);
    expect(after.jti).not.toBe(before.jti);
  });

  it('accepts the REFRESH_TOKEN alias of the flow', async () => {
    expect((await refresh(refreshToken, CLIENT, 'REFRESH_TOKEN')).AuthenticationResult?.AccessToken).toBeDefined();
  });

  it('answers a token it never issued with NotAuthorizedException Invalid Refresh Token.', async () => {
    expect(await failureOf(refresh('not-a-refresh-token'))).toEqual({
      name: 'NotAuthorizedException',
      message: 'Invalid Refresh Token.',
    });
  });

  it('answers a token of another app client with NotAuthorizedException Refresh Token has different Client.', async () => {
    expect(await failureOf(refresh(refreshToken, NO_REVOCATION_CLIENT))).toEqual({
      name: 'NotAuthorizedException',
      message: 'Refresh Token has different Client.',
    });
  });

  it('answers a token past the client refresh token validity with NotAuthorizedException', async () => {
    env.clock.advance(30 * 24 * 60 * 60 * SECOND);
    expect(await failureOf(refresh(refreshToken))).toEqual({
      name: 'NotAuthorizedException',
      message: 'Refresh Token has expired',
    });
  });
});

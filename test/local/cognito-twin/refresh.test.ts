import {
  type AuthenticationResultType,
  DeleteUserCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  RevokeTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import { CLIENT, LEGACY_CLIENT, ROTATING_CLIENT, ROTATING_NO_GRACE_CLIENT, ROTATION_GRACE_SECONDS } from './pool-fixture';
import { failureOf, signInWithPassword, signUpConfirmed, startTwin, type TwinUnderTest } from './twin-harness';

let env: TwinUnderTest;
beforeEach(async () => {
  env = await startTwin();
  await signUpConfirmed(env, 'ann@example.com');
});
afterEach(() => env.dispose());

const SECOND = 1000;
const DAY = 24 * 60 * 60 * SECOND;
const signIn = (clientId = ROTATING_CLIENT) => signInWithPassword(env, 'ann@example.com', clientId);
const getTokens = async (refreshToken: string, clientId = ROTATING_CLIENT): Promise<AuthenticationResultType> =>
  (await env.cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: refreshToken })))
    .AuthenticationResult!;
const getUser = (accessToken: string) => env.cognito.send(new GetUserCommand({ AccessToken: accessToken }));
const claims = (token: string | undefined) => decodeJwt(token!);

const INVALID = { name: 'NotAuthorizedException', message: 'Invalid Refresh Token.' };
const REVOKED = { name: 'NotAuthorizedException', message: 'Refresh Token has been revoked' };
const EXPIRED = { name: 'NotAuthorizedException', message: 'Refresh Token has expired' };
const REUSED = {
  name: 'RefreshTokenReuseException',
  message: 'The refresh token was rotated out and its grace period is over: sign in again.',
};
const REVOKED_ACCESS = { name: 'NotAuthorizedException', message: 'Access Token has been revoked' };

describe('GetTokensFromRefreshToken without rotation', () => {
  it('answers new id and access tokens of the same session and no refresh token, like REFRESH_TOKEN_AUTH', async () => {
    const signedIn = await signIn(CLIENT);
    env.clock.advance(90 * SECOND);
    const renewed = await getTokens(signedIn.RefreshToken!, CLIENT);
    expect(Object.keys(renewed).sort()).toEqual(['AccessToken', 'ExpiresIn', 'IdToken', 'TokenType']);
    for (const [before, after] of [
      [signedIn.IdToken, renewed.IdToken],
      [signedIn.AccessToken, renewed.AccessToken],
    ]) {
      expect(claims(after)).toMatchObject({
        origin_jti: claims(before).origin_jti,
        auth_time: claims(before).auth_time,
        iat: (claims(before).iat as number) + 90,
      });
    }
    // The same refresh token keeps working.
    expect((await getTokens(signedIn.RefreshToken!, CLIENT)).AccessToken).toBeDefined();
  });
});

describe('GetTokensFromRefreshToken with rotation', () => {
  it('answers a new refresh token beside the id and access tokens, in the same session', async () => {
    const signedIn = await signIn();
    const renewed = await getTokens(signedIn.RefreshToken!);
    expect(renewed.RefreshToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(renewed.RefreshToken).not.toBe(signedIn.RefreshToken);
    expect(claims(renewed.AccessToken).origin_jti).toBe(claims(signedIn.AccessToken).origin_jti);
    expect(claims(renewed.IdToken).auth_time).toBe(claims(signedIn.IdToken).auth_time);
    // The new token rotates in its turn.
    const again = await getTokens(renewed.RefreshToken!);
    expect(again.RefreshToken).not.toBe(renewed.RefreshToken);
  });

  it('keeps the rotated-out token usable for the grace period, then answers RefreshTokenReuseException', async () => {
    const signedIn = await signIn();
    const first = await getTokens(signedIn.RefreshToken!);
    env.clock.advance((ROTATION_GRACE_SECONDS - 1) * SECOND);
    const retry = await getTokens(signedIn.RefreshToken!);
    expect(retry.RefreshToken).toBeDefined();
    // A retry leaves the token the first call issued usable: the client may have received it.
    expect((await getTokens(first.RefreshToken!)).AccessToken).toBeDefined();
    env.clock.advance(1 * SECOND);
    expect(await failureOf(getTokens(signedIn.RefreshToken!))).toEqual(REUSED);
    expect((await getTokens(retry.RefreshToken!)).AccessToken).toBeDefined();
  });

  it('with no grace period refuses the rotated-out token at once', async () => {
    const signedIn = await signIn(ROTATING_NO_GRACE_CLIENT);
    await getTokens(signedIn.RefreshToken!, ROTATING_NO_GRACE_CLIENT);
    expect(await failureOf(getTokens(signedIn.RefreshToken!, ROTATING_NO_GRACE_CLIENT))).toEqual(REUSED);
  });

  it('refuses REFRESH_TOKEN_AUTH on a rotating client, whether or not it lists the flow', async () => {
    const viaInitiateAuth = (clientId: string, refreshToken: string) =>
      env.cognito.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: refreshToken },
        }),
      );
    expect(await failureOf(viaInitiateAuth(ROTATING_CLIENT, (await signIn()).RefreshToken!))).toEqual({
      name: 'InvalidParameterException',
      message: 'REFRESH_TOKEN_AUTH flow not enabled for this client',
    });
    const noGrace = await signIn(ROTATING_NO_GRACE_CLIENT);
    expect(await failureOf(viaInitiateAuth(ROTATING_NO_GRACE_CLIENT, noGrace.RefreshToken!))).toEqual({
      name: 'InvalidParameterException',
      message: 'REFRESH_TOKEN_AUTH is not allowed for this client: it rotates refresh tokens; use GetTokensFromRefreshToken.',
    });
  });

  it("expires a rotated token with its sign-in's refresh token: rotation does not extend the session", async () => {
    const signedIn = await signIn();
    env.clock.advance(29 * DAY);
    const renewed = await getTokens(signedIn.RefreshToken!);
    env.clock.advance(1 * DAY);
    expect(await failureOf(getTokens(renewed.RefreshToken!))).toEqual(EXPIRED);
  });
});

describe('GetTokensFromRefreshToken refuses', () => {
  it('a tampered, unknown or empty-looking token with NotAuthorizedException', async () => {
    const { RefreshToken } = await signIn();
    const tampered = `${RefreshToken!.slice(0, -2)}${RefreshToken!.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(await failureOf(getTokens(tampered))).toEqual(INVALID);
    expect(await failureOf(getTokens('never.issued.by.this.pool'))).toEqual(INVALID);
  });

  it("a token of another app client with Cognito's message for it", async () => {
    const { RefreshToken } = await signIn(CLIENT);
    expect(await failureOf(getTokens(RefreshToken!, LEGACY_CLIENT))).toEqual({
      name: 'NotAuthorizedException',
      message: 'Refresh Token has different Client.',
    });
  });

  it('an expired token', async () => {
    const { RefreshToken } = await signIn();
    env.clock.advance(30 * DAY);
    expect(await failureOf(getTokens(RefreshToken!))).toEqual(EXPIRED);
  });

  it('an unknown client with ResourceNotFoundException', async () => {
    const { RefreshToken } = await signIn();
    expect(await failureOf(getTokens(RefreshToken!, 'nosuchclient'))).toEqual({
      name: 'ResourceNotFoundException',
      message: 'User pool client nosuchclient does not exist.',
    });
  });

  it("malformed members with InvalidParameterException in Cognito's validation format", async () => {
    const send = (input: Record<string, unknown>) =>
      failureOf(env.cognito.send(new GetTokensFromRefreshTokenCommand(input as never)));
    expect(await send({ ClientId: ROTATING_CLIENT })).toEqual({
      name: 'InvalidParameterException',
      message: "1 validation error detected: Value null at 'refreshToken' failed to satisfy constraint: Member must not be null",
    });
    expect(await send({ ClientId: ROTATING_CLIENT, RefreshToken: 'has spaces', DeviceKey: 'nokey' })).toEqual({
      name: 'InvalidParameterException',
      message:
        "2 validation errors detected: Value 'nokey' at 'deviceKey' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-f-]+; " +
        "Value at 'refreshToken' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Za-z0-9-_=.]+",
    });
  });

  it('a client secret sent to an app client that has none', async () => {
    const { RefreshToken } = await signIn();
    const withSecret = new GetTokensFromRefreshTokenCommand({
      ClientId: ROTATING_CLIENT,
      RefreshToken,
      ClientSecret: 'a'.repeat(32),
    });
    expect(await failureOf(env.cognito.send(withSecret))).toEqual({
      name: 'NotAuthorizedException',
      message: `Client ${ROTATING_CLIENT} is configured without a secret.`,
    });
  });
});

describe('revocation ends a rotated session', () => {
  it('RevokeToken with the current token ends every token of the chain and every access token minted from it', async () => {
    const signedIn = await signIn();
    const first = await getTokens(signedIn.RefreshToken!);
    const second = await getTokens(first.RefreshToken!);
    await env.cognito.send(new RevokeTokenCommand({ ClientId: ROTATING_CLIENT, Token: second.RefreshToken! }));
    for (const token of [signedIn.RefreshToken, first.RefreshToken, second.RefreshToken])
      expect(await failureOf(getTokens(token!))).toEqual(REVOKED);
    for (const { AccessToken } of [signedIn, first, second])
      expect(await failureOf(getUser(AccessToken!))).toEqual(REVOKED_ACCESS);
  });

  it('RevokeToken with a rotated-out token ends the chain too', async () => {
    const signedIn = await signIn();
    const renewed = await getTokens(signedIn.RefreshToken!);
    env.clock.advance(60 * SECOND);
    await env.cognito.send(new RevokeTokenCommand({ ClientId: ROTATING_CLIENT, Token: signedIn.RefreshToken! }));
    expect(await failureOf(getTokens(renewed.RefreshToken!))).toEqual(REVOKED);
  });

  it('GlobalSignOut ends rotated tokens and the access tokens minted from them', async () => {
    const signedIn = await signIn();
    const renewed = await getTokens(signedIn.RefreshToken!);
    await env.cognito.send(new GlobalSignOutCommand({ AccessToken: signedIn.AccessToken }));
    expect(await failureOf(getTokens(renewed.RefreshToken!))).toEqual(REVOKED);
    expect(await failureOf(getUser(renewed.AccessToken!))).toEqual(REVOKED_ACCESS);
  });

  it('DeleteUser leaves no refresh token of the user usable', async () => {
    const signedIn = await signIn();
    const renewed = await getTokens(signedIn.RefreshToken!);
    await env.cognito.send(new DeleteUserCommand({ AccessToken: renewed.AccessToken }));
    expect(await failureOf(getTokens(renewed.RefreshToken!))).toEqual(INVALID);
  });

  it('keeps which tokens were rotated out through restarts, from the journal and from the snapshot it is folded into', async () => {
    const signedIn = await signIn(ROTATING_NO_GRACE_CLIENT);
    const renewed = await getTokens(signedIn.RefreshToken!, ROTATING_NO_GRACE_CLIENT);
    for (const _restart of ['replays the journal', 'reads the snapshot']) {
      await env.stop();
      env = await startTwin({ stateDir: env.stateDir, clock: env.clock });
      expect(await failureOf(getTokens(signedIn.RefreshToken!, ROTATING_NO_GRACE_CLIENT))).toEqual(REUSED);
    }
    expect((await getTokens(renewed.RefreshToken!, ROTATING_NO_GRACE_CLIENT)).RefreshToken).toBeDefined();
  });
});

import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type AuthenticationResultType,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  RevokeTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import type { Jwks } from 'aws-jwt-verify/jwk';
import { createRemoteJWKSet, decodeProtectedHeader, generateKeyPair, jwtVerify, SignJWT } from 'jose';
import { CLIENT, NO_REVOCATION_CLIENT, POOL_ID } from './pool-fixture';
import { failureOf, PASSWORD, signUpConfirmed, startTwin, type TwinUnderTest } from './twin-harness';

let env: TwinUnderTest;
let sub: string;
beforeEach(async () => {
  env = await startTwin();
  sub = await signUpConfirmed(env, 'Ann@Example.com');
});
afterEach(() => env.dispose());

const MINUTE = 60 * 1000;
const signIn = async (clientId = CLIENT): Promise<AuthenticationResultType> =>
  (
    await env.cognito.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'ann@example.com', PASSWORD },
      }),
    )
  ).AuthenticationResult!;
const refresh = async (refreshToken: string, clientId = CLIENT) =>
  (
    await env.cognito.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: { REFRESH_TOKEN: refreshToken },
      }),
    )
  ).AuthenticationResult!;
const getUser = (accessToken: string) => env.cognito.send(new GetUserCommand({ AccessToken: accessToken }));
const revoke = (token: string, clientId = CLIENT) =>
  env.cognito.send(new RevokeTokenCommand({ ClientId: clientId, Token: token }));
const verifyWithServedJwks = (token: string) =>
  jwtVerify(token, createRemoteJWKSet(new URL(env.twin.jwksUri)), {
    issuer: env.twin.issuer,
    algorithms: ['RS256'],
    currentDate: new Date(env.clock.now()),
  });
const REVOKED_REFRESH = { name: 'NotAuthorizedException', message: 'Refresh Token has been revoked' };
const REVOKED_ACCESS = { name: 'NotAuthorizedException', message: 'Access Token has been revoked' };
const INVALID_ACCESS = { name: 'NotAuthorizedException', message: 'Invalid Access Token' };

describe('tokens and the JWKS', () => {
  it('signs an id token, with kid, that verifies against the served JWKS and carries the claims Cognito puts in it', async () => {
    const { IdToken } = await signIn();
    const { payload, protectedHeader } = await verifyWithServedJwks(IdToken!);
    expect(protectedHeader).toEqual({ alg: 'RS256', kid: expect.any(String) });
    const now = env.clock.now() / 1000;
    expect(payload).toEqual({
      sub,
      email: 'Ann@Example.com',
      email_verified: true,
      'cognito:username': sub,
      aud: CLIENT,
      token_use: 'id',
      auth_time: now,
      iss: `https://cognito-idp.us-east-1.amazonaws.com/${POOL_ID}`,
      iat: now,
      exp: now + 60 * 60,
      jti: expect.any(String),
      origin_jti: expect.any(String),
      event_id: expect.any(String),
    });
  });

  it('signs an access token that verifies against the served JWKS and carries the claims Cognito puts in it', async () => {
    const { AccessToken, IdToken } = await signIn();
    const { payload } = await verifyWithServedJwks(AccessToken!);
    const now = env.clock.now() / 1000;
    expect(payload).toEqual({
      sub,
      client_id: CLIENT,
      scope: 'aws.cognito.signin.user.admin',
      username: sub,
      token_use: 'access',
      auth_time: now,
      iss: env.twin.issuer,
      iat: now,
      exp: now + 60 * 60,
      jti: expect.any(String),
      origin_jti: (await verifyWithServedJwks(IdToken!)).payload.origin_jti,
      event_id: (await verifyWithServedJwks(IdToken!)).payload.event_id,
    });
  });

  it("publishes an OpenID discovery document with Cognito's issuer and a jwks_uri that serves both signing keys", async () => {
    const discovery = (await (await fetch(`${env.twin.url}/${POOL_ID}/.well-known/openid-configuration`)).json()) as {
      jwks_uri: string;
    };
    expect(discovery).toMatchObject({
      issuer: `https://cognito-idp.us-east-1.amazonaws.com/${POOL_ID}`,
      jwks_uri: `${env.twin.url}/${POOL_ID}/.well-known/jwks.json`,
      id_token_signing_alg_values_supported: ['RS256'],
    });
    const jwks = (await (await fetch(discovery.jwks_uri)).json()) as { keys: object[] };
    const { IdToken, AccessToken } = await signIn();
    const idKid = decodeProtectedHeader(IdToken!).kid;
    const accessKid = decodeProtectedHeader(AccessToken!).kid;
    expect(idKid).not.toBe(accessKid);
    expect(jwks.keys).toEqual(
      [idKid, accessKid].map((kid) => ({ kty: 'RSA', n: expect.any(String), e: 'AQAB', kid, alg: 'RS256', use: 'sig' })),
    );
  });

  it('keeps both signing keys in the state directory, owner-only, and their tokens valid after a restart on another port', async () => {
    const { IdToken, AccessToken } = await signIn();
    for (const file of ['signing-key.json', 'access-token-signing-key.json']) {
      expect((await stat(join(env.stateDir, file))).mode & 0o777).toBe(0o600);
    }
    const jwksBefore = await (await fetch(env.twin.jwksUri)).json();
    const port = Number(new URL(env.twin.url).port);
    await env.stop();
    env = await startTwin({ stateDir: env.stateDir, clock: env.clock });
    expect(Number(new URL(env.twin.url).port)).not.toBe(port);
    expect(await (await fetch(env.twin.jwksUri)).json()).toEqual(jwksBefore);
    await verifyWithServedJwks(IdToken!);
    await verifyWithServedJwks(AccessToken!);
    await verifyWithServedJwks((await signIn()).IdToken!);
  });
});

describe("a verifier that derives Cognito's issuer from region and pool id", () => {
  it("aws-jwt-verify's CognitoJwtVerifier, given the twin's JWKS, accepts a local id token and access token", async () => {
    const { IdToken, AccessToken } = await signIn();
    const jwks = (await (await fetch(env.twin.jwksUri)).json()) as Jwks;
    const idTokens = CognitoJwtVerifier.create({ userPoolId: POOL_ID, tokenUse: 'id', clientId: CLIENT });
    const accessTokens = CognitoJwtVerifier.create({ userPoolId: POOL_ID, tokenUse: 'access', clientId: CLIENT });
    idTokens.cacheJwks(jwks);
    accessTokens.cacheJwks(jwks);
    expect(await idTokens.verify(IdToken!)).toMatchObject({ sub, token_use: 'id', aud: CLIENT });
    expect(await accessTokens.verify(AccessToken!)).toMatchObject({ sub, token_use: 'access', client_id: CLIENT });
  });
});

describe('GetUser', () => {
  it('returns the UUID username and the sub, email and email_verified attributes', async () => {
    const { AccessToken } = await signIn();
    const user = await getUser(AccessToken!);
    expect(user.Username).toBe(sub);
    expect(user.UserAttributes).toEqual([
      { Name: 'sub', Value: sub },
      { Name: 'email', Value: 'Ann@Example.com' },
      { Name: 'email_verified', Value: 'true' },
    ]);
  });

  it('answers an expired access token with NotAuthorizedException', async () => {
    const { AccessToken } = await signIn();
    env.clock.advance(60 * MINUTE);
    expect(await failureOf(getUser(AccessToken!))).toEqual({
      name: 'NotAuthorizedException',
      message: 'Access Token has expired',
    });
  });

  it('answers garbage, an id token, and a token signed by another key with NotAuthorizedException Invalid Access Token', async () => {
    const { IdToken, AccessToken } = await signIn();
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT(JSON.parse(Buffer.from(AccessToken!.split('.')[1], 'base64url').toString()))
      .setProtectedHeader(decodeProtectedHeader(AccessToken!) as { alg: string })
      .sign(privateKey);
    expect(await failureOf(getUser('garbage'))).toEqual(INVALID_ACCESS);
    expect(await failureOf(getUser(IdToken!))).toEqual(INVALID_ACCESS);
    expect(await failureOf(getUser(forged))).toEqual(INVALID_ACCESS);
  });
});

describe('GlobalSignOut', () => {
  it('revokes every refresh token of the user and the access tokens minted before it', async () => {
    const first = await signIn();
    const second = await signIn();
    await env.cognito.send(new GlobalSignOutCommand({ AccessToken: first.AccessToken }));
    expect(await failureOf(refresh(first.RefreshToken!))).toEqual(REVOKED_REFRESH);
    expect(await failureOf(refresh(second.RefreshToken!))).toEqual(REVOKED_REFRESH);
    expect(await failureOf(getUser(second.AccessToken!))).toEqual(REVOKED_ACCESS);
  });

  it('leaves later sign-ins working', async () => {
    await env.cognito.send(new GlobalSignOutCommand({ AccessToken: (await signIn()).AccessToken }));
    const later = await signIn();
    expect((await getUser(later.AccessToken!)).Username).toBe(sub);
    expect((await refresh(later.RefreshToken!)).AccessToken).toBeDefined();
  });

  it('answers an invalid access token with NotAuthorizedException', async () => {
    expect(await failureOf(env.cognito.send(new GlobalSignOutCommand({ AccessToken: 'garbage' })))).toEqual(INVALID_ACCESS);
  });
});

describe('RevokeToken', () => {
  it('revokes the refresh token and the access tokens minted from it, and only those', async () => {
    const revoked = await signIn();
    const refreshed = await refresh(revoked.RefreshToken!);
    const other = await signIn();
    await revoke(revoked.RefreshToken!);
    expect(await failureOf(refresh(revoked.RefreshToken!))).toEqual(REVOKED_REFRESH);
    expect(await failureOf(getUser(revoked.AccessToken!))).toEqual(REVOKED_ACCESS);
    expect(await failureOf(getUser(refreshed.AccessToken!))).toEqual(REVOKED_ACCESS);
    expect((await getUser(other.AccessToken!)).Username).toBe(sub);
  });

  it('answers a token it does not know with success, as the revocation endpoint does', async () => {
    await expect(revoke('never-issued')).resolves.toBeDefined();
  });

  it('refuses an access token with UnsupportedTokenTypeException', async () => {
    expect(await failureOf(revoke((await signIn()).AccessToken!))).toEqual({
      name: 'UnsupportedTokenTypeException',
      message: 'Only refresh tokens can be revoked.',
    });
  });

  it('refuses a refresh token of another app client with UnauthorizedException and leaves it valid', async () => {
    const { RefreshToken } = await signIn(NO_REVOCATION_CLIENT);
    expect(await failureOf(revoke(RefreshToken!, CLIENT))).toEqual({
      name: 'UnauthorizedException',
      message: 'The token was not issued to this client.',
    });
    expect((await refresh(RefreshToken!, NO_REVOCATION_CLIENT)).AccessToken).toBeDefined();
  });

  it('refuses with UnsupportedOperationException on an app client whose token revocation is disabled', async () => {
    const { RefreshToken } = await signIn(NO_REVOCATION_CLIENT);
    expect(await failureOf(revoke(RefreshToken!, NO_REVOCATION_CLIENT))).toEqual({
      name: 'UnsupportedOperationException',
      message: 'Token revocation is not enabled for this client.',
    });
  });
});

import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { AuthenticationResultType } from '@aws-sdk/client-cognito-identity-provider';
import { readableAttributesOf } from './attributes';
import type { TwinContext } from './context';
import { errors } from './errors';
import type { RefreshTokenRecord, SessionRecord, UserRecord } from './pool-state';
import { customizeClaims, preTokenGeneration, type TokenGenerationSource } from './pre-token-generation';
import type { AppClientSettings, RefreshTokenRotation } from './settings';
import { USER_ADMIN_SCOPE } from './tokens';

/**
 * Refresh tokens are opaque to clients. Cognito's are JWEs (RSA-OAEP, A256GCM) of about 1.7 KB:
 * next-auth#2213 measures "about 1700 b", amazon-cognito-identity-js#688 1852 bytes, and
 * amplify-js#5330 shows one whole, five base64url segments whose header is the one below. The
 * twin issues random bytes of the same shape and size, so size limits (cookies, storage, headers)
 * show locally, and keeps only the token's SHA-256 (a salt adds nothing against this much
 * randomness), so the state directory never holds a usable refresh token.
 */
const JWE_HEADER = Buffer.from('{"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}').toString('base64url');
/** RSA-2048 encrypted key, GCM IV, ciphertext (sized for a ~1.7 KB token), GCM tag. */
const JWE_SEGMENT_BYTES = [256, 12, 940, 16];

function newRefreshToken(): string {
  return [JWE_HEADER, ...JWE_SEGMENT_BYTES.map((bytes) => randomBytes(bytes).toString('base64url'))].join('.');
}

function openSession(user: UserRecord, client: AppClientSettings, now: number): { session: SessionRecord; refreshToken: string } {
  const refreshToken = newRefreshToken();
  const session: SessionRecord = {
    originJti: randomUUID(),
    refreshTokenSha256: sha256(refreshToken),
    sub: user.sub,
    clientId: client.clientId,
    eventId: randomUUID(),
    authTime: Math.floor(now / 1000),
    expiresAt: now + client.refreshTokenValidityMinutes * 60 * 1000,
    revoked: false,
  };
  return { session, refreshToken };
}

/** The session a refresh token belongs to, whether it is the current token or one rotation put aside. */
export function findSessionByRefreshToken(context: Pick<TwinContext, 'state'>, refreshToken: string): SessionRecord | undefined {
  return context.state.findRefreshToken(sha256(refreshToken))?.session;
}

/**
 * The checks of a refresh, in REFRESH_TOKEN_AUTH and GetTokensFromRefreshToken alike: a token this
 * pool issued, to this client, not revoked, not expired, and not rotated out beyond its grace
 * period; its user still there. Cognito's messages for the first four are in errors.ts; the
 * order in which Cognito checks them is not documented (unverified).
 */
export function resumeSession(
  context: Pick<TwinContext, 'state' | 'now'>,
  client: AppClientSettings,
  refreshToken: string,
): { session: SessionRecord; token: RefreshTokenRecord; user: UserRecord } {
  const found = context.state.findRefreshToken(sha256(refreshToken));
  if (!found) throw errors.invalidRefreshToken();
  const { session, token } = found;
  if (session.clientId !== client.clientId) throw errors.refreshTokenOfAnotherClient();
  if (session.revoked) throw errors.refreshTokenRevoked();
  const now = context.now();
  if (now >= session.expiresAt) throw errors.refreshTokenExpired();
  if (token.usableUntil !== undefined && now >= token.usableUntil) throw errors.refreshTokenReused();
  const user = context.state.findUserBySub(session.sub);
  if (!user) throw errors.invalidRefreshToken();
  if (user.enabled === false) throw errors.userDisabled();
  return { session, token, user };
}

/**
 * Refresh-token rotation (Developer Guide, "Refresh tokens", https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-refresh-token.html;
 * API Reference, RefreshTokenRotationType): a new refresh token in place of `token`, which stays
 * usable for the client's RetryGracePeriodSeconds and is then refused (RefreshTokenReuseException).
 * What the documents leave open, decided here and unverified against AWS:
 * - the new token belongs to the same session: same origin_jti, auth_time and expiry. Its lifetime
 *   does not restart, so a chain of rotations never outlives the sign-in, and revoking any token of
 *   the chain (RevokeToken, GlobalSignOut) ends the whole chain and every access token minted from it;
 * - a retry inside the grace period is a refresh like any other: it answers a further new refresh
 *   token, and leaves the one the first call issued usable (the client may have received it);
 * - the grace period of a token rotated out twice runs from the first rotation.
 */
export function rotate(
  session: SessionRecord,
  token: RefreshTokenRecord,
  retryGracePeriodSeconds: RefreshTokenRotation['retryGracePeriodSeconds'],
  now: number,
): { refreshToken: string; records: RefreshTokenRecord[] } {
  const refreshToken = newRefreshToken();
  const issued: RefreshTokenRecord = { sha256: sha256(refreshToken), originJti: session.originJti };
  const graceMs = retryGracePeriodSeconds * 1000;
  const rotatedOut = token.rotatedOutAt === undefined ? { ...token, rotatedOutAt: now, usableUntil: now + graceMs } : token;
  return { refreshToken, records: rotatedOut === token ? [issued] : [issued, rotatedOut] };
}

/**
 * The id and access tokens of AuthenticationResult; their lifetimes come from the app client. The
 * pool's pre token generation trigger, if any, runs first and changes the claims of both.
 */
export async function mintTokens(
  context: Pick<TwinContext, 'tokens' | 'settings' | 'invokeFunction' | 'log'>,
  user: UserRecord,
  session: SessionRecord,
  client: AppClientSettings,
  source: TokenGenerationSource,
): Promise<AuthenticationResultType> {
  const custom = await preTokenGeneration(context, source, user, client.clientId, {
    groups: context.tokens.groupsOf(user),
    scopes: [USER_ADMIN_SCOPE],
  });
  const [IdToken, AccessToken] = await Promise.all([
    context.tokens.mintIdToken(user, session, client.idTokenValidityMinutes, readableAttributesOf(user, client), (claims) =>
      custom ? customizeClaims(claims, custom.idToken, custom.groups) : claims,
    ),
    context.tokens.mintAccessToken(user, session, client.accessTokenValidityMinutes, (claims) =>
      custom ? customizeClaims(claims, custom.accessToken, custom.groups) : claims,
    ),
  ]);
  return {
    IdToken,
    AccessToken,
    ExpiresIn: client.accessTokenValidityMinutes * 60,
    TokenType: 'Bearer',
  };
}

/** Opens a refresh-token session, commits it with `user` (as it stands after the sign-in) and answers its tokens. */
export async function completeSignIn(
  context: Pick<TwinContext, 'journal' | 'tokens' | 'now' | 'settings' | 'invokeFunction' | 'log'>,
  user: UserRecord,
  client: AppClientSettings,
): Promise<AuthenticationResultType> {
  const { session, refreshToken } = openSession(user, client, context.now());
  await context.journal.commit({ type: 'user', user }, { type: 'session', session });
  return { ...(await mintTokens(context, user, session, client, 'TokenGeneration_Authentication')), RefreshToken: refreshToken };
}

/**
 * The one check of every operation authorized by the user's access token (GetUser, GlobalSignOut,
 * ChangePassword, UpdateUserAttributes, VerifyUserAttribute, GetUserAttributeVerificationCode,
 * DeleteUser, AssociateSoftwareToken, VerifySoftwareToken, SetUserMFAPreference): signed by this pool, not expired, `token_use` access (TokenIssuer), the scope
 * `aws.cognito.signin.user.admin` ("It must include the scope aws.cognito.signin.user.admin", API
 * Reference of each of these operations), not revoked through its refresh token (RevokeToken) or by
 * GlobalSignOut, and its user not deleted. It returns the user as it is after the last await, so
 * the caller's checks and commit stay atomic.
 */
export async function authenticateAccessToken(
  context: Pick<TwinContext, 'state' | 'tokens'>,
  accessToken: string,
): Promise<UserRecord> {
  const claims = await context.tokens.verifyAccessToken(accessToken);
  const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ') : [];
  if (!scopes.includes(USER_ADMIN_SCOPE)) throw errors.accessTokenWithoutScope();
  const session = context.state.findSession(claims.origin_jti);
  if (!session) throw errors.invalidAccessToken();
  if (session.revoked) throw errors.accessTokenRevoked();
  const user = context.state.findUserBySub(claims.sub);
  if (!user) throw errors.invalidAccessToken();
  return user;
}

function sha256(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { AuthenticationResultType } from '@aws-sdk/client-cognito-identity-provider';
import type { TwinContext } from './context';
import { errors } from './errors';
import type { SessionRecord, UserRecord } from './pool-state';
import type { AppClientSettings } from './settings';

const USER_ADMIN_SCOPE = 'aws.cognito.signin.user.admin';

/**
 * Refresh tokens are opaque: 32 random bytes, base64url. Cognito's are encrypted JWTs that
 * clients must treat as opaque too, so nothing can depend on their inside, and an opaque token
 * needs no second key. The twin keeps only the token's SHA-256 (a salt adds nothing against 256
 * random bits), so the state directory never holds a usable refresh token.
 */
export function openSession(
  user: UserRecord,
  client: AppClientSettings,
  now: number,
): { session: SessionRecord; refreshToken: string } {
  const refreshToken = randomBytes(32).toString('base64url');
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

export function findSessionByRefreshToken(context: Pick<TwinContext, 'state'>, refreshToken: string): SessionRecord | undefined {
  return context.state.findSessionByRefreshToken(sha256(refreshToken));
}

/** The id and access tokens of AuthenticationResult; their lifetimes come from the app client. */
export async function mintTokens(
  context: Pick<TwinContext, 'tokens'>,
  user: UserRecord,
  session: SessionRecord,
  client: AppClientSettings,
): Promise<AuthenticationResultType> {
  return {
    IdToken: await context.tokens.mintIdToken(user, session, client.idTokenValidityMinutes),
    AccessToken: await context.tokens.mintAccessToken(user, session, client.accessTokenValidityMinutes),
    ExpiresIn: client.accessTokenValidityMinutes * 60,
    TokenType: 'Bearer',
  };
}

/**
 * The one check of every operation authorized by the user's access token (GetUser, GlobalSignOut,
 * ChangePassword, UpdateUserAttributes, VerifyUserAttribute, GetUserAttributeVerificationCode,
 * DeleteUser): signed by this pool, not expired, `token_use` access (TokenIssuer), the scope
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

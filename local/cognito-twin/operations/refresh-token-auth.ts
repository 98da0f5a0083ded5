import type { InitiateAuthRequest, InitiateAuthResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { TwinContext } from '../context';
import { errors } from '../errors';
import { authParameter, type Unvalidated } from '../request';
import { findSessionByRefreshToken, mintTokens } from '../sessions';
import type { AppClientSettings } from '../settings';

export type RefreshTokenAuthDependencies = Pick<TwinContext, 'state' | 'tokens' | 'now'>;

/**
 * REFRESH_TOKEN_AUTH: new id and access tokens from the same session (same origin_jti, event_id
 * and auth_time), and no new refresh token, as Cognito does without refresh-token rotation.
 */
export async function signInWithRefreshToken(
  context: RefreshTokenAuthDependencies,
  client: AppClientSettings,
  request: Unvalidated<InitiateAuthRequest>,
): Promise<InitiateAuthResponse> {
  const session = findSessionByRefreshToken(context, authParameter(request, 'REFRESH_TOKEN'));
  if (!session) throw errors.invalidRefreshToken();
  if (session.clientId !== client.clientId) throw errors.refreshTokenOfAnotherClient();
  if (session.revoked) throw errors.refreshTokenRevoked();
  if (context.now() >= session.expiresAt) throw errors.refreshTokenExpired();
  const user = context.state.findUserBySub(session.sub);
  if (!user) throw errors.invalidRefreshToken();
  return { ChallengeParameters: {}, AuthenticationResult: await mintTokens(context, user, session, client) };
}

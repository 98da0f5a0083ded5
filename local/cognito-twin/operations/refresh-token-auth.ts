import type { InitiateAuthRequest, InitiateAuthResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { TwinContext } from '../context';
import { errors } from '../errors';
import { authParameter, type Unvalidated } from '../request';
import { mintTokens, resumeSession } from '../sessions';
import type { AppClientSettings } from '../settings';

export type RefreshTokenAuthDependencies = Pick<TwinContext, 'settings' | 'state' | 'tokens' | 'now' | 'invokeFunction' | 'log'>;

/**
 * REFRESH_TOKEN_AUTH: new id and access tokens from the same session (same origin_jti, event_id
 * and auth_time), and no new refresh token. A client that rotates refresh tokens refuses it:
 * rotation "must be completed with GetTokensFromRefreshToken" (API Reference, RefreshTokenRotationType).
 */
export async function signInWithRefreshToken(
  context: RefreshTokenAuthDependencies,
  client: AppClientSettings,
  request: Unvalidated<InitiateAuthRequest>,
): Promise<InitiateAuthResponse> {
  if (client.refreshTokenRotation) throw errors.refreshTokenAuthWithRotation();
  const { session, user } = resumeSession(context, client, authParameter(request, 'REFRESH_TOKEN'));
  return {
    ChallengeParameters: {},
    AuthenticationResult: await mintTokens(context, user, session, client, 'TokenGeneration_RefreshTokens'),
  };
}

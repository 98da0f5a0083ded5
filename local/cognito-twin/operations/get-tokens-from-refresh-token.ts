import type {
  GetTokensFromRefreshTokenRequest,
  GetTokensFromRefreshTokenResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import type { TwinContext } from '../context';
import { errors } from '../errors';
import { optionalString, requiredString } from '../request';
import { mintTokens, resumeSession, rotate } from '../sessions';
import { findClient } from '../settings';
import type { Operation } from './operation';

type Dependencies = Pick<TwinContext, 'settings' | 'state' | 'tokens' | 'journal' | 'now' | 'invokeFunction' | 'log'>;

/**
 * API Reference, GetTokensFromRefreshToken: new id and access tokens of the refresh token's session
 * (same origin_jti, event_id and auth_time), and, when the app client rotates refresh tokens, a new
 * refresh token in the old one's place (sessions.ts, rotate). Without rotation it answers as
 * REFRESH_TOKEN_AUTH does. The pool has no triggers and does not remember devices, so ClientMetadata
 * and DeviceKey change nothing here; their form is checked (request-constraints.ts).
 */
export const getTokensFromRefreshToken =
  (context: Dependencies): Operation<GetTokensFromRefreshTokenRequest, GetTokensFromRefreshTokenResponse> =>
  async (request) => {
    const client = findClient(context.settings, requiredString(request, 'ClientId'));
    if (optionalString(request, 'ClientSecret') !== undefined) throw errors.clientHasNoSecret(client.clientId);
    const { session, token, user } = resumeSession(context, client, requiredString(request, 'RefreshToken'));
    const { refreshTokenRotation } = client;
    if (!refreshTokenRotation)
      return { AuthenticationResult: await mintTokens(context, user, session, client, 'TokenGeneration_RefreshTokens') };

    // Checked and rotated in one synchronous step; the journal's fsync then runs while the tokens are signed.
    const rotation = rotate(session, token, refreshTokenRotation.retryGracePeriodSeconds, context.now());
    const [tokens] = await Promise.all([
      mintTokens(context, user, session, client, 'TokenGeneration_RefreshTokens'),
      context.journal.commit(...rotation.records.map((record) => ({ type: 'refresh-token' as const, token: record }))),
    ]);
    return { AuthenticationResult: { ...tokens, RefreshToken: rotation.refreshToken } };
  };

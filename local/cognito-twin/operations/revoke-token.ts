import type { RevokeTokenRequest, RevokeTokenResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { TwinContext } from '../context';
import { errors } from '../errors';
import { requiredString } from '../request';
import { findSessionByRefreshToken } from '../sessions';
import { findClient } from '../settings';
import type { Operation } from './operation';

type Dependencies = Pick<TwinContext, 'settings' | 'state' | 'tokens' | 'journal'>;

/**
 * API Reference, RevokeToken, read with the developer guide's REVOCATION endpoint, which spells
 * out the cases: revocation disabled for the client is an error, a token that is not a refresh
 * token is `unsupported_token_type`, and an invalid or already revoked token answers 200.
 * "Refresh tokens must be revoked using the same client ID that was used to obtain the token."
 */
export const revokeToken =
  (context: Dependencies): Operation<RevokeTokenRequest, RevokeTokenResponse> =>
  async (request) => {
    const client = findClient(context.settings, requiredString(request, 'ClientId'));
    const token = requiredString(request, 'Token');
    if (!client.enableTokenRevocation) throw errors.revocationDisabled();
    const session = findSessionByRefreshToken(context, token);
    if (!session) {
      if (await context.tokens.isOwnToken(token)) throw errors.notARefreshToken();
      return {};
    }
    if (session.clientId !== client.clientId) throw errors.tokenOfAnotherClient();
    if (!session.revoked) await context.journal.commit({ type: 'session', session: { ...session, revoked: true } });
    return {};
  };

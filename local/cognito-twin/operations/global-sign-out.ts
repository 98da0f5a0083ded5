import type { GlobalSignOutRequest, GlobalSignOutResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { TwinContext } from '../context';
import { requiredString } from '../request';
import { authenticateAccessToken } from '../sessions';
import type { Operation } from './operation';

type Dependencies = Pick<TwinContext, 'state' | 'tokens' | 'journal'>;

/**
 * API Reference, GlobalSignOut: revokes every refresh token of the user, on every app client, and
 * with them every id and access token minted from those (they carry the session's origin_jti).
 */
export const globalSignOut =
  (context: Dependencies): Operation<GlobalSignOutRequest, GlobalSignOutResponse> =>
  async (request) => {
    const user = await authenticateAccessToken(context, requiredString(request, 'AccessToken'));
    const live = context.state.sessionsOf(user.sub).filter((session) => !session.revoked);
    const revoked = live.map((session) => ({ type: 'session' as const, session: { ...session, revoked: true } }));
    await context.journal.commit(...revoked);
    return {};
  };

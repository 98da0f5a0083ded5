import type { Operation } from '../context';
import { requiredString } from '../request';
import { authenticateAccessToken } from '../sessions';

/**
 * API Reference, GlobalSignOut: revokes every refresh token of the user, on every app client, and
 * with them every id and access token minted from those (they carry the session's origin_jti).
 */
export const globalSignOut: Operation = async (context, input) => {
  const user = await authenticateAccessToken(context, requiredString(input, 'AccessToken'));
  const live = context.state.sessionsOf(user.sub).filter((session) => !session.revoked);
  await context.journal.commit(...live.map((session) => ({ type: 'session' as const, session: { ...session, revoked: true } })));
  return {};
};

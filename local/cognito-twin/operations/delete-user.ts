import type { DeleteUserRequest } from '@aws-sdk/client-cognito-identity-provider';
import type { TwinContext } from '../context';
import { requiredString } from '../request';
import { authenticateAccessToken } from '../sessions';
import type { Operation } from './operation';

type Dependencies = Pick<TwinContext, 'state' | 'tokens' | 'journal'>;

/**
 * API Reference, DeleteUser: the caller deletes its own account. Its sessions go with it, so every
 * refresh and access token it held is refused from now on, and its email can sign up again.
 * The answer has no members (the SDK declares no DeleteUserResponse).
 */
export const deleteUser =
  (context: Dependencies): Operation<DeleteUserRequest, Record<string, never>> =>
  async (request) => {
    const user = await authenticateAccessToken(context, requiredString(request, 'AccessToken'));
    await context.journal.commit({ type: 'user-deleted', sub: user.sub });
    return {};
  };

import type { GetIdInput, GetIdResponse } from '@aws-sdk/client-cognito-identity';
import type { TwinContext } from '../context';
import { type IdentityPoolSettings, identityErrors, newIdentity, userOfLogins } from '../identity-pool';
import { requiredString } from '../request';
import type { Operation } from './operation';

type Dependencies = Pick<TwinContext, 'settings' | 'tokens' | 'state' | 'journal' | 'now'> & {
  identityPool: IdentityPoolSettings;
};

/** Cognito Identity API Reference, GetId: the one identity of the user the Logins name, created on first use. */
export const getId =
  (context: Dependencies): Operation<GetIdInput, GetIdResponse> =>
  async (request) => {
    const identityPoolId = requiredString(request, 'IdentityPoolId');
    if (identityPoolId !== context.identityPool.identityPoolId) throw identityErrors.unknownIdentityPool(identityPoolId);
    const user = await userOfLogins(context, request.Logins);
    const key = { identityPoolId, ...user };
    const existing = context.state.findIdentityOf(key);
    if (existing) return { IdentityId: existing.identityId };
    const identity = newIdentity(identityPoolId, user, context.now());
    await context.journal.commit({ type: 'identity', identity });
    return { IdentityId: identity.identityId };
  };

import type { TwinContext } from '../context';
import { errors } from '../errors';
import type { UserRecord } from '../pool-state';
import { requiredString, type Unvalidated } from '../request';

/**
 * What every Admin* operation starts with: the pool it names is this one, and the user it names
 * (by email alias or by sub, as everywhere) exists.
 */
export function adminTarget(
  context: Pick<TwinContext, 'settings' | 'state'>,
  request: Unvalidated<{ UserPoolId: string; Username: string }>,
): UserRecord {
  assertThisPool(context, request);
  const user = context.state.findUser(requiredString(request, 'Username'));
  if (!user) throw errors.userNotFound();
  return user;
}

function assertThisPool(context: Pick<TwinContext, 'settings'>, request: Unvalidated<{ UserPoolId: string }>): void {
  const poolId = requiredString(request, 'UserPoolId');
  if (poolId !== context.settings.poolId) throw errors.unknownPool(poolId);
}

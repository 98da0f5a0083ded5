import type { UserType } from '@aws-sdk/client-cognito-identity-provider';
import { allAttributesOf } from '../attributes';
import type { TwinContext } from '../context';
import { errors } from '../errors';
import type { UserRecord } from '../pool-state';
import { requiredString, type Unvalidated } from '../request';

/**
 * What every Admin* operation starts with: the pool it names is this one, and the user it names
 * (by email alias or by sub, as everywhere) exists. The caller's IAM authorization has been checked
 * by then, in server.ts, before any operation runs.
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

export function assertThisPool(context: Pick<TwinContext, 'settings'>, request: Unvalidated<{ UserPoolId: string }>): void {
  const poolId = requiredString(request, 'UserPoolId');
  if (poolId !== context.settings.poolId) throw errors.unknownPool(poolId);
}

/** The user's attributes as Cognito lists them, every one: an administrator's call is not held to an app client's ReadAttributes. */
export function attributesOf(user: UserRecord): Array<{ Name: string; Value: string }> {
  return Object.entries(allAttributesOf(user)).map(([Name, Value]) => ({ Name, Value }));
}

/**
 * A UserType (ListUsers). Timestamps go out as epoch seconds, the awsJson1_1 protocol's form, which the
 * SDK turns into Dates. `enabled` absent means enabled (pool-state.ts).
 */
export function userType(user: UserRecord): Omit<UserType, 'UserCreateDate' | 'UserLastModifiedDate'> & {
  UserCreateDate: number;
  UserLastModifiedDate: number;
} {
  return {
    Username: user.sub,
    Attributes: attributesOf(user),
    UserCreateDate: user.createdAt / 1000,
    UserLastModifiedDate: (user.lastModifiedAt ?? user.createdAt) / 1000,
    Enabled: user.enabled !== false,
    UserStatus: user.status,
  };
}

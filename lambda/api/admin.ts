import {
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  type AttributeType,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import type * as z from 'zod/mini';
import { ApiError } from '../../contract/errors';
import type { adminUser } from '../../contract/responses';
import { signedInClaims } from './claims';
import { cognito } from './cognito';
import { environment } from './environment';
import { readCognitoError } from './errors';
import type { ProxyEvent } from './event';
import { logInfo } from './request-log';

type AdminUser = z.output<typeof adminUser>;

/** The pool the admin API administers. */
export function userPoolId(): string {
  return environment('USER_POOL_ID');
}

/**
 * One admin action: run, mapped and audited. Exactly one log line per action, whatever its outcome:
 * who (the caller's sub), what (the Cognito operation), on whom (the target's sub), and the outcome
 * code; never a token, code or password (the request's own line, request-log.ts, has none either).
 * Cognito's exceptions are read as the admin API's (errors.ts, `administration`): an unknown user or
 * group is 404; AccessDeniedException (the role lacks the action) stays unexpected, a 500.
 */
export async function audited<T>(event: ProxyEvent, action: string, target: string, work: () => Promise<T>): Promise<T> {
  const actor = signedInClaims(event, 'access').sub;
  let outcome = 'Success';
  try {
    return await work();
  } catch (error) {
    const mapped = error instanceof ApiError ? error : readCognitoError(error, 'Administration');
    outcome = mapped instanceof ApiError ? mapped.code : (error as Error).name;
    throw mapped;
  } finally {
    logInfo('admin action', { actor, action, target, outcome });
  }
}

/** An admin may not turn the admin API against their own account: that is DELETE /me's, or another admin's, to do. */
export function refuseSelf(event: ProxyEvent, id: string, what: string): void {
  if (signedInClaims(event, 'access').sub === id)
    throw new ApiError('Conflict', `An administrator cannot ${what} their own account.`);
}

/** A user as the admin API shows it: its attributes, its groups and its MFA (AdminListGroupsForUser, AdminGetUser). */
export async function describeUser(
  user: Pick<UserType, 'Username' | 'UserStatus' | 'Enabled' | 'UserCreateDate'> & {
    Attributes?: AttributeType[];
  },
): Promise<AdminUser> {
  const Username = user.Username ?? '';
  const [groups, details] = await Promise.all([
    cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: userPoolId(), Username })),
    cognito.send(new AdminGetUserCommand({ UserPoolId: userPoolId(), Username })),
  ]);
  const attribute = (name: string) => (user.Attributes ?? details.UserAttributes)?.find((a) => a.Name === name)?.Value;
  return {
    id: Username,
    email: attribute('email') ?? '',
    emailVerified: attribute('email_verified') === 'true',
    status: user.UserStatus ?? details.UserStatus ?? 'UNKNOWN',
    enabled: user.Enabled ?? details.Enabled ?? true,
    groups: (groups.Groups ?? []).map((g) => g.GroupName ?? ''),
    mfa: (details.UserMFASettingList ?? []).includes('SOFTWARE_TOKEN_MFA'),
    createdAt: (user.UserCreateDate ?? details.UserCreateDate ?? new Date(0)).toISOString(),
  };
}

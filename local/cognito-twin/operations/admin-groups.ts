import type {
  AdminAddUserToGroupRequest,
  AdminListGroupsForUserRequest,
  AdminRemoveUserFromGroupRequest,
} from '@aws-sdk/client-cognito-identity-provider';
import type { TwinContext } from '../context';
import { errors } from '../errors';
import { optionalString, requiredString } from '../request';
import { findGroup } from '../settings';
import { adminTarget } from './admin-user';
import type { Operation } from './operation';

type Dependencies = Pick<TwinContext, 'settings' | 'state' | 'journal' | 'now'>;

/**
 * API Reference, AdminAddUserToGroup: the group must exist (ResourceNotFoundException); adding a
 * member again changes nothing. The user's next tokens carry it in cognito:groups (tokens.ts).
 */
export const adminAddUserToGroup =
  (context: Dependencies): Operation<AdminAddUserToGroupRequest, Record<string, never>> =>
  async (request) => {
    const user = adminTarget(context, request);
    const { groupName } = findGroup(context.settings, requiredString(request, 'GroupName'));
    if (user.groups?.includes(groupName)) return {};
    const groups = [...(user.groups ?? []), groupName];
    await context.journal.commit({ type: 'user', user: { ...user, groups, lastModifiedAt: context.now() } });
    return {};
  };

/** API Reference, AdminRemoveUserFromGroup: removing a user who is not a member changes nothing. */
export const adminRemoveUserFromGroup =
  (context: Dependencies): Operation<AdminRemoveUserFromGroupRequest, Record<string, never>> =>
  async (request) => {
    const user = adminTarget(context, request);
    const { groupName } = findGroup(context.settings, requiredString(request, 'GroupName'));
    if (!user.groups?.includes(groupName)) return {};
    const groups = user.groups.filter((name) => name !== groupName);
    await context.journal.commit({ type: 'user', user: { ...user, groups, lastModifiedAt: context.now() } });
    return {};
  };

/**
 * API Reference, AdminListGroupsForUser: the user's groups as GroupType, Limit 0 to 60 (default 60 here, unverified);
 * a pool has few groups, so the NextToken is the index of the next group.
 */
export const adminListGroupsForUser =
  (context: Dependencies): Operation<AdminListGroupsForUserRequest, object> =>
  async (request) => {
    const user = adminTarget(context, request);
    const limit = typeof request.Limit === 'number' && request.Limit > 0 ? request.Limit : 60;
    const token = optionalString(request, 'NextToken');
    const start = token === undefined ? 0 : Number(token);
    if (!Number.isInteger(start) || start < 0) throw errors.invalidPaginationToken();
    const member = new Set(user.groups ?? []);
    const groups = context.settings.groups.filter((group) => member.has(group.groupName));
    const page = groups.slice(start, start + limit).map((group) => ({
      GroupName: group.groupName,
      UserPoolId: context.settings.poolId,
      ...(group.precedence === undefined ? {} : { Precedence: group.precedence }),
    }));
    const next = start + limit < groups.length ? { NextToken: String(start + limit) } : {};
    return { Groups: page, ...next };
  };

import {
  AdminAddUserToGroupCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  type CognitoIdentityProviderClient,
  ListUsersCommand,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';

/** A user pool and a client signed with credentials allowed to administer it. */
export interface AdminTarget {
  readonly cognito: CognitoIdentityProviderClient;
  readonly userPoolId: string;
}

export async function addToGroup(target: AdminTarget, email: string, group: string): Promise<string> {
  await target.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: target.userPoolId, Username: email, GroupName: group }));
  return `${email} is in ${group}: their next sign-in or refresh carries it in cognito:groups`;
}

export async function removeFromGroup(target: AdminTarget, email: string, group: string): Promise<string> {
  await target.cognito.send(
    new AdminRemoveUserFromGroupCommand({ UserPoolId: target.userPoolId, Username: email, GroupName: group }),
  );
  return `${email} is not in ${group}: tokens issued before keep the claim until they expire`;
}

/**
 * One page of users, email order, with each one's groups (ListUsers does not list them:
 * AdminListGroupsForUser per user), and the command that shows the next page.
 */
export async function listUsers(
  target: AdminTarget,
  options: { prefix?: string; limit: number; next?: string },
): Promise<string> {
  const page = await target.cognito.send(
    new ListUsersCommand({
      UserPoolId: target.userPoolId,
      Limit: options.limit,
      PaginationToken: options.next,
      // ListUsers' filter syntax: attribute ^= "prefix" (API Reference, ListUsers, Filter).
      Filter: options.prefix ? `email ^= ${JSON.stringify(options.prefix)}` : undefined,
    }),
  );
  const rows = await Promise.all((page.Users ?? []).map((user) => row(target, user)));
  const lines = rows.length > 0 ? rows : ['(no users)'];
  if (page.PaginationToken) lines.push(`more: npm run admin -- list-users --next ${page.PaginationToken}`);
  return lines.join('\n');
}

async function row(target: AdminTarget, user: UserType): Promise<string> {
  const email = user.Attributes?.find((a) => a.Name === 'email')?.Value ?? '';
  const { Groups } = await target.cognito.send(
    new AdminListGroupsForUserCommand({ UserPoolId: target.userPoolId, Username: user.Username }),
  );
  const groups = (Groups ?? []).map((g) => g.GroupName).join(',') || '-';
  return [email, user.UserStatus, user.Enabled ? 'enabled' : 'disabled', groups].join('\t');
}

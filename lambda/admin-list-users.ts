import { ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider';
import { adminListUsersRequest } from '../contract/requests';
import { audited, describeUser, userPoolId } from './api/admin';
import { cognito } from './api/cognito';
import { httpHandler } from './api/handler';

/**
 * GET /admin/users: one ListUsers page (email prefix: `email ^= "…"`, API Reference, ListUsers,
 * Filter), each user with their groups and MFA. Audited like every admin action, its target `*`.
 */
export const handler = httpHandler<'admin-list-users'>(adminListUsersRequest, async ({ query, event }) =>
  audited(event, 'ListUsers', '*', async () => {
    const page = await cognito.send(
      new ListUsersCommand({
        UserPoolId: userPoolId(),
        Limit: query.limit === undefined ? 60 : Number(query.limit),
        PaginationToken: query.nextToken,
        Filter: query.email === undefined ? undefined : `email ^= "${query.email}"`,
      }),
    );
    const users = await Promise.all((page.Users ?? []).map(describeUser));
    return { status: 200, body: { users, ...(page.PaginationToken ? { nextToken: page.PaginationToken } : {}) } };
  }),
);

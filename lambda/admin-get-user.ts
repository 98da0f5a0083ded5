import { adminGetUserRequest } from '../contract/requests';
import { audited, describeUser } from './api/admin';
import { httpHandler } from './api/handler';

/** GET /admin/users/{id}: AdminGetUser and AdminListGroupsForUser; an unknown id is 404. */
export const handler = httpHandler<'admin-get-user'>(adminGetUserRequest, async ({ params, event }) =>
  audited(event, 'AdminGetUser', params.id, async () => ({ status: 200, body: await describeUser({ Username: params.id }) })),
);

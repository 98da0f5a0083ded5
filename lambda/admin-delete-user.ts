import { AdminDeleteUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { adminDeleteUserRequest } from '../contract/requests';
import { audited, refuseSelf, userPoolId } from './api/admin';
import { cognito } from './api/cognito';
import { httpHandler } from './api/handler';

/** DELETE /admin/users/{id}: AdminDeleteUser; an admin's own account is DELETE /me's. */
export const handler = httpHandler<'admin-delete-user'>(adminDeleteUserRequest, async ({ params, event }) =>
  audited(event, 'AdminDeleteUser', params.id, async () => {
    refuseSelf(event, params.id, 'delete');
    await cognito.send(new AdminDeleteUserCommand({ UserPoolId: userPoolId(), Username: params.id }));
    return { status: 204 };
  }),
);

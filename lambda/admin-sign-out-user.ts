import { AdminUserGlobalSignOutCommand } from '@aws-sdk/client-cognito-identity-provider';
import { adminSignOutUserRequest } from '../contract/requests';
import { audited, userPoolId } from './api/admin';
import { cognito } from './api/cognito';
import { httpHandler } from './api/handler';

/** POST /admin/users/{id}/sign-out: AdminUserGlobalSignOut, every session of the user. */
export const handler = httpHandler<'admin-sign-out-user'>(adminSignOutUserRequest, async ({ params, event }) =>
  audited(event, 'AdminUserGlobalSignOut', params.id, async () => {
    await cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: userPoolId(), Username: params.id }));
    return { status: 204 };
  }),
);

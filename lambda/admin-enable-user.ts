import { AdminEnableUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { adminEnableUserRequest } from '../contract/requests';
import { audited, userPoolId } from './api/admin';
import { cognito } from './api/cognito';
import { httpHandler } from './api/handler';

/** POST /admin/users/{id}/enable: AdminEnableUser. */
export const handler = httpHandler<'admin-enable-user'>(adminEnableUserRequest, async ({ params, event }) =>
  audited(event, 'AdminEnableUser', params.id, async () => {
    await cognito.send(new AdminEnableUserCommand({ UserPoolId: userPoolId(), Username: params.id }));
    return { status: 204 };
  }),
);

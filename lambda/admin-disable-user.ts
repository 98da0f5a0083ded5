import { AdminDisableUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { adminDisableUserRequest } from '../contract/requests';
import { audited, refuseSelf, userPoolId } from './api/admin';
import { cognito } from './api/cognito';
import { httpHandler } from './api/handler';

/** POST /admin/users/{id}/disable: AdminDisableUser, which also ends the user's sessions. */
export const handler = httpHandler<'admin-disable-user'>(adminDisableUserRequest, async ({ params, event }) =>
  audited(event, 'AdminDisableUser', params.id, async () => {
    refuseSelf(event, params.id, 'disable');
    await cognito.send(new AdminDisableUserCommand({ UserPoolId: userPoolId(), Username: params.id }));
    return { status: 204 };
  }),
);

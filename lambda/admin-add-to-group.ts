import { AdminAddUserToGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import { adminAddToGroupRequest } from '../contract/requests';
import { audited, userPoolId } from './api/admin';
import { cognito } from './api/cognito';
import { httpHandler } from './api/handler';

/** PUT /admin/users/{id}/groups/{group}: AdminAddUserToGroup; an unknown group is 404. */
export const handler = httpHandler<'admin-add-to-group'>(adminAddToGroupRequest, async ({ params, event }) =>
  audited(event, `AdminAddUserToGroup ${params.group}`, params.id, async () => {
    await cognito.send(
      new AdminAddUserToGroupCommand({ UserPoolId: userPoolId(), Username: params.id, GroupName: params.group }),
    );
    return { status: 204 };
  }),
);

import { AdminRemoveUserFromGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import { adminRemoveFromGroupRequest } from '../contract/requests';
import { audited, refuseSelf, userPoolId } from './api/admin';
import { cognito } from './api/cognito';
import { httpHandler } from './api/handler';

/** DELETE /admin/users/{id}/groups/{group}: AdminRemoveUserFromGroup; an admin cannot demote themselves. */
export const handler = httpHandler<'admin-remove-from-group'>(adminRemoveFromGroupRequest, async ({ params, event }) =>
  audited(event, `AdminRemoveUserFromGroup ${params.group}`, params.id, async () => {
    if (params.group === adminRemoveFromGroupRequest.group) refuseSelf(event, params.id, 'remove from admin');
    await cognito.send(
      new AdminRemoveUserFromGroupCommand({ UserPoolId: userPoolId(), Username: params.id, GroupName: params.group }),
    );
    return { status: 204 };
  }),
);

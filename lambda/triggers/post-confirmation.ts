import { AdminAddUserToGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { PostConfirmationTriggerEvent } from 'aws-lambda';
import { cognito } from '../api/cognito';

/**
 * Post confirmation: a user whose sign-up is confirmed joins DEFAULT_GROUP (lib/config.ts
 * defaultGroup). Cognito fires this trigger after ConfirmSignUp and after ConfirmForgotPassword
 * too; only the first is a new user, so the trigger source decides. The role may call
 * AdminAddUserToGroup on this pool alone (lib/user-pool-triggers.ts).
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-post-confirmation.html
 */
export const handler = async (event: PostConfirmationTriggerEvent): Promise<PostConfirmationTriggerEvent> => {
  const groupName = process.env.DEFAULT_GROUP;
  if (!groupName) throw new Error('DEFAULT_GROUP is not set');
  if (event.triggerSource !== 'PostConfirmation_ConfirmSignUp') {
    console.info({ trigger: event.triggerSource, decision: 'nothing to do' });
    return event;
  }
  await cognito.send(
    new AdminAddUserToGroupCommand({ UserPoolId: event.userPoolId, Username: event.userName, GroupName: groupName }),
  );
  console.info({ trigger: event.triggerSource, decision: 'added to group', group: groupName });
  return event;
};

import { ChangePasswordCommand } from '@aws-sdk/client-cognito-identity-provider';
import { changePasswordRequest } from '../contract/requests';
import { accessTokenOf, asSignedInUser } from './api/access-token';
import { cognito } from './api/cognito';
import { httpHandler } from './api/handler';

/**
 * The caller's new password, against the current one: the only account route that asks for it, as
 * Cognito's ChangePassword does (SECURITY.md says why).
 */
export const handler = httpHandler<'change-password'>(changePasswordRequest, async ({ body, event }) => {
  const AccessToken = accessTokenOf(event);
  await asSignedInUser('ChangePassword', () =>
    cognito.send(
      new ChangePasswordCommand({ AccessToken, PreviousPassword: body.currentPassword, ProposedPassword: body.newPassword }),
    ),
  );
  return { status: 200, body: { changed: true } };
});

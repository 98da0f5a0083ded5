import { ConfirmForgotPasswordCommand } from '@aws-sdk/client-cognito-identity-provider';
import { resetPasswordRequest } from '../contract/requests';
import { appClientId, cognito } from './api/cognito';
import { readCognitoError } from './api/errors';
import { httpHandler } from './api/handler';

export const handler = httpHandler<'reset-password'>(resetPasswordRequest, async ({ body: { email, code, newPassword } }) => {
  await cognito
    .send(
      new ConfirmForgotPasswordCommand({
        ClientId: appClientId(),
        Username: email,
        ConfirmationCode: code,
        Password: newPassword,
      }),
    )
    .catch((error) => {
      throw readCognitoError(error, 'ConfirmForgotPassword');
    });
  return { status: 200, body: { reset: true } };
});

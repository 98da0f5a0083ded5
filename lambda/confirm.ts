import { ConfirmSignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { appClientId, cognito } from './api/cognito';
import { readCognitoError } from './api/errors';
import { httpHandler } from './api/handler';
import { confirmRequest } from './api/schemas';

export const handler = httpHandler<'confirm'>(confirmRequest, async ({ body: { email, code } }) => {
  await cognito
    .send(new ConfirmSignUpCommand({ ClientId: appClientId(), Username: email, ConfirmationCode: code }))
    .catch((error) => {
      throw readCognitoError(error, 'ConfirmSignUp');
    });
  return { status: 200, body: { confirmed: true } };
});

import { ConfirmSignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { confirmRequest } from '../contract/requests';
import { appClientId, cognito } from './api/cognito';
import { readCognitoError } from './api/errors';
import { httpHandler } from './api/handler';

export const handler = httpHandler<'confirm'>(confirmRequest, async ({ body: { email, code } }) => {
  await cognito
    .send(new ConfirmSignUpCommand({ ClientId: appClientId(), Username: email, ConfirmationCode: code }))
    .catch((error) => {
      throw readCognitoError(error, 'ConfirmSignUp');
    });
  return { status: 200, body: { confirmed: true } };
});

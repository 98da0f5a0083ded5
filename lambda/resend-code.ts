import { ResendConfirmationCodeCommand } from '@aws-sdk/client-cognito-identity-provider';
import { resendCodeRequest } from '../contract/requests';
import { appClientId, cognito } from './api/cognito';
import { httpHandler } from './api/handler';
import { codeDelivery } from './api/responses';

/**
 * A new sign-up code replaces the outstanding one. With PreventUserExistenceErrors, Cognito answers
 * an unknown email with a simulated delivery, so this answer tells nothing about who has an account.
 */
export const handler = httpHandler<'resend-code'>(resendCodeRequest, async ({ body: { email } }) => {
  const result = await cognito.send(new ResendConfirmationCodeCommand({ ClientId: appClientId(), Username: email }));
  return { status: 200, body: { codeDelivery: codeDelivery(result.CodeDeliveryDetails) } };
});

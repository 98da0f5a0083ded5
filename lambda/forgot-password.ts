import { ForgotPasswordCommand } from '@aws-sdk/client-cognito-identity-provider';
import { forgotPasswordRequest } from '../contract/requests';
import { appClientId, cognito } from './api/cognito';
import { httpHandler } from './api/handler';
import { codeDelivery } from './api/responses';

/**
 * Emails a password-reset code to a verified address. With PreventUserExistenceErrors, Cognito
 * answers an unknown or unverified email with a simulated delivery, indistinguishable from a real one.
 */
export const handler = httpHandler<'forgot-password'>(forgotPasswordRequest, async ({ body: { email } }) => {
  const result = await cognito.send(new ForgotPasswordCommand({ ClientId: appClientId(), Username: email }));
  return { status: 200, body: { codeDelivery: codeDelivery(result.CodeDeliveryDetails) } };
});

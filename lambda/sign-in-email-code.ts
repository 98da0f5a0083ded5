import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { ApiError } from '../contract/errors';
import { signInEmailCodeRequest } from '../contract/requests';
import { appClientId, cognito } from './api/cognito';
import { httpHandler } from './api/handler';

/**
 * POST /sign-in/email-code: choice-based sign-in (InitiateAuth USER_AUTH) with the emailed code preferred; Cognito
 * mails the code and answers the EMAIL_OTP challenge with where it went. An email with no account gets the same
 * answer (the pool hides user existence). An account that must give a second factor is offered the password alone
 * (Cognito does not combine passwordless sign-in with MFA): 401, sign in with the password.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow-methods.html
 */
export const handler = httpHandler<'sign-in-email-code'>(signInEmailCodeRequest, async ({ body: { email } }) => {
  const result = await cognito.send(
    new InitiateAuthCommand({
      ClientId: appClientId(),
      AuthFlow: 'USER_AUTH',
      AuthParameters: { USERNAME: email, PREFERRED_CHALLENGE: 'EMAIL_OTP' },
    }),
  );
  if (result.ChallengeName !== 'EMAIL_OTP' || !result.Session) {
    throw new ApiError('NotAuthorized', 'This account cannot sign in with an emailed code: sign in with the password.');
  }
  const parameters = result.ChallengeParameters ?? {};
  const medium = parameters.CODE_DELIVERY_DELIVERY_MEDIUM;
  return {
    status: 202,
    body: {
      challenge: 'EMAIL_OTP',
      session: result.Session,
      codeDelivery: {
        ...(medium === 'EMAIL' || medium === 'SMS' ? { medium } : {}),
        ...(parameters.CODE_DELIVERY_DESTINATION && { destination: parameters.CODE_DELIVERY_DESTINATION }),
      },
    },
  };
});

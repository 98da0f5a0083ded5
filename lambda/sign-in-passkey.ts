import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { ApiError } from '../contract/errors';
import { signInPasskeyRequest } from '../contract/requests';
import { appClientId, cognito } from './api/cognito';
import { httpHandler } from './api/handler';

/**
 * POST /sign-in/passkey: choice-based sign-in (InitiateAuth USER_AUTH) with the passkey preferred. Cognito answers the
 * WEB_AUTHN challenge, whose CREDENTIAL_REQUEST_OPTIONS are the request options for `navigator.credentials.get`, when
 * the user has a passkey; otherwise it offers the other first factors (SELECT_CHALLENGE), which this route answers as
 * 401, the same for an email with no passkey and an email with no account.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow-methods.html
 */
export const handler = httpHandler<'sign-in-passkey'>(signInPasskeyRequest, async ({ body: { email } }) => {
  const result = await cognito.send(
    new InitiateAuthCommand({
      ClientId: appClientId(),
      AuthFlow: 'USER_AUTH',
      AuthParameters: { USERNAME: email, PREFERRED_CHALLENGE: 'WEB_AUTHN' },
    }),
  );
  const options = result.ChallengeParameters?.CREDENTIAL_REQUEST_OPTIONS;
  if (result.ChallengeName !== 'WEB_AUTHN' || !options || !result.Session) {
    throw new ApiError('NotAuthorized', 'No passkey signs in this email: sign in with the password or an emailed code.');
  }
  return { status: 202, body: { challenge: 'WEB_AUTHN', session: result.Session, options: JSON.parse(options) } };
});

import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { appClientId, cognito } from './api/cognito';
import { ApiError } from './api/errors';
import { httpHandler } from './api/handler';
import { parseBody } from './api/requests';
import { signInRequest } from './api/schemas';

export const handler = httpHandler(async (event) => {
  const { email, password } = parseBody(event, signInRequest);
  const result = await cognito.send(
    new InitiateAuthCommand({
      ClientId: appClientId(),
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  );
  const tokens = result.AuthenticationResult;
  // With -c mfa=true a user who enrolled a TOTP factor (through Cognito, with their access token)
  // is asked for it; this API offers no step to answer, so it says so rather than failing.
  if (result.ChallengeName) {
    throw new ApiError('ChallengeRequired', `This account needs a further sign-in step (${result.ChallengeName}) that this API does not offer.`);
  }
  if (!tokens?.IdToken || !tokens.AccessToken) throw new Error('InitiateAuth answered neither tokens nor a challenge');
  return {
    status: 200,
    body: {
      idToken: tokens.IdToken,
      accessToken: tokens.AccessToken,
      refreshToken: tokens.RefreshToken,
      expiresIn: tokens.ExpiresIn,
      tokenType: 'Bearer',
    },
  };
});

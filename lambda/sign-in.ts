import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { appClientId, cognito } from './api/cognito';
import { ApiError } from './api/errors';
import { httpHandler } from './api/handler';
import { issuedTokens } from './api/responses';
import { signInRequest } from './api/schemas';

export const handler = httpHandler<'sign-in'>(signInRequest, async ({ body: { email, password } }) => {
  const result = await cognito.send(
    new InitiateAuthCommand({
      ClientId: appClientId(),
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  );
  // With -c mfa=true a user who enrolled a TOTP factor (through Cognito, with their access token)
  // is asked for it; this API offers no step to answer, so it says so rather than failing.
  if (result.ChallengeName) {
    throw new ApiError(
      'ChallengeRequired',
      `This account needs a further sign-in step (${result.ChallengeName}) that this API does not offer.`,
    );
  }
  const tokens = issuedTokens(result);
  // A sign-in without a challenge issues a refresh token with the others (Cognito Developer Guide,
  // "Using the refresh token"); without one the client could not stay signed in.
  const refreshToken = result.AuthenticationResult?.RefreshToken;
  if (!refreshToken) throw new Error('InitiateAuth answered no refresh token');
  return { status: 200, body: { ...tokens, refreshToken } };
});

import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { appClientId, cognito } from './api/cognito';
import { httpHandler } from './api/handler';
import { parseBody } from './api/requests';
import { refreshRequest } from './api/schemas';

/**
 * New id and access tokens for a refresh token. The app client has no secret, so REFRESH_TOKEN_AUTH
 * needs no USERNAME (nor SECRET_HASH); the refresh token is not rotated, so none is returned.
 */
export const handler = httpHandler(async (event) => {
  const { refreshToken } = parseBody(event, refreshRequest);
  const result = await cognito.send(
    new InitiateAuthCommand({
      ClientId: appClientId(),
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      AuthParameters: { REFRESH_TOKEN: refreshToken },
    }),
  );
  const tokens = result.AuthenticationResult;
  // REFRESH_TOKEN_AUTH answers tokens or an error, never a challenge (unlike sign-in, where an
  // enrolled MFA factor answers 403 ChallengeRequired): anything else is a server-side fault.
  if (!tokens?.IdToken || !tokens.AccessToken) {
    throw new Error(`InitiateAuth answered a challenge this API does not handle: ${result.ChallengeName ?? 'none'}`);
  }
  return {
    status: 200,
    body: { idToken: tokens.IdToken, accessToken: tokens.AccessToken, expiresIn: tokens.ExpiresIn, tokenType: 'Bearer' },
  };
});

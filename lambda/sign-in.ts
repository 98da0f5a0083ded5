import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { appClientId, cognito } from './api/cognito';
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
  // The pool asks for no challenge (no MFA, no forced password change), so a challenge here means
  // the pool was changed outside this stack: a server-side fault, not the caller's.
  if (!tokens?.IdToken || !tokens.AccessToken) {
    throw new Error(`InitiateAuth answered a challenge this API does not handle: ${result.ChallengeName ?? 'none'}`);
  }
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

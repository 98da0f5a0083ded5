import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { appClientId, cognito } from './api/cognito';
import { httpHandler } from './api/handler';
import { issuedTokens } from './api/responses';
import { refreshRequest } from './api/schemas';

/**
 * New id and access tokens for a refresh token. The app client has no secret, so REFRESH_TOKEN_AUTH
 * needs no USERNAME (nor SECRET_HASH); the refresh token is not rotated, so none is returned.
 * REFRESH_TOKEN_AUTH answers tokens or an error, never a challenge (unlike sign-in, where an
 * enrolled TOTP factor answers 202): anything else is a server-side fault, a 500.
 */
export const handler = httpHandler<'refresh'>(refreshRequest, async ({ body: { refreshToken } }) => {
  const result = await cognito.send(
    new InitiateAuthCommand({
      ClientId: appClientId(),
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      AuthParameters: { REFRESH_TOKEN: refreshToken },
    }),
  );
  return { status: 200, body: issuedTokens(result) };
});

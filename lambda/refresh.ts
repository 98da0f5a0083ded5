import { GetTokensFromRefreshTokenCommand } from '@aws-sdk/client-cognito-identity-provider';
import { refreshRequest } from '../contract/requests';
import { appClientId, cognito } from './api/cognito';
import { readCognitoError } from './api/errors';
import { httpHandler } from './api/handler';
import { refreshedTokens } from './api/responses';

/**
 * New id and access tokens for a refresh token, with GetTokensFromRefreshToken: the one operation
 * that refreshes on an app client with refresh-token rotation, where REFRESH_TOKEN_AUTH is refused,
 * and the same answer as REFRESH_TOKEN_AUTH on one without
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RefreshTokenRotationType.html).
 * With rotation Cognito answers a new refresh token too, and the answer passes it on: the client
 * keeps it in place of the one it sent, which ends after the grace period. The app client has no
 * secret, so ClientId and the token are all it takes.
 */
export const handler = httpHandler<'refresh'>(refreshRequest, async ({ body: { refreshToken } }) => {
  const result = await cognito
    .send(new GetTokensFromRefreshTokenCommand({ ClientId: appClientId(), RefreshToken: refreshToken }))
    .catch((error: unknown) => {
      throw readCognitoError(error, 'GetTokensFromRefreshToken');
    });
  return { status: 200, body: refreshedTokens(result) };
});

import { RevokeTokenCommand } from '@aws-sdk/client-cognito-identity-provider';
import { signOutRequest } from '../contract/requests';
import { appClientId, cognito } from './api/cognito';
import { httpHandler } from './api/handler';

/**
 * Revokes the refresh token and the access tokens minted from it (RevokeToken, a public operation:
 * the client id is the only credential). Id tokens already issued are not checked against Cognito by
 * the authorizer, so they stay valid until they expire (tokenValidityMinutes).
 */
export const handler = httpHandler<'sign-out'>(signOutRequest, async ({ body: { refreshToken } }) => {
  await cognito.send(new RevokeTokenCommand({ ClientId: appClientId(), Token: refreshToken }));
  return { status: 204 };
});

import { GlobalSignOutCommand } from '@aws-sdk/client-cognito-identity-provider';
import { accessTokenOf, asSignedInUser } from './api/access-token';
import { cognito } from './api/cognito';
import { httpHandler } from './api/handler';

/**
 * Revokes every refresh token of the caller, on every device, and the access tokens minted from them
 * (GlobalSignOut). Id tokens already issued are not checked against Cognito by the authorizer, so
 * they still open /secret and GET /me until they expire (tokenValidityMinutes).
 */
export const handler = httpHandler<'sign-out-everywhere'>('sign-out-everywhere', async ({ event }) => {
  const AccessToken = accessTokenOf(event);
  await asSignedInUser('GlobalSignOut', () => cognito.send(new GlobalSignOutCommand({ AccessToken })));
  return { status: 204 };
});

import { DeleteUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { accessTokenOf, asSignedInUser } from './api/access-token';
import { cognito } from './api/cognito';
import { httpHandler } from './api/handler';

/**
 * Deletes the caller's account (DeleteUser): its tokens stop working with Cognito and its email can
 * sign up again. Id tokens already issued still open /secret and GET /me until they expire, as after
 * /sign-out-everywhere.
 */
export const handler = httpHandler<'delete-me'>('delete-me', async ({ event }) => {
  const AccessToken = accessTokenOf(event);
  await asSignedInUser('DeleteUser', () => cognito.send(new DeleteUserCommand({ AccessToken })));
  return { status: 204 };
});

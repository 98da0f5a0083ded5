import { GetUserCommand, UpdateUserAttributesCommand } from '@aws-sdk/client-cognito-identity-provider';
import { userAttributesOf } from '../contract/profile';
import { updateMeRequest } from '../contract/requests';
import { accessTokenOf, asSignedInUser } from './api/access-token';
import { cognito } from './api/cognito';
import { httpHandler } from './api/handler';
import { meOf } from './api/profile';

/**
 * PATCH /me: the caller's profile fields (contract/profile.ts), written with the caller's access
 * token, so Cognito holds the write to the app client's WriteAttributes and the pool's schema; no
 * IAM permission is involved. Answers the profile as GetUser then reads it, with the same token: the
 * id token in the caller's hands carries the change only from its next refresh.
 */
export const handler = httpHandler<'update-me'>(updateMeRequest, async ({ body, event }) => {
  const AccessToken = accessTokenOf(event);
  await asSignedInUser('UpdateUserAttributes', () =>
    cognito.send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: userAttributesOf(body) })),
  );
  const user = await asSignedInUser('GetUser', () => cognito.send(new GetUserCommand({ AccessToken })));
  const attributes = Object.fromEntries((user.UserAttributes ?? []).map(({ Name, Value }) => [Name ?? '', Value]));
  // GetUser's Username is "Required: Yes" (API Reference) and, with the email as the sign-in alias, the sub.
  return { status: 200, body: meOf({ sub: user.Username, ...attributes }) };
});

import { VerifyUserAttributeCommand } from '@aws-sdk/client-cognito-identity-provider';
import { verifyEmailRequest } from '../contract/requests';
import { accessTokenOf, asSignedInUser } from './api/access-token';
import { cognito } from './api/cognito';
import { httpHandler } from './api/handler';

/**
 * The code /change-email mailed to the new address: from now on that address is the sign-in name and
 * the `email` claim, verified. Id tokens issued before still carry the old one until they expire.
 */
export const handler = httpHandler<'verify-email'>(verifyEmailRequest, async ({ body: { code }, event }) => {
  const AccessToken = accessTokenOf(event);
  await asSignedInUser('VerifyUserAttribute', () =>
    cognito.send(new VerifyUserAttributeCommand({ AccessToken, AttributeName: 'email', Code: code })),
  );
  return { status: 200, body: { verified: true } };
});

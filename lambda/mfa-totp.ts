import { AssociateSoftwareTokenCommand, GetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { accessTokenOf, asSignedInUser } from './api/access-token';
import { cognito } from './api/cognito';
import { httpHandler } from './api/handler';
import { totpKey } from './api/totp-key';

/**
 * A new authenticator key for the signed-in user, to verify with POST /mfa/totp/verify: until then
 * sign-in is unchanged, and an authenticator already verified keeps working (Cognito replaces it
 * only when the new one is verified: AssociateSoftwareToken in the API Reference). The email for
 * the key's label comes from Cognito (GetUser), not from the token, which may be older than a change.
 */
export const handler = httpHandler<'mfa-totp'>('mfa-totp', async ({ event }) => {
  const AccessToken = accessTokenOf(event);
  const user = await asSignedInUser('GetUser', () => cognito.send(new GetUserCommand({ AccessToken })));
  const email = user.UserAttributes?.find((attribute) => attribute.Name === 'email')?.Value;
  if (!email) throw new Error('GetUser answered no email');
  const { SecretCode } = await asSignedInUser('AssociateSoftwareToken', () =>
    cognito.send(new AssociateSoftwareTokenCommand({ AccessToken })),
  );
  if (!SecretCode) throw new Error('AssociateSoftwareToken answered no key');
  return { status: 200, body: totpKey(SecretCode, email) };
});

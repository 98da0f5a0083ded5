import { DeleteWebAuthnCredentialCommand } from '@aws-sdk/client-cognito-identity-provider';
import { passkeyDeleteRequest } from '../contract/requests';
import { accessTokenOf, asSignedInUser } from './api/access-token';
import { cognito } from './api/cognito';
import { httpHandler } from './api/handler';

/**
 * DELETE /passkeys/{id}: removes one of the signed-in user's passkeys (DeleteWebAuthnCredential). The access token
 * names the account, so an id of another user's passkey is not found, as an id of none.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteWebAuthnCredential.html
 */
export const handler = httpHandler<'passkey-delete'>(passkeyDeleteRequest, async ({ params: { id }, event }) => {
  const AccessToken = accessTokenOf(event);
  await asSignedInUser('DeleteWebAuthnCredential', () =>
    cognito.send(new DeleteWebAuthnCredentialCommand({ AccessToken, CredentialId: id })),
  );
  return { status: 204 };
});

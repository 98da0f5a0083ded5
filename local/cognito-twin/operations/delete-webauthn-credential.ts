import type {
  DeleteWebAuthnCredentialRequest,
  DeleteWebAuthnCredentialResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import type { TwinContext } from '../context';
import { errors } from '../errors';
import { requiredString } from '../request';
import { authenticateAccessToken } from '../sessions';
import type { Operation } from './operation';

type Dependencies = Pick<TwinContext, 'state' | 'tokens' | 'journal'>;

/**
 * API Reference, DeleteWebAuthnCredential: removes one of the signed-in user's passkeys; it no longer signs anyone in.
 * An id the caller has no passkey with, another user's included, is ResourceNotFoundException.
 */
export const deleteWebAuthnCredential =
  (context: Dependencies): Operation<DeleteWebAuthnCredentialRequest, DeleteWebAuthnCredentialResponse> =>
  async (request) => {
    const user = await authenticateAccessToken(context, requiredString(request, 'AccessToken'));
    const credentialId = requiredString(request, 'CredentialId');
    if (context.state.findWebAuthnCredential(credentialId)?.sub !== user.sub) throw errors.webAuthnCredentialNotFound();
    await context.journal.commit({ type: 'webauthn-credential-deleted', credentialId });
    return {};
  };

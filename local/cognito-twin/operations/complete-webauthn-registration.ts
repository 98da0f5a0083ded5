import type {
  CompleteWebAuthnRegistrationRequest,
  CompleteWebAuthnRegistrationResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import type { TwinContext } from '../context';
import { errors } from '../errors';
import { requiredString } from '../request';
import { authenticateAccessToken } from '../sessions';
import type { Operation } from './operation';
import { passkeyClientOf } from './webauthn-caller';

type Dependencies = Pick<TwinContext, 'settings' | 'state' | 'tokens' | 'registrations' | 'journal'>;

/**
 * API Reference, CompleteWebAuthnRegistration: `Credential` is the RegistrationResponseJSON the browser returned for
 * StartWebAuthnRegistration's options. It is verified (webauthn.ts) and the passkey stored in the journal, so it
 * survives a restart; the answer has no members.
 */
export const completeWebAuthnRegistration =
  (context: Dependencies): Operation<CompleteWebAuthnRegistrationRequest, CompleteWebAuthnRegistrationResponse> =>
  async (request) => {
    const accessToken = requiredString(request, 'AccessToken');
    const user = await authenticateAccessToken(context, accessToken);
    const client = await passkeyClientOf(context, accessToken);
    if (request.Credential === undefined || request.Credential === null) throw errors.missingAuthParameter('Credential');
    const credential = await context.registrations.complete(context.settings, user, client, request.Credential);
    // Re-read after the await: the user may be gone, or may have registered the same authenticator meanwhile.
    if (!context.state.findUserBySub(user.sub)) throw errors.invalidAccessToken();
    if (context.state.findWebAuthnCredential(credential.credentialId)) {
      throw errors.webAuthnCredentialNotSupported('this passkey is registered already');
    }
    await context.journal.commit({ type: 'webauthn-credential', credential });
    return {};
  };

import type {
  StartWebAuthnRegistrationRequest,
  StartWebAuthnRegistrationResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import type { TwinContext } from '../context';
import { errors } from '../errors';
import { requiredString } from '../request';
import { authenticateAccessToken } from '../sessions';
import { MAX_PASSKEYS_PER_USER } from '../webauthn';
import type { Operation } from './operation';
import { passkeyClientOf } from './webauthn-caller';

type Dependencies = Pick<TwinContext, 'settings' | 'state' | 'tokens' | 'registrations'>;

/**
 * API Reference, StartWebAuthnRegistration: the creation options for the signed-in user's next passkey, as the JSON
 * `PublicKeyCredential.parseCreationOptionsFromJSON` takes (CredentialCreationOptions, a document). WebAuthnNotEnabledException
 * when the pool does not allow WEB_AUTHN; WebAuthnConfigurationMissingException without a relying party id. The user's
 * passkeys are excluded, so an authenticator cannot register twice.
 */
export const startWebAuthnRegistration =
  (context: Dependencies): Operation<StartWebAuthnRegistrationRequest, StartWebAuthnRegistrationResponse> =>
  async (request) => {
    const accessToken = requiredString(request, 'AccessToken');
    const user = await authenticateAccessToken(context, accessToken);
    const client = await passkeyClientOf(context, accessToken);
    const existing = context.state.webAuthnCredentialsOf(user.sub);
    if (existing.length >= MAX_PASSKEYS_PER_USER) throw errors.webAuthnCredentialLimit();
    const options = await context.registrations.start(context.settings, user, client, existing);
    return { CredentialCreationOptions: options as unknown as StartWebAuthnRegistrationResponse['CredentialCreationOptions'] };
  };

import { StartWebAuthnRegistrationCommand } from '@aws-sdk/client-cognito-identity-provider';
import { accessTokenOf, asSignedInUser } from './api/access-token';
import { cognito } from './api/cognito';
import { httpHandler } from './api/handler';

/**
 * POST /passkeys/registration-options: Cognito's creation options for the signed-in user's next passkey
 * (StartWebAuthnRegistration), as the JSON `PublicKeyCredential.parseCreationOptionsFromJSON` takes.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_StartWebAuthnRegistration.html
 */
export const handler = httpHandler<'passkey-registration-options'>('passkey-registration-options', async ({ event }) => {
  const AccessToken = accessTokenOf(event);
  const { CredentialCreationOptions } = await asSignedInUser('StartWebAuthnRegistration', () =>
    cognito.send(new StartWebAuthnRegistrationCommand({ AccessToken })),
  );
  const options = CredentialCreationOptions as { challenge?: unknown } | undefined;
  if (typeof options?.challenge !== 'string') throw new Error('StartWebAuthnRegistration answered no creation options');
  return { status: 200, body: { options: { ...options, challenge: options.challenge } } };
});

import { CompleteWebAuthnRegistrationCommand } from '@aws-sdk/client-cognito-identity-provider';
import { passkeyRegisterRequest } from '../contract/requests';
import { accessTokenOf, asSignedInUser } from './api/access-token';
import { cognito } from './api/cognito';
import { httpHandler } from './api/handler';

/**
 * POST /passkeys: the browser's new credential for the options of POST /passkeys/registration-options, handed to
 * Cognito (CompleteWebAuthnRegistration), which verifies it against the challenge it issued and stores the passkey.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CompleteWebAuthnRegistration.html
 */
export const handler = httpHandler<'passkey-register'>(passkeyRegisterRequest, async ({ body: { credential }, event }) => {
  const AccessToken = accessTokenOf(event);
  await asSignedInUser('CompleteWebAuthnRegistration', () =>
    cognito.send(new CompleteWebAuthnRegistrationCommand({ AccessToken, Credential: credential as never })),
  );
  return { status: 201 };
});

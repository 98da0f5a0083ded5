import { SetUserMFAPreferenceCommand, VerifySoftwareTokenCommand } from '@aws-sdk/client-cognito-identity-provider';
import { verifyTotpRequest } from '../contract/requests';
import { accessTokenOf, asSignedInUser } from './api/access-token';
import { cognito } from './api/cognito';
import { httpHandler } from './api/handler';
import { requireVerified } from './api/totp-key';

/**
 * The first code of the authenticator POST /mfa/totp handed out: once Cognito has verified it, TOTP
 * is turned on and preferred, so every sign-in from the next one on asks for a code.
 */
export const handler = httpHandler<'mfa-totp-verify'>(verifyTotpRequest, async ({ body: { code }, event }) => {
  const AccessToken = accessTokenOf(event);
  const verified = await asSignedInUser('VerifySoftwareToken', () =>
    cognito.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: code })),
  );
  requireVerified(verified);
  await asSignedInUser('SetUserMFAPreference', () =>
    cognito.send(
      new SetUserMFAPreferenceCommand({ AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }),
    ),
  );
  return { status: 200, body: { mfa: 'TOTP' } };
});

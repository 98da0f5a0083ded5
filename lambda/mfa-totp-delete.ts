import { SetUserMFAPreferenceCommand } from '@aws-sdk/client-cognito-identity-provider';
import { ApiError } from '../contract/errors';
import { accessTokenOf, asSignedInUser } from './api/access-token';
import { cognito } from './api/cognito';
import { environment } from './api/environment';
import { httpHandler } from './api/handler';

/**
 * Turns the signed-in user's TOTP factor off: sign-in asks for the password alone again. Refused
 * where the deployment requires a factor (MFA_MODE, lib/auth-api-stack.ts): there, Cognito was
 * reported to answer 200 and change nothing (panther-labs/panther#317, for
 * AdminSetUserMFAPreference; unverified for SetUserMFAPreference), and a factor can only be
 * replaced, by enrolling a new one.
 */
export const handler = httpHandler<'mfa-totp-delete'>('mfa-totp-delete', async ({ event }) => {
  const AccessToken = accessTokenOf(event);
  if (environment('MFA_MODE') === 'required') {
    throw new ApiError(
      'MfaRequired',
      'This deployment requires a second factor, so it cannot be turned off; POST /mfa/totp and /mfa/totp/verify replace it.',
    );
  }
  await asSignedInUser('SetUserMFAPreference', () =>
    cognito.send(
      new SetUserMFAPreferenceCommand({ AccessToken, SoftwareTokenMfaSettings: { Enabled: false, PreferredMfa: false } }),
    ),
  );
  return { status: 204 };
});

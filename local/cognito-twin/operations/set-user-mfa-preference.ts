import type { SetUserMFAPreferenceRequest, SetUserMFAPreferenceResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { TwinContext } from '../context';
import { errors } from '../errors';
import { type JsonObject, requiredString } from '../request';
import { authenticateAccessToken } from '../sessions';
import { offersSoftwareToken, SOFTWARE_TOKEN_MFA } from '../settings';
import { hasVerifiedSecret } from '../software-token';
import type { Operation } from './operation';

type Dependencies = Pick<TwinContext, 'settings' | 'state' | 'tokens' | 'journal'>;

/**
 * API Reference, SetUserMFAPreference: turns the caller's TOTP on or off for sign-in and marks it preferred. Turning
 * it on needs a verified authenticator (VerifySoftwareToken). SMS and email factors cannot be turned on in the pools
 * the twin runs (no phone number, EnabledMfas without EMAIL_OTP), so Enabled true for them is refused as Cognito
 * refuses a factor the user has no delivery for; Enabled false for them changes nothing and is accepted.
 */
export const setUserMfaPreference =
  (context: Dependencies): Operation<SetUserMFAPreferenceRequest, SetUserMFAPreferenceResponse> =>
  async (request) => {
    const user = await authenticateAccessToken(context, requiredString(request, 'AccessToken'));
    if (factorSettings(request.SMSMfaSettings).Enabled === true) throw errors.factorNotSetUp('SMS_MFA');
    if (factorSettings(request.EmailMfaSettings).Enabled === true) throw errors.factorNotSetUp('EMAIL_OTP');
    if (request.SoftwareTokenMfaSettings === undefined || request.SoftwareTokenMfaSettings === null) return {};
    if (!offersSoftwareToken(context.settings)) throw errors.mfaDisabledForPool();

    const { Enabled, PreferredMfa } = factorSettings(request.SoftwareTokenMfaSettings);
    const current = user.softwareToken;
    if (Enabled === true && !hasVerifiedSecret(current)) throw errors.factorNotSetUp(SOFTWARE_TOKEN_MFA);
    if (!current) return {};
    const enabled = Enabled ?? current.enabled;
    const preferred = enabled && (PreferredMfa ?? current.preferred);
    await context.journal.commit({ type: 'user', user: { ...user, softwareToken: { ...current, enabled, preferred } } });
    return {};
  };

/** `Enabled` and `PreferredMfa` of one factor's settings where they are booleans; anything else counts as absent. */
function factorSettings(settings: unknown): { Enabled?: boolean; PreferredMfa?: boolean } {
  const members: JsonObject = typeof settings === 'object' && settings !== null ? (settings as JsonObject) : {};
  const asBoolean = (value: unknown) => (typeof value === 'boolean' ? value : undefined);
  return { Enabled: asBoolean(members.Enabled), PreferredMfa: asBoolean(members.PreferredMfa) };
}

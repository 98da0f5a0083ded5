import type { TwinContext } from '../context';
import { errors } from '../errors';
import { type AppClientSettings, findClient } from '../settings';

/**
 * The app client a passkey registration step runs for: the one the caller's access token was issued to (its
 * `client_id`), so that CompleteWebAuthnRegistration can refuse a token of another client than the start's
 * (WebAuthnClientMismatchException). WebAuthnNotEnabledException when the pool does not allow WEB_AUTHN as a first
 * factor. Call after authenticateAccessToken, which has checked the token.
 */
export async function passkeyClientOf(
  context: Pick<TwinContext, 'settings' | 'tokens'>,
  accessToken: string,
): Promise<AppClientSettings> {
  if (!context.settings.allowedFirstAuthFactors.includes('WEB_AUTHN')) throw errors.webAuthnNotEnabled();
  const claims = await context.tokens.verifyAccessToken(accessToken);
  return findClient(context.settings, claims.client_id);
}

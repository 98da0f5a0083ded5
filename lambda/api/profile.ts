import { ApiError } from '../../contract/errors';
import { profileFieldsOf } from '../../contract/profile';
import type { MeResponse } from '../../contract/responses';

/**
 * The signed-in user as GET and PATCH /me answer it, from attributes by Cognito's names: the id
 * token's claims or GetUser's UserAttributes, which name them alike (`email_verified` is the
 * string `"true"` in both: the authorizer hands every claim over as a string). This API's app
 * client reads the email (lib/user-pool.ts); a token of another app client of the pool that may not
 * is refused rather than answered without one.
 */
export function meOf(attributes: Readonly<Record<string, string | undefined>>): MeResponse {
  const { sub, email } = attributes;
  if (!sub || !email)
    throw new ApiError('Unauthorized', "The token's app client cannot read the email: sign in through this API.");
  return { sub, email, emailVerified: attributes.email_verified === 'true', ...profileFieldsOf(attributes) };
}

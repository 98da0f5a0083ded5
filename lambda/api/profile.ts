import { profileFieldsOf } from '../../contract/profile';
import type { MeResponse } from '../../contract/responses';

/**
 * The signed-in user as GET and PATCH /me answer it, from attributes by Cognito's names: the id
 * token's claims or GetUser's UserAttributes, which name them alike (`email_verified` is the
 * string `"true"` in both: the authorizer hands every claim over as a string).
 */
export function meOf(attributes: Readonly<Record<string, string | undefined>>): MeResponse {
  const { sub, email } = attributes;
  if (!sub || !email) throw new Error('The user has no sub or email attribute: the app client must read both');
  return { sub, email, emailVerified: attributes.email_verified === 'true', ...profileFieldsOf(attributes) };
}

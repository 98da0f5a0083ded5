import type { UpdateUserAttributesRequest, UpdateUserAttributesResponse } from '@aws-sdk/client-cognito-identity-provider';
import { issueCode } from '../codes';
import type { TwinContext } from '../context';
import { errors } from '../errors';
import { codeDeliveryDetails, deliverCode } from '../mailbox';
import { isEmail, type JsonObject, requiredString, type Unvalidated } from '../request';
import { authenticateAccessToken } from '../sessions';
import type { Operation } from './operation';

type Dependencies = Pick<TwinContext, 'settings' | 'state' | 'tokens' | 'journal' | 'log' | 'now'>;

/**
 * API Reference, UpdateUserAttributes, in a pool with AttributesRequireVerificationBeforeUpdate
 * ['email'] (the only kind the twin starts with): "Amazon Cognito doesn't change the value of the
 * attribute until your user responds to the verification message and confirms the new value"
 * (API Reference, UserAttributeUpdateSettingsType). So the new email only waits, with a code
 * mailed to it; the old one stays the sign-in name, the `email` claim and verified. An email
 * another user signs in with is AliasExistsException; a later change replaces the waiting one.
 */
export const updateUserAttributes =
  (context: Dependencies): Operation<UpdateUserAttributesRequest, UpdateUserAttributesResponse> =>
  async (request) => {
    const accessToken = requiredString(request, 'AccessToken');
    const email = requestedEmail(request);
    const user = await authenticateAccessToken(context, accessToken);
    const holder = context.state.findUser(email);
    if (holder && holder.sub !== user.sub) throw errors.aliasExists();

    const emailVerification = { email, code: issueCode(context.now()) };
    await deliverCode(context, { ...user, emailVerification }, 'verify-email', emailVerification.code, email);
    return { CodeDeliveryDetailsList: [codeDeliveryDetails(email)] };
  };

/** The twin stores no attribute but the email, so a request must name exactly that one. */
function requestedEmail(request: Unvalidated<UpdateUserAttributesRequest>): string {
  const attributes = request.UserAttributes;
  if (attributes === undefined || attributes === null) {
    // As request-constraints.ts words a missing member; a list, so not in its table of strings.
    throw errors.invalidParameter(
      "1 validation error detected: Value null at 'userAttributes' failed to satisfy constraint: Member must not be null",
    );
  }
  const entries: JsonObject[] = Array.isArray(attributes) ? attributes.filter((entry) => typeof entry === 'object' && entry) : [];
  const names = entries.map((entry) => String(entry.Name));
  if (names.length !== 1 || names[0] !== 'email') throw errors.onlyEmailAttribute(names);
  const email = entries[0].Value;
  if (typeof email !== 'string' || !isEmail(email)) throw errors.invalidEmail();
  return email;
}

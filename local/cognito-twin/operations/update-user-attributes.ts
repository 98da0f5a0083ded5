import type { UpdateUserAttributesRequest, UpdateUserAttributesResponse } from '@aws-sdk/client-cognito-identity-provider';
import { assertWritable, attributeListOf, withAttributes } from '../attributes';
import { issueCode } from '../codes';
import type { TwinContext } from '../context';
import { errors } from '../errors';
import { codeDeliveryDetails, deliverCode } from '../mailbox';
import { isEmail, requiredString } from '../request';
import { authenticateAccessToken } from '../sessions';
import { findClient } from '../settings';
import type { Operation } from './operation';

type Dependencies = Pick<TwinContext, 'settings' | 'state' | 'tokens' | 'journal' | 'log' | 'now'>;

/**
 * API Reference, UpdateUserAttributes. Each attribute is held to the pool's schema and the token's
 * app client's WriteAttributes first (attributes.ts). The others change at once; the email, in a
 * pool with AttributesRequireVerificationBeforeUpdate ['email'] (the only kind the twin starts
 * with), only waits: "Amazon Cognito doesn't change the value of the attribute until your user
 * responds to the verification message and confirms the new value" (API Reference,
 * UserAttributeUpdateSettingsType), with a code mailed to it; the old one stays the sign-in name,
 * the `email` claim and verified. An email another user signs in with is AliasExistsException; a
 * later change replaces the waiting one.
 */
export const updateUserAttributes =
  (context: Dependencies): Operation<UpdateUserAttributesRequest, UpdateUserAttributesResponse> =>
  async (request) => {
    const accessToken = requiredString(request, 'AccessToken');
    if (request.UserAttributes === undefined || request.UserAttributes === null) {
      // As request-constraints.ts words a missing member; a list, so not in its table of strings.
      throw errors.invalidParameter(
        "1 validation error detected: Value null at 'userAttributes' failed to satisfy constraint: Member must not be null",
      );
    }
    const attributes = attributeListOf(request.UserAttributes);
    const user = await authenticateAccessToken(context, accessToken);
    const { client_id } = await context.tokens.verifyAccessToken(accessToken);
    assertWritable(context.settings, findClient(context.settings, client_id), attributes, {
      operation: 'UpdateUserAttributes',
      user,
    });
    const email = attributes.find(({ Name }) => Name === 'email')?.Value;
    if (email !== undefined && !isEmail(email)) throw errors.invalidEmail();
    const holder = email === undefined ? undefined : context.state.findUser(email);
    if (holder && holder.sub !== user.sub) throw errors.aliasExists();

    const updated = { ...user, attributes: withAttributes(user.attributes, attributes), lastModifiedAt: context.now() };
    if (email === undefined) {
      await context.journal.commit({ type: 'user', user: updated });
      return { CodeDeliveryDetailsList: [] };
    }
    const emailVerification = { email, code: issueCode(context.now()) };
    await deliverCode(context, { ...updated, emailVerification }, 'verify-email', emailVerification.code, email);
    return { CodeDeliveryDetailsList: [codeDeliveryDetails(email)] };
  };

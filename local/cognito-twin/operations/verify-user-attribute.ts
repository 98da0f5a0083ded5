import type { VerifyUserAttributeRequest, VerifyUserAttributeResponse } from '@aws-sdk/client-cognito-identity-provider';
import { checkCodeCountingMismatches } from '../attempt-limits';
import { assertCodeAccepted, EMAIL_VERIFICATION_CODE_VALIDITY_MS } from '../codes';
import type { TwinContext } from '../context';
import { errors } from '../errors';
import { requiredString } from '../request';
import { authenticateAccessToken } from '../sessions';
import { requireEmailAttribute } from './get-user-attribute-verification-code';
import type { Operation } from './operation';

type Dependencies = Pick<TwinContext, 'state' | 'tokens' | 'journal' | 'now' | 'attemptLimits'>;

/**
 * API Reference, VerifyUserAttribute: the code mailed to the waiting email makes it the user's
 * email, verified: from now on it is the sign-in name and the `email` claim of new id tokens, and
 * the old one names nobody. A wrong code is CodeMismatchException, a stale one or none
 * ExpiredCodeException; an email another user took meanwhile is AliasExistsException. Wrong codes count
 * towards the attempt limit (LimitExceededException, which the API Reference lists for this operation).
 */
export const verifyUserAttribute =
  (context: Dependencies): Operation<VerifyUserAttributeRequest, VerifyUserAttributeResponse> =>
  async (request) => {
    const accessToken = requiredString(request, 'AccessToken');
    requireEmailAttribute(request);
    const code = requiredString(request, 'Code');
    const user = await authenticateAccessToken(context, accessToken);
    const pending = checkCodeCountingMismatches(context, { flow: 'VerifyUserAttribute', sub: user.sub }, () => {
      if (!user.emailVerification) throw errors.codeExpired();
      assertCodeAccepted(user.emailVerification.code, code, EMAIL_VERIFICATION_CODE_VALIDITY_MS, context.now());
      return user.emailVerification;
    });
    const holder = context.state.findUser(pending.email);
    if (holder && holder.sub !== user.sub) throw errors.aliasExists();

    await context.journal.commit({
      type: 'user',
      user: { ...user, email: pending.email, emailVerified: true, emailVerification: undefined },
    });
    return {};
  };

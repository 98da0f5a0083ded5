import type {
  GetUserAttributeVerificationCodeRequest,
  GetUserAttributeVerificationCodeResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { issueCode } from '../codes';
import type { TwinContext } from '../context';
import { errors } from '../errors';
import { codeDeliveryDetails, deliverCode } from '../mailbox';
import { requiredString, type Unvalidated } from '../request';
import { authenticateAccessToken } from '../sessions';
import type { Operation } from './operation';

type Dependencies = Pick<TwinContext, 'settings' | 'state' | 'tokens' | 'journal' | 'log' | 'now'>;

/**
 * API Reference, GetUserAttributeVerificationCode: a new code, replacing the outstanding one, to the
 * email waiting for verification, or to the user's own email when none waits.
 */
export const getUserAttributeVerificationCode =
  (context: Dependencies): Operation<GetUserAttributeVerificationCodeRequest, GetUserAttributeVerificationCodeResponse> =>
  async (request) => {
    const accessToken = requiredString(request, 'AccessToken');
    requireEmailAttribute(request);
    const user = await authenticateAccessToken(context, accessToken);
    const email = user.emailVerification?.email ?? user.email;
    const emailVerification = { email, code: issueCode(context.now()) };
    await deliverCode(context, { ...user, emailVerification }, 'verify-email', emailVerification.code, email);
    return { CodeDeliveryDetails: codeDeliveryDetails(email) };
  };

/** The twin verifies only the email: the pool has no phone number or other verifiable attribute. */
export function requireEmailAttribute(request: Unvalidated<{ AttributeName: unknown }>): void {
  const name = requiredString(request, 'AttributeName');
  if (name !== 'email') throw errors.onlyEmailAttribute([name]);
}

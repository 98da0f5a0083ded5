import type { ForgotPasswordRequest, ForgotPasswordResponse } from '@aws-sdk/client-cognito-identity-provider';
import { countCodeRequest } from '../attempt-limits';
import { issueCode } from '../codes';
import type { TwinContext } from '../context';
import { errors } from '../errors';
import { codeDeliveryDetails, deliverCode } from '../mailbox';
import { findNamedUser, hideUserExistence } from '../user-existence';
import type { Operation } from './operation';

type Dependencies = Pick<TwinContext, 'settings' | 'state' | 'journal' | 'log' | 'now' | 'attemptLimits'>;

/**
 * API Reference, ForgotPassword: the reset code goes only to a verified email, so an unconfirmed
 * user gets InvalidParameterException ("Cannot reset password for the user as there is no
 * registered/verified email or phone_number"). With ENABLED PreventUserExistenceErrors, a user that
 * "isn't found ... or doesn't have a verified delivery mechanism" gets CodeDeliveryDetails with a
 * simulated destination derived from the username given (cognito-user-pool-managing-errors).
 */
export const forgotPassword =
  (context: Dependencies): Operation<ForgotPasswordRequest, ForgotPasswordResponse> =>
  async (request) => {
    const { client, username, user } = findNamedUser(context, request);
    countCodeRequest(context, user?.email ?? username);
    const simulated = { CodeDeliveryDetails: codeDeliveryDetails(username) };
    if (!user) return hideUserExistence(client, simulated);
    if (!user.emailVerified) return hideUserExistence(client, simulated, errors.noVerifiedEmail());

    const resetCode = issueCode(context.now());
    await deliverCode(context, { ...user, resetCode }, 'reset', resetCode);
    return { CodeDeliveryDetails: codeDeliveryDetails(user.email) };
  };

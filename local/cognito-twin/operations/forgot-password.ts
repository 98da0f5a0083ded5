import type { ForgotPasswordRequest, ForgotPasswordResponse } from '@aws-sdk/client-cognito-identity-provider';
import { issueCode } from '../codes';
import type { TwinContext } from '../context';
import { errors } from '../errors';
import { codeDeliveryDetails, deliverCode } from '../mailbox';
import { requiredString } from '../request';
import { findClient } from '../settings';
import type { Operation } from './operation';

type Dependencies = Pick<TwinContext, 'settings' | 'state' | 'journal' | 'log' | 'now'>;

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
    const client = findClient(context.settings, requiredString(request, 'ClientId'));
    const username = requiredString(request, 'Username');
    const user = context.state.findUser(username);
    const simulated = { CodeDeliveryDetails: codeDeliveryDetails(username) };
    if (!user) {
      if (client.preventUserExistenceErrors) return simulated;
      throw errors.userNotFoundForClient();
    }
    if (!user.emailVerified) {
      if (client.preventUserExistenceErrors) return simulated;
      throw errors.noVerifiedEmail();
    }

    const resetCode = issueCode(context.now());
    await deliverCode(context, { ...user, resetCode }, 'reset', resetCode);
    return { CodeDeliveryDetails: codeDeliveryDetails(user.email) };
  };

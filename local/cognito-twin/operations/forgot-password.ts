import { issueCode } from '../codes';
import { type Operation } from '../context';
import { findClient } from '../settings';
import { errors } from '../errors';
import { codeDeliveryDetails, deliverCode } from '../mailbox';
import { requiredString } from '../request';

/**
 * API Reference, ForgotPassword: the reset code goes only to a verified email, so an unconfirmed
 * user gets InvalidParameterException ("Cannot reset password for the user as there is no
 * registered/verified email or phone_number"). With ENABLED PreventUserExistenceErrors, a user that
 * "isn't found ... or doesn't have a verified delivery mechanism" gets CodeDeliveryDetails with a
 * simulated destination derived from the username given (cognito-user-pool-managing-errors).
 */
export const forgotPassword: Operation = async (context, input) => {
  const client = findClient(context.settings, requiredString(input, 'ClientId'));
  const username = requiredString(input, 'Username');
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

import { issueCode } from '../codes';
import { type Operation } from '../context';
import { findClient } from '../settings';
import { errors } from '../errors';
import { codeDeliveryDetails, deliverCode } from '../mailbox';
import { requiredString } from '../request';

/**
 * API Reference, ResendConfirmationCode: a new code replaces the outstanding one. For a user that
 * does not exist, ENABLED PreventUserExistenceErrors "returns CodeDeliveryDetails" as if a code
 * were sent (cognito-user-pool-managing-errors); LEGACY answers UserNotFoundException.
 */
export const resendConfirmationCode: Operation = async (context, input) => {
  const client = findClient(context.settings, requiredString(input, 'ClientId'));
  const username = requiredString(input, 'Username');
  const user = context.state.findUser(username);
  if (!user) {
    if (client.preventUserExistenceErrors) return { CodeDeliveryDetails: codeDeliveryDetails(username) };
    throw errors.userNotFoundForClient();
  }
  if (user.status === 'CONFIRMED') throw errors.alreadyConfirmedOnResend();

  const signUpCode = issueCode(context.now());
  await deliverCode(context, { ...user, signUpCode }, 'resend', signUpCode);
  return { CodeDeliveryDetails: codeDeliveryDetails(user.email) };
};

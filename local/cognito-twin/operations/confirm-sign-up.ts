import { assertCodeAccepted, SIGN_UP_CODE_VALIDITY_MS } from '../codes';
import { type Operation } from '../context';
import { findClient } from '../settings';
import { errors } from '../errors';
import { requiredString } from '../request';

/**
 * API Reference, ConfirmSignUp: the code confirms the user and verifies the email it went to.
 * For a user that does not exist, ENABLED PreventUserExistenceErrors answers as for a wrong code
 * (cognito-user-pool-managing-errors lists only ExpiredCode, NotAuthorized and CodeMismatch for
 * ConfirmSignUp), LEGACY answers UserNotFoundException.
 */
export const confirmSignUp: Operation = async (context, input) => {
  const client = findClient(context.settings, requiredString(input, 'ClientId'));
  const username = requiredString(input, 'Username');
  const code = requiredString(input, 'ConfirmationCode');
  const user = context.state.findUser(username);
  if (!user) throw client.preventUserExistenceErrors ? errors.codeMismatch() : errors.userNotFoundForClient();
  if (user.status === 'CONFIRMED') throw errors.alreadyConfirmed();
  assertCodeAccepted(user.signUpCode, code, SIGN_UP_CODE_VALIDITY_MS, context.now());

  await context.journal.commit({ type: 'user', user: { ...user, status: 'CONFIRMED', emailVerified: true, signUpCode: undefined } });
  return {};
};

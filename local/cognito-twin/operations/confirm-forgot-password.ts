import type { ConfirmForgotPasswordRequest, ConfirmForgotPasswordResponse } from '@aws-sdk/client-cognito-identity-provider';
import { checkCodeCountingMismatches } from '../attempt-limits';
import { assertCodeAccepted, RESET_CODE_VALIDITY_MS } from '../codes';
import type { TwinContext } from '../context';
import { errors } from '../errors';
import { assertPasswordConforms } from '../password-policy';
import type { UserRecord } from '../pool-state';
import { requiredString } from '../request';
import { clientMetadataOf, postConfirmation } from '../triggers';
import { findNamedUser, hideUserExistence } from '../user-existence';
import type { Operation } from './operation';

type Dependencies = Pick<
  TwinContext,
  'settings' | 'state' | 'journal' | 'passwords' | 'now' | 'attemptLimits' | 'invokeFunction' | 'log'
>;

/**
 * API Reference, ConfirmForgotPassword: the reset code sets the new password, once. For users
 * that don't exist ENABLED PreventUserExistenceErrors "returns the CodeMismatchException error";
 * without an outstanding code it returns ExpiredCodeException (cognito-user-pool-managing-errors).
 */
export const confirmForgotPassword =
  (context: Dependencies): Operation<ConfirmForgotPasswordRequest, ConfirmForgotPasswordResponse> =>
  async (request) => {
    const named = findNamedUser(context, request);
    const code = requiredString(request, 'ConfirmationCode');
    const password = requiredString(request, 'Password');
    assertPasswordConforms(password, context.settings.passwordPolicy);
    const user = checkCodeCountingMismatches(
      context,
      { flow: 'ConfirmForgotPassword', username: named.user?.email ?? named.username },
      () => {
        const found = named.user ?? hideUserExistence(named.client, errors.codeMismatch());
        assertCodeAccepted(found.resetCode, code, RESET_CODE_VALIDITY_MS, context.now());
        return found;
      },
    );

    const passwordHash = await context.passwords.hash(password);
    // Re-check: a concurrent request may have used the code while the password was hashing.
    const current = context.state.findUserBySub(user.sub) ?? user;
    assertCodeAccepted(current.resetCode, code, RESET_CODE_VALIDITY_MS, context.now());
    const reset: UserRecord = { ...current, passwordHash, resetCode: undefined };
    await context.journal.commit({ type: 'user', user: reset });
    await postConfirmation(
      context,
      'PostConfirmation_ConfirmForgotPassword',
      reset,
      named.client.clientId,
      clientMetadataOf(request),
    );
    return {};
  };

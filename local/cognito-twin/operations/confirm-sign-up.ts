import type { ConfirmSignUpRequest, ConfirmSignUpResponse } from '@aws-sdk/client-cognito-identity-provider';
import { checkCodeCountingMismatches } from '../attempt-limits';
import { assertCodeAccepted, SIGN_UP_CODE_VALIDITY_MS } from '../codes';
import type { TwinContext } from '../context';
import { errors } from '../errors';
import type { UserRecord } from '../pool-state';
import { requiredString } from '../request';
import { clientMetadataOf, postConfirmation } from '../triggers';
import { findNamedUser, hideUserExistence } from '../user-existence';
import type { Operation } from './operation';

type Dependencies = Pick<TwinContext, 'settings' | 'state' | 'journal' | 'now' | 'attemptLimits' | 'invokeFunction' | 'log'>;

/**
 * API Reference, ConfirmSignUp: the code confirms the user and verifies the email it went to.
 * For a user that does not exist, ENABLED PreventUserExistenceErrors answers as for a wrong code
 * (cognito-user-pool-managing-errors lists only ExpiredCode, NotAuthorized and CodeMismatch for
 * ConfirmSignUp), LEGACY answers UserNotFoundException.
 */
export const confirmSignUp =
  (context: Dependencies): Operation<ConfirmSignUpRequest, ConfirmSignUpResponse> =>
  async (request) => {
    const named = findNamedUser(context, request);
    const code = requiredString(request, 'ConfirmationCode');
    const user = checkCodeCountingMismatches(
      context,
      { flow: 'ConfirmSignUp', username: named.user?.email ?? named.username },
      () => {
        const found = named.user ?? hideUserExistence(named.client, errors.codeMismatch());
        if (found.status === 'CONFIRMED') throw errors.alreadyConfirmed();
        assertCodeAccepted(found.signUpCode, code, SIGN_UP_CODE_VALIDITY_MS, context.now());
        return found;
      },
    );

    const confirmed: UserRecord = { ...user, status: 'CONFIRMED', emailVerified: true, signUpCode: undefined };
    await context.journal.commit({ type: 'user', user: confirmed });
    await postConfirmation(
      context,
      'PostConfirmation_ConfirmSignUp',
      confirmed,
      named.client.clientId,
      clientMetadataOf(request),
    );
    return {};
  };

import type { ResendConfirmationCodeRequest, ResendConfirmationCodeResponse } from '@aws-sdk/client-cognito-identity-provider';
import { countCodeRequest } from '../attempt-limits';
import { issueCode } from '../codes';
import type { TwinContext } from '../context';
import { errors } from '../errors';
import { codeDeliveryDetails, deliverCode } from '../mailbox';
import { findNamedUser, hideUserExistence } from '../user-existence';
import type { Operation } from './operation';

type Dependencies = Pick<TwinContext, 'settings' | 'state' | 'journal' | 'log' | 'now' | 'attemptLimits'>;

/**
 * API Reference, ResendConfirmationCode: a new code replaces the outstanding one. For a user that
 * does not exist, ENABLED PreventUserExistenceErrors "returns CodeDeliveryDetails" as if a code
 * were sent (cognito-user-pool-managing-errors); LEGACY answers UserNotFoundException.
 */
export const resendConfirmationCode =
  (context: Dependencies): Operation<ResendConfirmationCodeRequest, ResendConfirmationCodeResponse> =>
  async (request) => {
    const { client, username, user } = findNamedUser(context, request);
    countCodeRequest(context, user?.email ?? username);
    if (!user) return hideUserExistence(client, { CodeDeliveryDetails: codeDeliveryDetails(username) });
    if (user.status === 'CONFIRMED') throw errors.alreadyConfirmedOnResend();

    const signUpCode = issueCode(context.now());
    await deliverCode(context, { ...user, signUpCode }, 'resend', signUpCode);
    return { CodeDeliveryDetails: codeDeliveryDetails(user.email) };
  };

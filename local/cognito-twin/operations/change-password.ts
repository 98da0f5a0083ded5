import type { ChangePasswordRequest, ChangePasswordResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { TwinContext } from '../context';
import { errors } from '../errors';
import { assertPasswordConforms } from '../password-policy';
import { requiredString } from '../request';
import { authenticateAccessToken } from '../sessions';
import type { Operation } from './operation';

type Dependencies = Pick<TwinContext, 'settings' | 'state' | 'tokens' | 'journal' | 'passwords'>;

/**
 * API Reference, ChangePassword: the caller's access token and its current password set a new one.
 * The user's sessions stay signed in (the reference mentions no sign-out; unverified otherwise).
 * A wrong previous password is NotAuthorizedException with the sign-in wording. It does not count toward the sign-in lockout (lockout.ts): the developer guide's
 * lockout counts sign-ins, and Cognito limits ChangePassword attempts on their own with
 * LimitExceededException "Attempt limit exceeded, please try after some time."
 * (aws-amplify/aws-sdk-android#627); the twin does not imitate that limit (its threshold is not
 * published).
 */
export const changePassword =
  (context: Dependencies): Operation<ChangePasswordRequest, ChangePasswordResponse> =>
  async (request) => {
    const accessToken = requiredString(request, 'AccessToken');
    const previousPassword = requiredString(request, 'PreviousPassword');
    const proposedPassword = requiredString(request, 'ProposedPassword');
    const user = await authenticateAccessToken(context, accessToken);
    assertPasswordConforms(proposedPassword, context.settings.passwordPolicy);
    if (!(await context.passwords.verify(previousPassword, user.passwordHash))) throw errors.incorrectCredentials();

    const passwordHash = await context.passwords.hash(proposedPassword);
    // Re-read: the account may have been deleted, or its password changed, while scrypt ran.
    const current = context.state.findUserBySub(user.sub);
    if (!current) throw errors.invalidAccessToken();
    if (current.passwordHash !== user.passwordHash) throw errors.incorrectCredentials();
    await context.journal.commit({ type: 'user', user: { ...current, passwordHash } });
    return {};
  };

import type { InitiateAuthRequest, InitiateAuthResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { TwinContext } from '../context';
import { errors } from '../errors';
import { afterFailedSignIn, afterRefusedDuringLockout, afterSuccessfulSignIn, isLockedOut } from '../lockout';
import { authParameter, type Unvalidated } from '../request';
import { mintTokens, openSession } from '../sessions';
import type { AppClientSettings } from '../settings';
import { hideUserExistence } from '../user-existence';

export type UserPasswordAuthDependencies = Pick<TwinContext, 'state' | 'journal' | 'passwords' | 'tokens' | 'now'>;

/**
 * USER_PASSWORD_AUTH. A wrong password and (with ENABLED PreventUserExistenceErrors) an unknown
 * user get the same NotAuthorizedException, after the same scrypt work. An unconfirmed user gets
 * UserNotConfirmedException whatever the password, as Cognito answers: "Yes, this is the intended
 * behavior" (AWS, amazon-cognito-identity-js#288, 2017), "the expected behavior" (Amplify,
 * amplify-js#11209, 2023), still so in aws/aws-sdk-js#4608 (2024). No failure is counted then.
 */
export async function signInWithPassword(
  context: UserPasswordAuthDependencies,
  client: AppClientSettings,
  request: Unvalidated<InitiateAuthRequest>,
): Promise<InitiateAuthResponse> {
  const username = authParameter(request, 'USERNAME');
  const password = authParameter(request, 'PASSWORD');
  const user = context.state.findUser(username);
  if (!user) {
    await context.passwords.verifyNobody(password);
    return hideUserExistence(client, errors.incorrectCredentials(), errors.userNotFoundForSignIn());
  }
  if (user.status !== 'CONFIRMED') throw errors.userNotConfirmed();
  if (isLockedOut(user.lockout, context.now())) {
    await context.journal.commit({
      type: 'user',
      user: { ...user, lockout: afterRefusedDuringLockout(user.lockout, context.now()) },
    });
    throw errors.passwordAttemptsExceeded();
  }

  const passwordMatches = await context.passwords.verify(password, user.passwordHash);
  // Re-read: concurrent attempts may have counted failures while scrypt ran.
  const current = context.state.findUserBySub(user.sub) ?? user;
  const now = context.now();
  if (!passwordMatches) {
    await context.journal.commit({ type: 'user', user: { ...current, lockout: afterFailedSignIn(current.lockout, now) } });
    throw errors.incorrectCredentials();
  }

  const { session, refreshToken } = openSession(current, client, now);
  await context.journal.commit(
    { type: 'user', user: { ...current, lockout: afterSuccessfulSignIn(current.lockout) } },
    { type: 'session', session },
  );
  return {
    ChallengeParameters: {},
    AuthenticationResult: { ...(await mintTokens(context, current, session, client)), RefreshToken: refreshToken },
  };
}

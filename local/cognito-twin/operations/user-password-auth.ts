import type { InitiateAuthRequest, InitiateAuthResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { TwinContext } from '../context';
import { errors } from '../errors';
import { afterFailedSignIn, afterRefusedDuringLockout, afterSuccessfulSignIn, isLockedOut } from '../lockout';
import type { UserRecord } from '../pool-state';
import { authParameter, type Unvalidated } from '../request';
import { completeSignIn } from '../sessions';
import { type AppClientSettings, offersSoftwareToken, type PoolSettings, SOFTWARE_TOKEN_MFA } from '../settings';
import { hasVerifiedSecret } from '../software-token';
import { hideUserExistence } from '../user-existence';

export type UserPasswordAuthDependencies = Pick<
  TwinContext,
  'settings' | 'state' | 'journal' | 'passwords' | 'tokens' | 'challenges' | 'now' | 'invokeFunction' | 'log'
>;

/**
 * USER_PASSWORD_AUTH. A wrong password and (with ENABLED PreventUserExistenceErrors) an unknown
 * user get the same NotAuthorizedException, after the same scrypt work. An unconfirmed user gets
 * UserNotConfirmedException whatever the password, as Cognito answers: "Yes, this is the intended
 * behavior" (AWS, amazon-cognito-identity-js#288, 2017), "the expected behavior" (Amplify,
 * amplify-js#11209, 2023), still so in aws/aws-sdk-js#4608 (2024). No failure is counted then.
 * A right password of a user who must give a second factor answers a challenge and a session instead of tokens (see
 * challengeAfterPassword); a wrong password answers the same whether or not the user has one.
 */
export async function signInWithPassword(
  context: UserPasswordAuthDependencies,
  client: AppClientSettings,
  request: Unvalidated<InitiateAuthRequest>,
): Promise<InitiateAuthResponse> {
  return passwordSignIn(context, client, authParameter(request, 'USERNAME'), authParameter(request, 'PASSWORD'));
}

/**
 * The password check of USER_PASSWORD_AUTH, and of USER_AUTH when the user chooses PASSWORD (user-auth.ts): the same
 * answers, lockout and second factor either way.
 */
export async function passwordSignIn(
  context: UserPasswordAuthDependencies,
  client: AppClientSettings,
  username: string,
  password: string,
): Promise<InitiateAuthResponse> {
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
  // After the password, so that a guesser learns nothing of a disabled account (Cognito's order is unverified).
  if (current.enabled === false) throw errors.userDisabled();

  const passed = { ...current, lockout: afterSuccessfulSignIn(current.lockout) };
  const challenge = challengeAfterPassword(context.settings, passed);
  if (!challenge) return { ChallengeParameters: {}, AuthenticationResult: await completeSignIn(context, passed, client) };

  const session = context.challenges.start(passed.sub, client, challenge);
  await context.journal.commit({ type: 'user', user: passed });
  // USER_ID_FOR_SRP is the username, which in an email-as-username pool is the sub.
  const ChallengeParameters: Record<string, string> =
    challenge === 'MFA_SETUP'
      ? { MFAS_CAN_SETUP: JSON.stringify([SOFTWARE_TOKEN_MFA]), USER_ID_FOR_SRP: passed.sub }
      : { USER_ID_FOR_SRP: passed.sub };
  return { ChallengeName: challenge, Session: session, ChallengeParameters };
}

/**
 * Developer guide, "Adding MFA to a user pool": with OPTIONAL, users who turned a factor on are asked for it; with ON
 * every user is, and a user without a factor sets one up first (MFA_SETUP, whose MFAS_CAN_SETUP lists the factors the
 * pool offers, '["SOFTWARE_TOKEN_MFA"]' here, as aws-amplify/amplify-js#6461 shows). In an ON pool a user whose verified
 * authenticator was turned off by SetUserMFAPreference is still asked for its code: ON lets nobody sign in without a
 * factor (what Cognito answers there is unverified).
 */
function challengeAfterPassword(
  settings: Pick<PoolSettings, 'mfaConfiguration' | 'enabledMfas'>,
  user: UserRecord,
): 'SOFTWARE_TOKEN_MFA' | 'MFA_SETUP' | undefined {
  if (!offersSoftwareToken(settings)) return undefined;
  const token = user.softwareToken;
  if (settings.mfaConfiguration === 'ON') return hasVerifiedSecret(token) ? 'SOFTWARE_TOKEN_MFA' : 'MFA_SETUP';
  return hasVerifiedSecret(token) && token.enabled ? 'SOFTWARE_TOKEN_MFA' : undefined;
}

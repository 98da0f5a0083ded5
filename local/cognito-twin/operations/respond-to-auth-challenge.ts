import type { RespondToAuthChallengeRequest, RespondToAuthChallengeResponse } from '@aws-sdk/client-cognito-identity-provider';
import { checkCodeCountingMismatches } from '../attempt-limits';
import type { ChallengeSession } from '../challenge-sessions';
import type { TwinContext } from '../context';
import { errors } from '../errors';
import type { UserRecord } from '../pool-state';
import { challengeResponse, optionalString, requiredString } from '../request';
import { completeSignIn } from '../sessions';
import { findClient } from '../settings';
import { acceptSignInCode, hasVerifiedSecret } from '../software-token';
import type { Operation } from './operation';
import { respondToUserAuth, type UserAuthDependencies } from './user-auth';

type Dependencies = UserAuthDependencies &
  Pick<
    TwinContext,
    'settings' | 'state' | 'journal' | 'tokens' | 'challenges' | 'now' | 'attemptLimits' | 'invokeFunction' | 'log'
  >;

/**
 * API Reference, RespondToAuthChallenge, for the two challenges a password sign-in can end in here:
 * - SOFTWARE_TOKEN_MFA with USERNAME and SOFTWARE_TOKEN_MFA_CODE: the authenticator's code signs the user in. A wrong
 *   code is CodeMismatchException, counts towards the attempt limit and leaves the session open for another try.
 * - MFA_SETUP with USERNAME, after VerifySoftwareToken answered its session: the new authenticator is turned on and
 *   preferred, and the user is signed in.
 * Either way the session is used up and the answer is the tokens of a password sign-in, refresh token included.
 * USER_AUTH's challenges (SELECT_CHALLENGE, WEB_AUTHN, EMAIL_OTP) are answered in user-auth.ts.
 */
export const respondToAuthChallenge =
  (context: Dependencies): Operation<RespondToAuthChallengeRequest, RespondToAuthChallengeResponse> =>
  async (request) => {
    const client = findClient(context.settings, requiredString(request, 'ClientId'));
    const challengeName = requiredString(request, 'ChallengeName');
    const session = optionalString(request, 'Session');
    if (challengeName === 'SELECT_CHALLENGE' || challengeName === 'WEB_AUTHN' || challengeName === 'EMAIL_OTP') {
      if (session === undefined) throw errors.missingAuthParameter('Session');
      return respondToUserAuth(context, client, challengeName, session, request);
    }
    if (challengeName !== 'SOFTWARE_TOKEN_MFA' && challengeName !== 'MFA_SETUP') {
      throw errors.challengeNotImplemented(challengeName);
    }
    if (session === undefined) throw errors.missingAuthParameter('Session');
    const username = challengeResponse(request, 'USERNAME');

    if (challengeName === 'SOFTWARE_TOKEN_MFA') {
      const code = challengeResponse(request, 'SOFTWARE_TOKEN_MFA_CODE');
      const user = userOf(context, context.challenges.find(session, ['SOFTWARE_TOKEN_MFA'], client.clientId), username);
      const token = user.softwareToken;
      if (!hasVerifiedSecret(token)) throw errors.invalidSession();
      const softwareToken = checkCodeCountingMismatches(context, { flow: 'SOFTWARE_TOKEN_MFA', sub: user.sub }, () =>
        acceptSignInCode(token, code, context.now()),
      );
      context.challenges.end(session);
      return { ChallengeParameters: {}, AuthenticationResult: await completeSignIn(context, { ...user, softwareToken }, client) };
    }

    const user = userOf(context, context.challenges.find(session, ['MFA_SETUP_VERIFIED'], client.clientId), username);
    if (!hasVerifiedSecret(user.softwareToken)) throw errors.invalidSession();
    context.challenges.end(session);
    const softwareToken = { ...user.softwareToken, enabled: true, preferred: true };
    return { ChallengeParameters: {}, AuthenticationResult: await completeSignIn(context, { ...user, softwareToken }, client) };
  };

/** The session's user, who must also be the one USERNAME names (email alias or username). */
function userOf(context: Pick<TwinContext, 'state'>, challenge: ChallengeSession, username: string): UserRecord {
  const user = context.state.findUserBySub(challenge.sub);
  if (!user || context.state.findUser(username)?.sub !== user.sub) throw errors.invalidSession();
  return user;
}

import type {
  InitiateAuthRequest,
  InitiateAuthResponse,
  RespondToAuthChallengeRequest,
  RespondToAuthChallengeResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { checkCodeCountingMismatches, countCodeRequest } from '../attempt-limits';
import type { ChallengeSession } from '../challenge-sessions';
import { assertCodeAccepted, issueCode } from '../codes';
import type { TwinContext } from '../context';
import { errors } from '../errors';
import { codeDeliveryDetails, deliverCode } from '../mailbox';
import type { UserRecord } from '../pool-state';
import { authParameter, challengeResponse, optionalAuthParameter, type Unvalidated } from '../request';
import { completeSignIn } from '../sessions';
import type { AppClientSettings, FirstAuthFactor } from '../settings';
import { hasVerifiedSecret } from '../software-token';
import { hideUserExistence } from '../user-existence';
import { requestOptions, verifyAssertion } from '../webauthn';
import { passwordSignIn, type UserPasswordAuthDependencies } from './user-password-auth';

export type UserAuthDependencies = UserPasswordAuthDependencies & Pick<TwinContext, 'attemptLimits' | 'log'>;

type ChallengeAnswer = Pick<InitiateAuthResponse, 'ChallengeName' | 'Session' | 'ChallengeParameters' | 'AvailableChallenges'>;

/** PREFERRED_CHALLENGE's values (API Reference, InitiateAuth AuthParameters for USER_AUTH). */
const PREFERABLE = ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'];

/**
 * Choice-based sign-in, InitiateAuth with AuthFlow USER_AUTH (API Reference, InitiateAuth; developer guide,
 * "Authentication flows", https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow-methods.html).
 * USERNAME is required. With PREFERRED_CHALLENGE the sign-in starts at that challenge when it is available to the user
 * (PASSWORD with the PASSWORD parameter signs in as USER_PASSWORD_AUTH would); otherwise, or without it, the answer is
 * SELECT_CHALLENGE with AvailableChallenges. A preferred challenge that is not available answering SELECT_CHALLENGE,
 * rather than an error, is the twin's reading of "preferred" (unverified).
 *
 * A name no user has goes on as a user with no passkey would (PASSWORD and EMAIL_OTP available; an EMAIL_OTP challenge
 * whose code is never mailed and so never matches), when the client prevents user existence errors. A user with a
 * second factor turned on, or any user of a pool that requires one, has PASSWORD only: "MFA and passwordless cannot be
 * used together" (https://docs.amplify.aws/react/build-a-backend/auth/concepts/passwordless/, citing
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html#user-pool-settings-mfa-prerequisites).
 */
export async function startUserAuth(
  context: UserAuthDependencies,
  client: AppClientSettings,
  request: Unvalidated<InitiateAuthRequest>,
): Promise<InitiateAuthResponse> {
  const username = authParameter(request, 'USERNAME');
  const preferred = optionalAuthParameter(request, 'PREFERRED_CHALLENGE');
  if (preferred !== undefined && !PREFERABLE.includes(preferred)) {
    throw errors.invalidParameter(`PREFERRED_CHALLENGE must be one of ${PREFERABLE.join(', ')}`);
  }
  if (preferred === 'PASSWORD') return passwordSignIn(context, client, username, authParameter(request, 'PASSWORD'));
  const user = context.state.findUser(username);
  if (!user) hideUserExistence(client, undefined, errors.userNotFoundForSignIn());
  if (user && user.status !== 'CONFIRMED') throw errors.userNotConfirmed();
  const available = availableChallenges(context, user);
  if (preferred === 'WEB_AUTHN' || preferred === 'EMAIL_OTP') {
    if (available.includes(preferred)) return beginChallenge(context, client, preferred, user, username);
  }
  const Session = context.challenges.start(user?.sub ?? '', client, 'SELECT_CHALLENGE', { username });
  return { ChallengeName: 'SELECT_CHALLENGE', Session, AvailableChallenges: available, ChallengeParameters: {} };
}

/**
 * RespondToAuthChallenge for the challenges of USER_AUTH (API Reference, ChallengeResponseType):
 * - SELECT_CHALLENGE with USERNAME and ANSWER: PASSWORD (with PASSWORD) signs in; WEB_AUTHN and EMAIL_OTP answer that
 *   challenge (EMAIL_OTP mails a code).
 * - WEB_AUTHN with USERNAME and CREDENTIAL, the AuthenticationResponseJSON: the assertion signs in. The session is
 *   used up by any answer, right or wrong, because its challenge may be signed once only (WebAuthn Level 3, 13.4.3).
 * - EMAIL_OTP with USERNAME and EMAIL_OTP_CODE: the mailed code signs in. A wrong code is CodeMismatchException,
 *   counted towards the attempt limit, and leaves the session open for another try, as a wrong TOTP code does.
 */
export async function respondToUserAuth(
  context: UserAuthDependencies,
  client: AppClientSettings,
  challengeName: 'SELECT_CHALLENGE' | 'WEB_AUTHN' | 'EMAIL_OTP',
  session: string,
  request: Unvalidated<RespondToAuthChallengeRequest>,
): Promise<RespondToAuthChallengeResponse> {
  const username = challengeResponse(request, 'USERNAME');
  const signIn = context.challenges.find(session, [challengeName], client.clientId);
  if (!namesTheSignIn(context, signIn, username)) throw errors.invalidSession();
  const user = signIn.sub === '' ? undefined : context.state.findUserBySub(signIn.sub);
  if (signIn.sub !== '' && !user) throw errors.invalidSession();

  if (challengeName === 'SELECT_CHALLENGE') {
    const answer = challengeResponse(request, 'ANSWER');
    const available = availableChallenges(context, user);
    if (!available.includes(answer as FirstAuthFactor)) throw errors.challengeNotAvailable(answer);
    context.challenges.end(session);
    if (answer === 'PASSWORD') return passwordSignIn(context, client, username, challengeResponse(request, 'PASSWORD'));
    return beginChallenge(context, client, answer as 'WEB_AUTHN' | 'EMAIL_OTP', user, signIn.username ?? username);
  }

  if (challengeName === 'WEB_AUTHN') {
    const credential = challengeResponse(request, 'CREDENTIAL');
    context.challenges.end(session);
    if (!user || signIn.webAuthnChallenge === undefined) throw errors.invalidSession();
    const verified = await verifyAssertion(
      context.settings,
      context.state.webAuthnCredentialsOf(user.sub),
      signIn.webAuthnChallenge,
      credential,
    );
    // Re-read after the await: the passkey or the user may be gone, and another sign-in may have moved the counter.
    const current = context.state.findWebAuthnCredential(verified.credentialId);
    const signedIn = context.state.findUserBySub(user.sub);
    if (!current || !signedIn || (current.counter !== 0 && verified.counter <= current.counter))
      throw errors.passkeyAssertionRefused();
    await context.journal.commit({ type: 'webauthn-credential', credential: { ...current, counter: verified.counter } });
    return { ChallengeParameters: {}, AuthenticationResult: await completeSignIn(context, signedIn, client) };
  }

  const code = challengeResponse(request, 'EMAIL_OTP_CODE');
  const issued = signIn.emailCode;
  // The code lives as long as its session (AuthSessionValidity); find() has refused an expired session already.
  checkCodeCountingMismatches(context, { flow: 'EMAIL_OTP', username: signIn.username ?? username }, () =>
    assertCodeAccepted(issued, code, Number.POSITIVE_INFINITY, context.now()),
  );
  context.challenges.end(session);
  if (!user) throw errors.invalidSession();
  return { ChallengeParameters: {}, AuthenticationResult: await completeSignIn(context, user, client) };
}

/**
 * What the user may sign in with, in the order the pool allows them: PASSWORD when allowed; WEB_AUTHN when allowed and
 * the user has a passkey; EMAIL_OTP when allowed and the email is verified; neither passwordless factor for a user who
 * must give a second factor. A name no user has gets what a user with no passkey would.
 */
function availableChallenges(context: Pick<TwinContext, 'settings' | 'state'>, user: UserRecord | undefined): FirstAuthFactor[] {
  const { allowedFirstAuthFactors: allowed, mfaConfiguration } = context.settings;
  const token = user?.softwareToken;
  const secondFactor = mfaConfiguration === 'ON' || (hasVerifiedSecret(token) && token.enabled);
  return allowed.filter((factor) => {
    if (factor === 'PASSWORD') return true;
    if (secondFactor) return false;
    if (factor === 'WEB_AUTHN') return user !== undefined && context.state.webAuthnCredentialsOf(user.sub).length > 0;
    return user === undefined || user.emailVerified;
  });
}

/** The WEB_AUTHN challenge with the request options, or the EMAIL_OTP challenge with a mailed code. */
async function beginChallenge(
  context: UserAuthDependencies,
  client: AppClientSettings,
  challenge: 'WEB_AUTHN' | 'EMAIL_OTP',
  user: UserRecord | undefined,
  username: string,
): Promise<ChallengeAnswer> {
  if (challenge === 'WEB_AUTHN') {
    if (!user) throw errors.invalidSession();
    const options = await requestOptions(context.settings, context.state.webAuthnCredentialsOf(user.sub));
    const Session = context.challenges.start(user.sub, client, 'WEB_AUTHN', { username, webAuthnChallenge: options.challenge });
    return { ChallengeName: 'WEB_AUTHN', Session, ChallengeParameters: { CREDENTIAL_REQUEST_OPTIONS: JSON.stringify(options) } };
  }
  // Counted for names with and without a user alike, so the limit tells nothing about who has an account.
  countCodeRequest(context, username);
  const emailCode = issueCode(context.now());
  const Session = context.challenges.start(user?.sub ?? '', client, 'EMAIL_OTP', { username, emailCode });
  // A name no user has gets a code that no mail carries, so no code it is given can match.
  if (user) await deliverCode(context, user, 'sign-in', emailCode);
  const destination = codeDeliveryDetails(user?.email ?? username).Destination ?? '';
  return {
    ChallengeName: 'EMAIL_OTP',
    Session,
    ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL', CODE_DELIVERY_DESTINATION: destination },
  };
}

/** USERNAME must name the user the session is for, by the name it started with or by the user's email or sub. */
function namesTheSignIn(context: Pick<TwinContext, 'state'>, signIn: ChallengeSession, username: string): boolean {
  const key = context.state.emailKey(username);
  if (signIn.username !== undefined && context.state.emailKey(signIn.username) === key) return true;
  return signIn.sub !== '' && context.state.findUser(username)?.sub === signIn.sub;
}

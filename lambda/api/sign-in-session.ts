import { readCognitoError } from './errors';

/**
 * The sessions of a sign-in that asks for a TOTP code, as the API hands them to the client.
 *
 * Cognito's session is opaque, and it alone is the authority on what it allows. But the last step,
 * POST /sign-in/totp, calls Cognito differently after an authenticator was set up at sign-in
 * (VerifySoftwareToken, then RespondToAuthChallenge MFA_SETUP) than for an enrolled user
 * (RespondToAuthChallenge SOFTWARE_TOKEN_MFA). So the session POST /sign-in/totp-setup returns is
 * Cognito's behind the marker `setup.`; every other session is Cognito's as it is. The marker only
 * picks the calls: a client that strips or adds it gets Cognito refusing the session (401
 * NotAuthorized, sign in again), never a step skipped. Cognito's sessions begin with the bytes of
 * its encryption header ("AYAB…" in every one reported), never with the marker.
 */
const SETUP_MARKER = 'setup.'; // contract/requests.ts's SESSION_LENGTH allows for it

/** Which step a session is for: the code of an enrolled user's authenticator, or of one just set up. */
export type SignInStep = { readonly kind: 'code' | 'setup'; readonly cognitoSession: string };

/** The session POST /sign-in/totp-setup returns: Cognito's, marked for the setup's last step. */
export function setupSession(cognitoSession: string): string {
  return SETUP_MARKER + cognitoSession;
}

export function signInStepOf(session: string): SignInStep {
  return session.startsWith(SETUP_MARKER)
    ? { kind: 'setup', cognitoSession: session.slice(SETUP_MARKER.length) }
    : { kind: 'code', cognitoSession: session };
}

/**
 * Runs a Cognito operation authorized by a sign-in session, its exceptions read as the session's
 * (lambda/api/errors.ts): an expired or used session is 401 NotAuthorized, sign in again; a wrong
 * code 400 CodeMismatch.
 */
export async function inSignInSession<Result>(send: () => Promise<Result>): Promise<Result> {
  try {
    return await send();
  } catch (error) {
    throw readCognitoError(error, 'SignInSession');
  }
}

/** The same for a passwordless sign-in's last step (USER_AUTH): a refused passkey, a wrong emailed code. */
export async function inPasswordlessSession<Result>(send: () => Promise<Result>): Promise<Result> {
  try {
    return await send();
  } catch (error) {
    throw readCognitoError(error, 'PasswordlessSession');
  }
}

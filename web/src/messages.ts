import type { Problem } from './api';
import type { ProblemCode } from './client';

/** The API's codes and the two the page adds for calls that got no contract answer. */
type PageErrorCode = ProblemCode;

export interface Explanation {
  readonly text: string;
  /** The field the problem is about, flagged and focused; `password` is whichever password field the form has. */
  readonly field?: 'email' | 'password' | 'code';
}

/**
 * What the page says for each code of the contract (docs/api.md, "Errors"). `Record<ErrorCode, …>`
 * makes a code added to the API fail the page's type check until it has a sentence here. The
 * API's own message is appended where it carries what the code alone does not: the field at
 * fault, the password policy, the request id.
 */
const explanations: Record<PageErrorCode, (problem: Problem, apiUrl: string) => Explanation> = {
  InvalidRequest: ({ message }) => ({ text: `Please check the form. ${message}` }),
  InvalidPassword: ({ message }) => ({ text: `That password is not accepted. ${message}`, field: 'password' }),
  UserExists: () => ({
    text: 'An account with this email already exists. Sign in, or reset the password if you forgot it.',
    field: 'email',
  }),
  CodeMismatch: () => ({
    text: 'That code is not right. Check the email and type it again, or ask for a new code.',
    field: 'code',
  }),
  CodeExpired: () => ({ text: 'That code has expired. Ask for a new one.', field: 'code' }),
  // The API words NotAuthorized per case ("Incorrect email or password.", "This account is already
  // confirmed: sign in.", a revoked refresh token) and keeps the wrong-password and unknown-user
  // answers identical, so its message is the clearest thing to show.
  NotAuthorized: ({ message }) => ({ text: message || 'Incorrect email or password.', field: 'password' }),
  // Only for a challenge other than TOTP's, which the API names in its message.
  ChallengeRequired: ({ message }) => ({ text: `This account asks for a sign-in step this page does not offer. ${message}` }),
  // The deployment's pre sign-up trigger refused the email; its message says why (docs/triggers.md).
  SignUpNotAllowed: ({ message }) => ({ text: message || 'Sign-up is not open to this email.', field: 'email' }),
  // DELETE /mfa/totp where the deployment requires a second factor. The API's message goes on to
  // name routes, which this page does not offer when the factor is on; its first clause is this.
  MfaRequired: () => ({ text: 'This deployment requires a second factor, so it cannot be turned off.' }),
  UserNotConfirmed: () => ({
    text: 'Confirm your email first: enter the code we sent you in step 2, or ask for a new one there.',
  }),
  TooManyRequests: () => ({ text: 'Too many attempts. Wait a few minutes, then try again.' }),
  Unauthorized: () => ({ text: 'Your session has ended. Sign in again.' }),
  // Only GET /private answers it: AWS credentials whose role may not call that route.
  AccessDenied: ({ message }) => ({ text: `These AWS credentials may not do that. ${message}` }),
  Forbidden: () => ({ text: 'This needs an administrator: your account is not in the admin group.' }),
  Conflict: ({ message }) => ({ text: message || 'An administrator cannot do that to their own account.' }),
  NotFound: () => ({ text: 'This API does not offer that action (404 Not Found). It may be an older version of the API.' }),
  InternalError: ({ message }) => ({ text: `Something went wrong on the server, not on your side. ${message}` }),
  NetworkError: (_, apiUrl) => ({
    text: `The API at ${apiUrl} did not answer. Check that it is running and that it allows this page's origin (${location.origin}) in its CORS settings.`,
  }),
  UnexpectedResponse: ({ message }) => ({ text: `The API answered something this page does not understand (${message}).` }),
};

export function explain(problem: Problem, apiUrl: string): Explanation {
  const known = explanations[problem.code as PageErrorCode];
  // A code newer than this page: the API's message is written for people, so it still helps.
  return known ? known(problem, apiUrl) : { text: problem.message || `The request failed (${problem.code}).` };
}

/**
 * The same, for a code from an authenticator app (the TOTP forms): the email codes' advice (check
 * the email, ask for a new code) does not fit a code that changes every 30 seconds. The API
 * answers CodeExpired for a code already used (docs/api.md, "Errors"); NotAuthorized here means the
 * sign-in's session ended, and its message says to sign in again.
 */
export function explainAuthenticatorCode(problem: Problem, apiUrl: string): Explanation {
  if (problem.code === 'CodeMismatch') {
    return { text: 'That code is not right. Type the 6-digit code your authenticator app shows now.', field: 'code' };
  }
  if (problem.code === 'CodeExpired') {
    return { text: 'That code was already used. Wait for the next one (every 30 seconds) and type it.', field: 'code' };
  }
  if (problem.code === 'NotAuthorized') return { text: problem.message || 'Sign in again.' };
  return explain(problem, apiUrl);
}

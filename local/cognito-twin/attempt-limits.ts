import type { TwinContext } from './context';
import { CognitoError, errors } from './errors';
import type { AttemptCounters, AttemptWindow } from './pool-state';

/**
 * How often a user may be sent a code and may enter a wrong one. Cognito does not publish these:
 * asked how many forgot-password requests are allowed, AWS staff answered "we do not share
 * externally the exact limits involved" (amazon-cognito-identity-js#548, where the sixth request
 * got LimitExceededException); amplify-ui-android#180 reports five wrong reset codes answered
 * CodeMismatchException and the sixth LimitExceededException; amplify-js#13225 quotes the developer
 * guide ("Recovering user accounts") as counting attempts "in a given hour". The values below are
 * therefore the twin's assumption, not Cognito's documented behaviour, and settings of the twin.
 */
export interface AttemptLimits {
  /** Codes a user may be sent by ResendConfirmationCode and ForgotPassword within one window. @default 5 */
  readonly codeRequestsPerWindow: number;
  /** Wrong codes a user may enter within one window, in each code flow apart (see WrongCodeCounter). @default 5 */
  readonly wrongCodesPerWindow: number;
  /** A window opens at the first attempt it counts. @default one hour */
  readonly windowMs: number;
}

/**
 * Whether Cognito keeps one wrong-code counter per user for all its code flows or one per flow is not documented
 * (unverified). The twin keeps one per flow, so that codes anyone may send in one flow cannot use up another: five
 * wrong ConfirmForgotPassword codes, which only take an email to send, leave the owner's TOTP sign-in step as it was.
 * The flows that name a user by `Username` count by that name, for users that exist and users that don't alike (so
 * the limit tells nothing about who has an account); the flows only the user reaches (with an access token, or past
 * the password) count by the user's sub.
 */
export type WrongCodeCounter =
  | { readonly flow: 'ConfirmSignUp' | 'ConfirmForgotPassword' | 'EMAIL_OTP'; readonly username: string }
  | { readonly flow: 'VerifyUserAttribute' | 'VerifySoftwareToken' | 'SOFTWARE_TOKEN_MFA'; readonly sub: string };

export const DEFAULT_ATTEMPT_LIMITS: AttemptLimits = {
  codeRequestsPerWindow: 5,
  wrongCodesPerWindow: 5,
  windowMs: 60 * 60 * 1000,
};

type Dependencies = Pick<TwinContext, 'state' | 'journal' | 'now' | 'attemptLimits'>;

/**
 * Counts one code request and refuses it beyond the limit. One counter per name (the user's email, or
 * the username given when no user has it) for both operations, whose mails fill one mailbox, kept for
 * users that exist and users that don't alike, so hitting a limit tells nothing about who has an account.
 *
 * Synchronous, so the caller's view of the pool stays current: the count is applied to memory at
 * once, and the server answers only once the journal has settled, so no answer gets ahead of disk.
 */
export function countCodeRequest(context: Dependencies, name: string): void {
  const key = context.state.emailKey(name);
  const window = openWindow(context, context.state.attemptsOf(key).codeRequests);
  if (window.count >= context.attemptLimits.codeRequestsPerWindow) throw errors.attemptLimitExceeded();
  record(context, key, { codeRequests: { ...window, count: window.count + 1 } });
}

/** What a wrong code is answered with: CodeMismatchException, or EnableSoftwareTokenMFAException at VerifySoftwareToken. */
const WRONG_CODE_EXCEPTIONS = new Set(['CodeMismatchException', 'EnableSoftwareTokenMFAException']);

/**
 * Runs `checkCode` unless `counter` has used up its wrong codes, and counts a wrong code it throws. Past the
 * limit even the right code is refused until the window closes. Synchronous, as countCodeRequest is.
 */
export function checkCodeCountingMismatches<Checked>(
  context: Dependencies,
  counter: WrongCodeCounter,
  checkCode: () => Checked,
): Checked {
  const key =
    'username' in counter ? `${counter.flow} ${context.state.emailKey(counter.username)}` : `${counter.flow} ${counter.sub}`;
  const window = openWindow(context, context.state.attemptsOf(key).wrongCodes);
  if (window.count >= context.attemptLimits.wrongCodesPerWindow) throw errors.attemptLimitExceeded();
  try {
    return checkCode();
  } catch (error) {
    if (error instanceof CognitoError && WRONG_CODE_EXCEPTIONS.has(error.type)) {
      record(context, key, { wrongCodes: { ...window, count: window.count + 1 } });
    }
    throw error;
  }
}

function record(context: Dependencies, key: string, change: AttemptCounters): void {
  // The server awaits journal.settled() before answering; a failed write stops the journal for good.
  context.journal
    .commit({ type: 'attempts', key, attempts: { ...context.state.attemptsOf(key), ...change } })
    .catch(() => undefined);
}

function openWindow(context: Dependencies, window: AttemptWindow | undefined): AttemptWindow {
  const now = context.now();
  if (!window || now - window.startedAt >= context.attemptLimits.windowMs) return { startedAt: now, count: 0 };
  return window;
}

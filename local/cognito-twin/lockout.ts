import type { LockoutState } from './pool-state';

/**
 * Cognito's lockout, from the developer guide ("Authentication with Amazon Cognito user pools",
 * section "Lockout behavior for failed sign-in attempts",
 * https://docs.aws.amazon.com/cognito/latest/developerguide/authentication.html#authentication-flow-lockout-behavior):
 * after five failed sign-ins with a password the user is locked out for one second, doubling with
 * each further failure (2^(n-5) s for n cumulative failures) up to about 15 minutes; attempts during
 * a lockout answer "Password attempts exceeded" and do not count. "To reset the lockout to its n=0
 * initial state, your user must either sign in successfully after a lockout period expires, or not
 * initiate any sign-in attempts for 15 consecutive minutes at any time after a lockout." So before
 * the first lockout nothing resets the count, not even a successful sign-in, and a refused attempt
 * restarts the 15 quiet minutes.
 */
const FAILURES_BEFORE_LOCKOUT = 5;
const MAX_LOCKOUT_MS = 15 * 60 * 1000;
const QUIET_PERIOD_RESET_MS = 15 * 60 * 1000;

export const NO_LOCKOUT: LockoutState = { failures: 0, lastFailureAt: 0, lockedUntil: 0 };

export function isLockedOut(lockout: LockoutState, now: number): boolean {
  return now < lockout.lockedUntil;
}

export function afterFailedSignIn(lockout: LockoutState, now: number): LockoutState {
  const quietSinceLockout = hasBeenLockedOut(lockout) && now - lockout.lastFailureAt >= QUIET_PERIOD_RESET_MS;
  const failures = (quietSinceLockout ? 0 : lockout.failures) + 1;
  const lockedUntil =
    failures >= FAILURES_BEFORE_LOCKOUT ? now + Math.min(2 ** (failures - FAILURES_BEFORE_LOCKOUT) * 1000, MAX_LOCKOUT_MS) : 0;
  return { failures, lastFailureAt: now, lockedUntil };
}

/** An attempt refused during a lockout does not count, but it is an attempt: the quiet minutes start again. */
export function afterRefusedDuringLockout(lockout: LockoutState, now: number): LockoutState {
  return { ...lockout, lastFailureAt: now };
}

/** A success resets the count only once the user has been locked out (the lockout is then over). */
export function afterSuccessfulSignIn(lockout: LockoutState): LockoutState {
  return hasBeenLockedOut(lockout) ? NO_LOCKOUT : lockout;
}

function hasBeenLockedOut(lockout: LockoutState): boolean {
  return lockout.failures >= FAILURES_BEFORE_LOCKOUT;
}

import type { LockoutState } from './pool-state';

/**
 * Cognito's lockout, from the developer guide ("Authentication with Amazon Cognito user pools",
 * section "Lockout behavior for failed sign-in attempts"): after five failed sign-ins with a
 * password the user is locked out for one second, doubling with each further failure
 * (2^(n-5) s for n cumulative failures) up to about 15 minutes; attempts during a lockout answer
 * "Password attempts exceeded" and do not count; a successful sign-in after the lockout, or 15
 * quiet minutes, resets n to 0.
 * Approximation: the 15 quiet minutes are counted from the last failure that counted, because
 * attempts rejected during a lockout are not recorded.
 */
const FAILURES_BEFORE_LOCKOUT = 5;
const MAX_LOCKOUT_MS = 15 * 60 * 1000;
const QUIET_PERIOD_RESET_MS = 15 * 60 * 1000;

export const NO_LOCKOUT: LockoutState = { failures: 0, lastFailureAt: 0, lockedUntil: 0 };

export function isLockedOut(lockout: LockoutState, now: number): boolean {
  return now < lockout.lockedUntil;
}

export function afterFailedSignIn(lockout: LockoutState, now: number): LockoutState {
  const earlier = now - lockout.lastFailureAt >= QUIET_PERIOD_RESET_MS ? 0 : lockout.failures;
  const failures = earlier + 1;
  const lockedUntil =
    failures >= FAILURES_BEFORE_LOCKOUT ? now + Math.min(2 ** (failures - FAILURES_BEFORE_LOCKOUT) * 1000, MAX_LOCKOUT_MS) : 0;
  return { failures, lastFailureAt: now, lockedUntil };
}

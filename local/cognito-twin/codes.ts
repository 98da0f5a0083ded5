import { randomInt, timingSafeEqual } from 'node:crypto';
import { errors } from './errors';
import type { IssuedCode } from './pool-state';

/** "The code is valid for 24 hours" (developer guide, "Signing up and confirming user accounts"). */
export const SIGN_UP_CODE_VALIDITY_MS = 24 * 60 * 60 * 1000;
/**
 * Codes for a changed email: the twin gives them the sign-up code's 24 hours, an assumption (the
 * developer guide states no lifetime for attribute verification codes that we found).
 */
export const EMAIL_VERIFICATION_CODE_VALIDITY_MS = 24 * 60 * 60 * 1000;
/** Password-reset codes live one hour in Cognito. */
export const RESET_CODE_VALIDITY_MS = 60 * 60 * 1000;

/** Six digits from a CSPRNG, like the `{####}` Cognito puts in its messages. */
export function issueCode(now: number): IssuedCode {
  return { code: String(randomInt(0, 1_000_000)).padStart(6, '0'), issuedAt: now };
}

/**
 * A wrong code is CodeMismatchException; no outstanding code, or the right code too late, is
 * ExpiredCodeException ("If a code isn't requested ... Amazon Cognito returns the
 * ExpiredCodeException error", cognito-user-pool-managing-errors).
 */
export function assertCodeAccepted(issued: IssuedCode | undefined, presented: string, validityMs: number, now: number): void {
  if (!issued) throw errors.codeExpired();
  const expected = Buffer.from(issued.code);
  const given = Buffer.from(presented);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw errors.codeMismatch();
  if (now - issued.issuedAt > validityMs) throw errors.codeExpired();
}

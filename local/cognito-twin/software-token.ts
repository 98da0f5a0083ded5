import { Secret, TOTP } from 'otpauth';
import { errors } from './errors';
import type { SoftwareTokenState } from './pool-state';

/**
 * TOTP per RFC 6238 with the otpauth library: HMAC-SHA1, 6 digits, 30-second steps, which is what authenticator apps
 * assume for an `otpauth://totp` URI without parameters and what Cognito's codes are (VerifySoftwareToken's UserCode:
 * "Fixed length of 6", pattern [0-9]+, API Reference). A code of the step before or after the current one is accepted
 * too, for clock drift and typing time (RFC 6238 section 5.2 recommends at most one step of network delay; AWS staff
 * call accepting a code "for a short time after its defined time window" by design, aws-amplify/amplify-js#3873).
 */
const TOTP_PARAMETERS = { algorithm: 'SHA1', digits: 6, period: 30 } as const;
const STEPS_ACCEPTED_EITHER_SIDE = 1;

/**
 * 20 random bytes (160 bits, RFC 4226's recommended key length) as 32 base32 characters: inside Cognito's
 * SecretCodeType (at least 16 characters of [A-Za-z0-9], botocore's cognito-idp service model).
 */
export function newSoftwareTokenSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The 30-second step `code` belongs to, within one step of `now`; undefined when it matches none. */
function stepOfCode(secret: string, code: string, now: number): number | undefined {
  const delta = TOTP.validate({
    ...TOTP_PARAMETERS,
    secret: Secret.fromBase32(secret),
    token: code,
    timestamp: now,
    window: STEPS_ACCEPTED_EITHER_SIDE,
  });
  return delta === null ? undefined : TOTP.counter({ period: TOTP_PARAMETERS.period, timestamp: now }) + delta;
}

/**
 * Checks a sign-in code against the verified secret and answers the state to commit: the step is remembered, so the
 * same code, or one of an earlier step, is refused from then on (RFC 6238 section 5.2: the verifier "MUST NOT accept
 * the second attempt of the OTP after the successful validation"; see errors.softwareTokenReused for what is unverified
 * about Cognito's answer). A wrong code is CodeMismatchException, for the caller to count.
 */
export function acceptSignInCode(token: SoftwareTokenState & { secret: string }, code: string, now: number): SoftwareTokenState {
  const step = stepOfCode(token.secret, code, now);
  if (step === undefined) throw errors.mfaCodeMismatch();
  if (token.lastUsedStep !== undefined && step <= token.lastUsedStep) throw errors.softwareTokenReused();
  return { ...token, lastUsedStep: step };
}

/**
 * VerifySoftwareToken: a right code for the pending secret makes it the verified one, replacing any earlier
 * authenticator; the code counts as used. The enabled and preferred flags stay as they were (SetUserMFAPreference
 * changes them).
 */
export function verifyPendingSecret(token: SoftwareTokenState | undefined, code: string, now: number): SoftwareTokenState {
  if (!token?.pendingSecret) throw errors.softwareTokenNotFound();
  const step = stepOfCode(token.pendingSecret, code, now);
  if (step === undefined) throw errors.softwareTokenCodeMismatch();
  return { ...token, secret: token.pendingSecret, pendingSecret: undefined, lastUsedStep: step };
}

export function hasVerifiedSecret(token: SoftwareTokenState | undefined): token is SoftwareTokenState & { secret: string } {
  return token?.secret !== undefined;
}

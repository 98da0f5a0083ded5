import * as z from 'zod/mini';
import { SESSION_LENGTH } from './sign-in-session';

/**
 * Request bodies, declared once. The handlers validate with these schemas, and nothing before them
 * does: API Gateway's request models would answer first with a message that cannot name the field
 * without risking the value (lib/auth-rest-api.ts). Objects are strict: a misspelt field is an
 * error, not silently ignored.
 *
 * zod/mini, not zod: measured with esbuild, `import { z } from 'zod'` put 443 KB into every
 * handler's bundle; the tree-shakable mini build keeps only the checks used here.
 */

// RFC 5321 caps a forward path at 256 octets, so no deliverable address is longer than 254.
const email = z.email().check(z.maxLength(254));

// Cognito's SignUp and InitiateAuth accept passwords of 1 to 256 characters; the pool's policy
// (minimum length) is Cognito's to enforce, so that one policy answers both the API and the twin.
const password = z.string().check(z.minLength(1), z.maxLength(256));

// A new password must also match Cognito's ^[\S]+.*[\S]+$ (as its InvalidParameterException quotes
// it, cds-snc/platform-forms-client#5635): refused here as InvalidPassword, with the rule, instead of
// reaching Cognito and coming back as a generic 400.
const newPassword = password.check(
  z.refine((value) => !/^\s|\s$/.test(value), {
    message: 'The password must not begin or end with a space or other whitespace.',
    params: { code: 'InvalidPassword' },
  }),
);

// Cognito's ConfirmationCode: 1 to 2048 characters matching [\S]+ (API reference, ConfirmSignUp).
const code = z.string().check(z.minLength(1), z.maxLength(2048), z.regex(/^\S+$/));

// A Cognito refresh token is an opaque JWE of about 1.7 KB on AWS (and in the twin); 8 KB
// leaves room for growth and still refuses a megabyte of padding before Cognito sees it.
const refreshToken = z.string().check(z.minLength(1), z.maxLength(8192), z.regex(/^\S+$/));

// The code of an authenticator app: 6 digits (RFC 6238 as Cognito uses it; VerifySoftwareToken's
// UserCode is "Fixed length of 6", [0-9]+). Exactly that: no space is taken out, so "123 456" as an
// app shows it is refused, with a message that says what is wanted; a client strips the space.
const totpCode = z.stringFormat('totp-code', /^\d{6}$/);

// A sign-in session, Cognito's or the API's marked one (sign-in-session.ts): opaque, bounded.
const session = z.string().check(z.minLength(SESSION_LENGTH.min), z.maxLength(SESSION_LENGTH.max), z.regex(/^\S+$/));

export const signUpRequest = z.strictObject({ email, password: newPassword });
export const confirmRequest = z.strictObject({ email, code });
export const signInRequest = z.strictObject({ email, password });
export const resendCodeRequest = z.strictObject({ email });
export const forgotPasswordRequest = z.strictObject({ email });
export const resetPasswordRequest = z.strictObject({ email, code, newPassword });
export const refreshRequest = z.strictObject({ refreshToken });
export const signOutRequest = z.strictObject({ refreshToken });
export const changePasswordRequest = z.strictObject({ currentPassword: password, newPassword: password });
export const changeEmailRequest = z.strictObject({ email });
export const verifyEmailRequest = z.strictObject({ code });
export const verifyTotpRequest = z.strictObject({ code: totpCode });
// The email is the label of the otpauth:// URI (setup) and the USERNAME RespondToAuthChallenge wants.
export const signInTotpSetupRequest = z.strictObject({ email, session });
export const signInTotpRequest = z.strictObject({ email, session, code: totpCode });

import * as z from 'zod/mini';
import { profileInput } from './profile';

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

/**
 * A sign-in session as the API hands it out: Cognito's (20 to 2,048 characters, VerifySoftwareToken,
 * RespondToAuthChallenge) or Cognito's behind the 6-character marker `setup.` that
 * lambda/api/sign-in-session.ts adds. Opaque, bounded.
 */
export const SESSION_LENGTH = { min: 20, max: 2048 + 'setup.'.length };
const session = z.string().check(z.minLength(SESSION_LENGTH.min), z.maxLength(SESSION_LENGTH.max), z.regex(/^\S+$/));

/**
 * What a route takes from the caller, each part with its schema: the JSON body, the path's
 * `{parameters}`, the query string. Marked with the route it belongs to (`route`, the row's
 * `handler`), so that a handler can only be wrapped with its own row's request
 * (lambda/api/handler.ts), and test/contract/routes.test.ts holds each row to its own.
 */
export interface RouteRequest<Name extends string = string> {
  readonly route: Name;
  /**
   * The user pool group a caller must be a member of (its token's `cognito:groups`); none: any
   * signed-in user. Declared here, on what the handler wrapper is given, so that it cannot be
   * declared and not enforced: the wrapper checks it before anything else (lambda/api/handler.ts).
   * A group row takes an access token, whose scope can name the group: where tokens carry group
   * scopes, the authorizer refuses non-members first (contract/routes.ts `groupEnforcementOf`).
   */
  readonly group?: 'admin';
  readonly body?: z.ZodMiniType;
  readonly params?: z.ZodMiniType;
  readonly query?: z.ZodMiniType;
}

function requestOf<const Name extends string, const Parts extends Omit<RouteRequest, 'route'>>(
  route: Name,
  parts: Parts,
): Parts & { readonly route: Name } {
  return { route, ...parts };
}

// The profile's fields (contract/profile.ts), each optional: given here, they are the user's from the start.
export const signUpRequest = requestOf('sign-up', { body: z.strictObject({ email, password: newPassword, ...profileInput }) });
export const confirmRequest = requestOf('confirm', { body: z.strictObject({ email, code }) });
export const signInRequest = requestOf('sign-in', { body: z.strictObject({ email, password }) });
export const resendCodeRequest = requestOf('resend-code', { body: z.strictObject({ email }) });
export const forgotPasswordRequest = requestOf('forgot-password', { body: z.strictObject({ email }) });
export const resetPasswordRequest = requestOf('reset-password', { body: z.strictObject({ email, code, newPassword }) });
export const refreshRequest = requestOf('refresh', { body: z.strictObject({ refreshToken }) });
export const signOutRequest = requestOf('sign-out', { body: z.strictObject({ refreshToken }) });
export const changePasswordRequest = requestOf('change-password', {
  body: z.strictObject({ currentPassword: password, newPassword: password }),
});
export const changeEmailRequest = requestOf('change-email', { body: z.strictObject({ email }) });
export const verifyEmailRequest = requestOf('verify-email', { body: z.strictObject({ code }) });
export const verifyTotpRequest = requestOf('mfa-totp-verify', { body: z.strictObject({ code: totpCode }) });
// The email is the label of the otpauth:// URI (setup) and the USERNAME RespondToAuthChallenge wants.
export const signInTotpSetupRequest = requestOf('sign-in-totp-setup', { body: z.strictObject({ email, session }) });
export const signInTotpRequest = requestOf('sign-in-totp', { body: z.strictObject({ email, session, code: totpCode }) });

/**
 * The example route of docs/add-a-route.md: a note's id, 1 to 64 letters, digits, `-` or `_`, the
 * shape of an id a client would make up (a UUID fits). Anything else is the caller's mistake, a 400
 * before the handler's code runs, as for a body.
 */
export const getNoteRequest = requestOf('get-note', {
  params: z.strictObject({ id: z.string().check(z.regex(/^[\w-]{1,64}$/)) }),
});

/**
 * The admin API (group `admin`): a user's id is their `sub`, Cognito's username in a pool whose
 * sign-in name is the email; a group's name is one of lib/config.ts's `groups` (letters, digits, . _ -).
 */
const userId = z.string().check(z.regex(/^[0-9a-f-]{36}$/));
const groupName = z.string().check(z.regex(/^[A-Za-z0-9._-]{1,128}$/));
const ofUser = z.strictObject({ id: userId });
const ADMIN = 'admin';
export const adminListUsersRequest = requestOf('admin-list-users', {
  group: ADMIN,
  // ListUsers' Limit is 0 to 60; its PaginationToken is opaque and bounded here.
  query: z.strictObject({
    limit: z.optional(z.string().check(z.regex(/^([1-9]|[1-5][0-9]|60)$/))),
    nextToken: z.optional(z.string().check(z.minLength(1), z.maxLength(1024), z.regex(/^\S+$/))),
    email: z.optional(z.string().check(z.minLength(1), z.maxLength(254), z.regex(/^[^"\\\s]+$/))),
  }),
});
export const adminGetUserRequest = requestOf('admin-get-user', { group: ADMIN, params: ofUser });
export const adminDisableUserRequest = requestOf('admin-disable-user', { group: ADMIN, params: ofUser });
export const adminEnableUserRequest = requestOf('admin-enable-user', { group: ADMIN, params: ofUser });
export const adminSignOutUserRequest = requestOf('admin-sign-out-user', { group: ADMIN, params: ofUser });
export const adminResetMfaRequest = requestOf('admin-reset-mfa', { group: ADMIN, params: ofUser });
export const adminDeleteUserRequest = requestOf('admin-delete-user', { group: ADMIN, params: ofUser });
export const adminAddToGroupRequest = requestOf('admin-add-to-group', {
  group: ADMIN,
  params: z.strictObject({ id: userId, group: groupName }),
});
export const adminRemoveFromGroupRequest = requestOf('admin-remove-from-group', {
  group: ADMIN,
  params: z.strictObject({ id: userId, group: groupName }),
});

/**
 * A WebAuthn credential as the browser's `PublicKeyCredential.toJSON()` gives it (RegistrationResponseJSON,
 * AuthenticationResponseJSON: https://www.w3.org/TR/webauthn-3/#dictdef-registrationresponsejson), passed to Cognito as
 * it is. Only its frame is checked here, loosely (a browser may add members); Cognito verifies the rest. Its id is
 * base64url, as every binary member.
 */
const base64url = z.string().check(z.minLength(1), z.maxLength(16_384), z.regex(/^[A-Za-z0-9_-]+$/));
const credential = z.looseObject({
  id: base64url,
  rawId: base64url,
  type: z.literal('public-key'),
  response: z.looseObject({ clientDataJSON: base64url }),
});

/** The browser's credential as the passkey routes take it. */
export type WebAuthnCredentialJson = z.infer<typeof credential>;

export const passkeyRegisterRequest = requestOf('passkey-register', { body: z.strictObject({ credential }) });
// A credential id as ListWebAuthnCredentials answers it: base64url, at most 1,023 bytes (WebAuthn's limit) encoded.
export const passkeyDeleteRequest = requestOf('passkey-delete', {
  params: z.strictObject({ id: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,1364}$/)) }),
});
export const signInPasskeyRequest = requestOf('sign-in-passkey', { body: z.strictObject({ email }) });
export const signInPasskeyVerifyRequest = requestOf('sign-in-passkey-verify', {
  body: z.strictObject({ email, session, credential }),
});
export const signInEmailCodeRequest = requestOf('sign-in-email-code', { body: z.strictObject({ email }) });
export const signInEmailCodeVerifyRequest = requestOf('sign-in-email-code-verify', {
  body: z.strictObject({ email, session, code }),
});

/**
 * PATCH /me: the profile's fields to change (contract/profile.ts), at least one; a field left out
 * keeps its value. The email is not among them: POST /change-email changes it, with a code.
 */
export const updateMeRequest = requestOf('update-me', {
  body: z
    .strictObject(profileInput)
    .check(z.refine((fields) => Object.keys(fields).length > 0, 'Send at least one field to change.')),
});

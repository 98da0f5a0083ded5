import { ApiError, type ErrorCode } from '../../contract/errors';
import { environment } from './environment';

/**
 * The API's error contract: every failure answers `{"code","message"}` with one of these codes.
 * Cognito's exceptions are mapped here and nowhere else, so the table in docs/api.md and this file
 * are the same table.
 */
/**
 * One message for a wrong password and an unknown user, whatever Cognito words them, so that the
 * two answers are byte-for-byte alike (OWASP ASVS 5, V6.3.8: no account enumeration at sign-in).
 */
export const INCORRECT_CREDENTIALS = 'Incorrect email or password.';

type CognitoMapping = { code: ErrorCode; message: string | ((cognitoMessage: string) => string) };
/** An exception that cannot come of what the caller sent, only of a fault of ours: a 500, logged. */
type ServerFault = { fault: string };

const ALREADY_CONFIRMED: CognitoMapping = { code: 'NotAuthorized', message: 'This account is already confirmed: sign in.' };
const BAD_REFRESH_TOKEN: CognitoMapping = {
  code: 'NotAuthorized',
  message: 'The refresh token is invalid, expired or revoked: sign in again.',
};

/**
 * A missing, expired, revoked or malformed access token, said the same way whether API Gateway's
 * authorizer (lib/gateway-responses.ts, UNAUTHORIZED) or Cognito notices it first.
 */
export const BAD_ACCESS_TOKEN = {
  code: 'Unauthorized',
  message: 'The access token is invalid, expired or revoked: sign in again.',
} as const satisfies CognitoMapping;

// Cognito's NotAuthorizedException for a bad access token, as reported from AWS: "Invalid Access
// Token", "Access Token has expired", "Access Token has been revoked"
// (https://github.com/aws-amplify/amplify-js/issues/2205).
const ACCESS_TOKEN_REFUSED = /access token/i;

const INVALID_PARAMETER: CognitoMapping = {
  code: 'InvalidRequest',
  message: 'The request was not accepted: check the fields and try again.',
};

type CognitoRule = { when?: RegExp } & (CognitoMapping | ServerFault);

/**
 * An attribute the app client may not write: NotAuthorizedException "A client attempted to write
 * unauthorized attribute" (SignUp, UpdateUserAttributes; Developer Guide, "Working with user
 * attributes"). The contract's profile table sets the client's WriteAttributes (lib/user-pool.ts),
 * so this says the deployed client lags the table: signed in, but not allowed this (403), rather
 * than a wrong password (401) or a refused token that would sign the caller out.
 */
const UNAUTHORIZED_ATTRIBUTE: CognitoRule = {
  when: /unauthorized attribute/i,
  code: 'Forbidden',
  message: 'This app may not set one of these fields.',
};

const PRE_SIGN_UP_REFUSAL = /^PreSignUp failed with error /;

/**
 * Some exceptions cover several situations that Cognito tells apart only by its message; these are
 * the ones a client can act on. Anything else gets the exception's row in `cognitoErrors`.
 */
const byMessage: Record<string, CognitoRule[]> = {
  NotAuthorizedException: [
    // The lockout after repeated wrong passwords ("Password attempts exceeded") is left to the
    // uniform answer below: Cognito locks out existing accounts only, so telling it apart would
    // tell which emails have an account.
    // ConfirmSignUp: "User cannot be confirmed. Current status is CONFIRMED".
    { when: /current status is confirmed/i, ...ALREADY_CONFIRMED },
    // A refresh token refused ("Invalid Refresh Token.", "Refresh Token has been revoked", "Refresh
    // Token has expired", as REFRESH_TOKEN_AUTH words them), wherever it turns up.
    { when: /refresh token/i, ...BAD_REFRESH_TOKEN },
    UNAUTHORIZED_ATTRIBUTE,
  ],
  // ResendConfirmationCode for a confirmed account: "User is already confirmed.", answered like
  // confirming it twice (sign-up already tells that the email has an account).
  InvalidParameterException: [{ when: /already confirmed/i, ...ALREADY_CONFIRMED }],
  // The pre sign-up trigger refused (lambda/triggers/pre-sign-up.ts, -c allowedEmailDomains): its
  // message is written for the person signing up, and is theirs to read, whichever operation ran the
  // trigger. Cognito wraps it as "PreSignUp failed with error <message>." (local/cognito-twin/triggers.ts
  // has the sources). A failure of another trigger stays a 500: it says the deployment is broken.
  UserLambdaValidationException: [
    {
      when: PRE_SIGN_UP_REFUSAL,
      code: 'SignUpNotAllowed',
      message: (m) => m.replace(PRE_SIGN_UP_REFUSAL, '').replace(/\.$/, ''),
    },
  ],
};

/**
 * The operations a signed-in user authorizes with the access token (the access-token routes). There
 * the caller is known, so an account that no longer answers (deleted, disabled, reset by an
 * administrator) is the token's fault: 401 Unauthorized, sign in again; never the sign-in's
 * uniform "Incorrect email or password.", which would read as a wrong current password.
 */
const signedInUser: Record<string, CognitoRule[]> = {
  NotAuthorizedException: [UNAUTHORIZED_ATTRIBUTE, BAD_ACCESS_TOKEN],
  UserNotFoundException: [BAD_ACCESS_TOKEN],
  UserNotConfirmedException: [BAD_ACCESS_TOKEN],
  PasswordResetRequiredException: [BAD_ACCESS_TOKEN],
  // Not the sign-up flow's "already confirmed" reading (byMessage): these operations have no such case.
  InvalidParameterException: [INVALID_PARAMETER],
};

/** GlobalSignOut and DeleteUser take the access token and nothing else: a parameter refused is the token. */
const tokenOnly: Record<string, CognitoRule[]> = { ...signedInUser, InvalidParameterException: [BAD_ACCESS_TOKEN] };

/**
 * GetTokensFromRefreshToken (POST /refresh) takes the refresh token and nothing else of the
 * caller's, so whatever it refuses is the token: tampered with, expired, revoked (sign-out, global
 * sign-out), issued to another client, rotated out (RefreshTokenReuseException, past the grace
 * period), or its account gone or disabled since. In every case the way on is to sign in again.
 * Its other documented exceptions (ResourceNotFoundException, OperationNotEnabledException, the
 * Lambda-trigger ones, ForbiddenException from a web ACL on the pool) say the deployment is not as
 * the stack built it: a 500, as at the other operations; TooManyRequestsException is the 429 below.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetTokensFromRefreshToken.html
 */
const refreshTokenOnly: Record<string, CognitoRule[]> = {
  NotAuthorizedException: [BAD_REFRESH_TOKEN],
  RefreshTokenReuseException: [BAD_REFRESH_TOKEN],
  UserNotFoundException: [BAD_REFRESH_TOKEN],
  InvalidParameterException: [BAD_REFRESH_TOKEN],
};

/**
 * A TOTP code refused. A wrong code is CodeMismatchException at RespondToAuthChallenge and
 * EnableSoftwareTokenMFAException ("Code mismatch and fail enable Software Token MFA") at
 * VerifySoftwareToken, as reported from AWS (aws-samples/aws-amplify-auth-starters#15,
 * ministackorg/ministack#1608). A code used once already is ExpiredCodeException ("Your software
 * token has already been used once."), as commonly reported; no AWS document says so (unverified).
 */
export const WRONG_TOTP_CODE = {
  code: 'CodeMismatch',
  message: 'The code does not match the authenticator app: enter the one it shows now.',
} as const satisfies CognitoMapping;
const totpCode: Record<string, CognitoRule[]> = {
  CodeMismatchException: [WRONG_TOTP_CODE],
  EnableSoftwareTokenMFAException: [WRONG_TOTP_CODE],
  ExpiredCodeException: [
    { code: 'CodeExpired', message: 'This code has already been used: wait for the authenticator app to show the next one.' },
  ],
};

/**
 * A sign-in session Cognito no longer takes: expired ("Invalid session for the user, session is
 * expired."), used already ("…session can only be used once.", aws-amplify/amplify-js#14330), or its
 * account changed since (deleted, disabled, its factor removed). In every case the way on is the same.
 */
const SESSION_ENDED: CognitoMapping = {
  code: 'NotAuthorized',
  message: 'The sign-in session has expired or was already used: sign in again.',
};

/**
 * The operations of the sign-in steps after the password (POST /sign-in/totp-setup and
 * /sign-in/totp), authorized by Cognito's session instead of a token.
 */
const signInSession: Record<string, CognitoRule[]> = {
  ...totpCode,
  NotAuthorizedException: [SESSION_ENDED],
  UserNotFoundException: [SESSION_ENDED],
  UserNotConfirmedException: [SESSION_ENDED],
  PasswordResetRequiredException: [SESSION_ENDED],
  // "Software Token MFA does not exist for the user": removed since the sign-in began.
  SoftwareTokenMFANotFoundException: [SESSION_ENDED],
  // RespondToAuthChallenge sets a password or an email only for NEW_PASSWORD_REQUIRED, a challenge these routes never answer.
  AliasExistsException: [{ fault: 'only NEW_PASSWORD_REQUIRED sets an email' }],
  InvalidPasswordException: [{ fault: 'only NEW_PASSWORD_REQUIRED sets a password' }],
};

/**
 * The steps of a passwordless sign-in (POST /sign-in/passkey/verify, /sign-in/email-code/verify), authorized by the
 * session of USER_AUTH. A refused assertion and an ended session are both NotAuthorizedException, told apart by
 * messages Cognito does not document: one answer for both. An assertion for another site (origin or relying party)
 * is refused as one too; the WebAuthn exceptions are those of the registration operations, which RespondToAuthChallenge
 * does not list: local mode's twin answers them (unverified on AWS).
 */
const PASSKEY_REFUSED: CognitoMapping = {
  code: 'NotAuthorized',
  message: 'The passkey was not accepted, or the sign-in session has ended: start again.',
};
const passwordlessSession: Record<string, CognitoRule[]> = {
  ...signInSession,
  NotAuthorizedException: [PASSKEY_REFUSED],
  WebAuthnOriginNotAllowedException: [PASSKEY_REFUSED],
  WebAuthnRelyingPartyMismatchException: [PASSKEY_REFUSED],
  CodeMismatchException: [
    { code: 'CodeMismatch', message: 'The code does not match the one we emailed: check it and try again.' },
  ],
  ExpiredCodeException: [{ code: 'CodeExpired', message: 'The code has expired: ask for a new one.' }],
};
/**
 * Registering a passkey (StartWebAuthnRegistration, CompleteWebAuthnRegistration: the Errors of the API Reference).
 * The pool allows passkeys whenever these routes exist, with a relying party id, so WebAuthnNotEnabledException and
 * WebAuthnConfigurationMissingException are deployment faults. The rest say the browser's credential cannot be taken.
 */
const PASSKEY_NOT_REGISTERED = (why: string): CognitoMapping => ({
  code: 'InvalidRequest',
  message: `The passkey was not registered: ${why}`,
});
const passkeyRegistration: Record<string, CognitoRule[]> = {
  ...signedInUser,
  WebAuthnNotEnabledException: [{ fault: 'the stack allows passkeys whenever these routes exist' }],
  WebAuthnConfigurationMissingException: [{ fault: 'the stack sets the relying party id with passkeys' }],
  WebAuthnChallengeNotFoundException: [PASSKEY_NOT_REGISTERED('its options have expired or were used; start again.')],
  WebAuthnClientMismatchException: [PASSKEY_NOT_REGISTERED('it was started by another app; start again.')],
  WebAuthnCredentialNotSupportedException: [
    PASSKEY_NOT_REGISTERED('this authenticator is not supported (it must verify you, with a PIN or biometrics).'),
  ],
  WebAuthnOriginNotAllowedException: [PASSKEY_NOT_REGISTERED('it was made on a page of another site.')],
  WebAuthnRelyingPartyMismatchException: [PASSKEY_NOT_REGISTERED('it was made for another site.')],
};

/**
 * Setting up an authenticator with the access token. The user pool allows TOTP whenever these
 * routes exist (mfa optional or required), so SoftwareTokenMFANotFoundException at
 * AssociateSoftwareToken ("Software Token MFA has not been enabled by the userPool",
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa-totp.html) is a
 * deployment fault; at VerifySoftwareToken it says no key was handed out to verify (unverified).
 */
const NO_KEY_TO_VERIFY: CognitoMapping = {
  code: 'InvalidRequest',
  message: 'No authenticator is being set up for this account: start with POST /mfa/totp.',
};

/**
 * A sign-up or reset code refused, said one way whatever the reason. Cognito tells a wrong code
 * (CodeMismatchException) from an expired or used one, or none pending (ExpiredCodeException), and
 * answers an unknown email as a wrong code (PreventUserExistenceErrors:
 * https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-managing-errors.html),
 * so telling them apart would tell which emails have an account (SECURITY.md).
 */
const CODE_REFUSED = {
  code: 'CodeMismatch',
  message: 'The code is wrong or has expired: request a new one.',
} as const satisfies CognitoMapping;
const emailCode: Record<string, CognitoRule[]> = {
  CodeMismatchException: [CODE_REFUSED],
  ExpiredCodeException: [CODE_REFUSED],
};

/**
 * The admin API's operations (Admin*, ListUsers), authorized by the function's IAM role, not by the
 * caller's token: an unknown user or group is the caller's 404, throttling theirs to retry; every
 * other documented exception says the request the handler built or the role the stack gave it is
 * wrong (AccessDeniedException, a permission forgotten in lib/, is not even documented): a 500.
 */
const ADMIN_FAULT = { fault: 'the admin handlers send valid requests, with the role lib/ grants them' };
const administration: Record<string, CognitoRule[]> = {
  UserNotFoundException: [{ code: 'NotFound', message: 'No user has this id.' }],
  ResourceNotFoundException: [{ code: 'NotFound', message: 'No such group in this user pool.' }],
  TooManyRequestsException: [{ code: 'TooManyRequests', message: 'Too many requests: slow down and try again later.' }],
  InvalidParameterException: [ADMIN_FAULT],
  NotAuthorizedException: [ADMIN_FAULT],
  LimitExceededException: [ADMIN_FAULT],
  UserImportInProgressException: [ADMIN_FAULT],
  UnsupportedOperationException: [ADMIN_FAULT],
  InvalidUserPoolConfigurationException: [ADMIN_FAULT],
  PasswordResetRequiredException: [ADMIN_FAULT],
  UserNotConfirmedException: [ADMIN_FAULT],
};

/**
 * Operation → its own reading of an exception, before `byMessage` and `cognitoErrors`. ChangePassword
 * is the one that checks a password: a wrong PreviousPassword is NotAuthorizedException "Incorrect
 * username or password." (https://github.com/aws-amplify/amplify-js/issues/1580), the same exception
 * as a bad token, told apart by the token's messages above.
 */
const byOperation = {
  ChangePassword: {
    ...signedInUser,
    NotAuthorizedException: [
      { when: ACCESS_TOKEN_REFUSED, ...BAD_ACCESS_TOKEN },
      // The caller is signed in, so naming the lockout tells nothing about which emails have an
      // account (unlike sign-in). Its wording here is sign-in's; that ChangePassword shares it is unverified.
      { when: /attempts exceeded/i, code: 'TooManyRequests', message: 'Too many wrong passwords: try again later.' },
      { code: 'NotAuthorized', message: 'The current password is incorrect.' },
    ],
  },
  ConfirmSignUp: emailCode,
  // An unconfirmed account has no verified email, so no reset code went to it (accountRecovery
  // EMAIL_ONLY): answered as any refused code, so that reset does not tell what sign-in tells.
  ConfirmForgotPassword: { ...emailCode, UserNotConfirmedException: [CODE_REFUSED] },
  UpdateUserAttributes: signedInUser,
  VerifyUserAttribute: signedInUser,
  GetUserAttributeVerificationCode: signedInUser,
  GlobalSignOut: tokenOnly,
  DeleteUser: tokenOnly,
  GetUser: signedInUser,
  AssociateSoftwareToken: {
    ...signedInUser,
    SoftwareTokenMFANotFoundException: [{ fault: 'the stack allows TOTP in the pool whenever this route exists' }],
  },
  VerifySoftwareToken: { ...signedInUser, ...totpCode, SoftwareTokenMFANotFoundException: [NO_KEY_TO_VERIFY] },
  SetUserMFAPreference: signedInUser,
  GetTokensFromRefreshToken: refreshTokenOnly,
  /** Not an operation: any of them (RespondToAuthChallenge, AssociateSoftwareToken…) authorized by a sign-in session. */
  SignInSession: signInSession,
  /** Not an operation: any of the admin API's (admin.ts). */
  Administration: administration,
  /** Not an operation: RespondToAuthChallenge for a passkey or an emailed code (USER_AUTH). */
  PasswordlessSession: passwordlessSession,
  StartWebAuthnRegistration: passkeyRegistration,
  CompleteWebAuthnRegistration: passkeyRegistration,
  ListWebAuthnCredentials: signedInUser,
  // An id the caller has no passkey with, another user's included (API Reference, DeleteWebAuthnCredential).
  DeleteWebAuthnCredential: {
    ...signedInUser,
    ResourceNotFoundException: [{ code: 'NotFound', message: 'You have no passkey with this id.' }],
  },
} satisfies Record<string, Record<string, CognitoRule[]>>;

/** A reading of Cognito's exceptions particular to an operation or to how it is authorized (`byOperation`). */
export type CognitoReading = keyof typeof byOperation;
/** A public operation that takes a code mailed to the email it names. */
type EmailCodeOperation = 'ConfirmSignUp' | 'ConfirmForgotPassword';
/** A Cognito operation the caller authorizes with the access token. */
export type AccessTokenOperation = Exclude<
  CognitoReading,
  'SignInSession' | 'Administration' | 'PasswordlessSession' | 'GetTokensFromRefreshToken' | EmailCodeOperation
>;

/** Cognito exception name → our error. Names are from the Cognito Identity Provider API reference. */
const cognitoErrors: Record<string, CognitoMapping> = {
  InvalidPasswordException: { code: 'InvalidPassword', message: (m) => passwordPolicyMessage(m) },
  UsernameExistsException: { code: 'UserExists', message: 'An account with this email already exists.' },
  AliasExistsException: { code: 'UserExists', message: 'An account with this email already exists.' },
  CodeMismatchException: { code: 'CodeMismatch', message: 'The code is not valid for this email.' },
  ExpiredCodeException: { code: 'CodeExpired', message: 'The code has expired: request a new one.' },
  NotAuthorizedException: { code: 'NotAuthorized', message: INCORRECT_CREDENTIALS },
  UserNotFoundException: { code: 'NotAuthorized', message: INCORRECT_CREDENTIALS },
  PasswordResetRequiredException: { code: 'NotAuthorized', message: INCORRECT_CREDENTIALS },
  UserNotConfirmedException: { code: 'UserNotConfirmed', message: 'Confirm your email with the code we sent before signing in.' },
  TooManyRequestsException: { code: 'TooManyRequests', message: 'Too many requests: slow down and try again later.' },
  // ResendConfirmationCode, ForgotPassword and ConfirmForgotPassword count requests per user.
  LimitExceededException: { code: 'TooManyRequests', message: 'Too many attempts: try again later.' },
  TooManyFailedAttemptsException: { code: 'TooManyRequests', message: 'Too many failed attempts: try again later.' },
  InvalidParameterException: INVALID_PARAMETER,
  // RevokeToken: an id or access token where the refresh token is due.
  UnsupportedTokenTypeException: {
    code: 'InvalidRequest',
    message: 'Only a refresh token can be revoked: send the one sign-in returned.',
  },
  // RevokeToken: a refresh token issued to another app client, as invalid here as at /refresh.
  UnauthorizedException: BAD_REFRESH_TOKEN,
  // GetTokensFromRefreshToken: "a refresh token that has been invalidated by refresh-token rotation"
  // (the SDK's description), once the grace period is over. Answered as any refresh token refused:
  // telling a reuse apart would tell whoever holds a stolen token that the victim refreshed since.
  RefreshTokenReuseException: BAD_REFRESH_TOKEN,
};

/**
 * Cognito words a policy violation as "Password did not conform with policy: Password not long
 * enough"; the part after the colon names the rule broken and carries nothing secret. The length
 * rule, the only one this pool sets, is said once, with the minimum; any other is quoted.
 */
function passwordPolicyMessage(cognitoMessage: string): string {
  const rule = cognitoMessage.split(':').slice(1).join(':').trim();
  const minimum = environment('PASSWORD_MIN_LENGTH');
  if (minimum && (!rule || /not long enough/i.test(rule))) return `Passwords need at least ${minimum} characters.`;
  return rule ? `The password does not meet the policy: ${rule.replace(/\.$/, '')}.` : 'The password does not meet the policy.';
}

/**
 * The error for a Cognito exception, or undefined when it is not one we expect (then it is a 500).
 * `reading` (ChangePassword, DeleteUser…, SignInSession) is given by the handlers whose operation
 * reads an exception its own way (`byOperation`).
 */
export function mapCognitoError(error: unknown, reading?: CognitoReading): ApiError | undefined {
  if (!(error instanceof Error)) return undefined;
  const ownReading: Record<string, CognitoRule[]> = reading ? byOperation[reading] : {};
  const rules = [...(ownReading[error.name] ?? []), ...(byMessage[error.name] ?? [])];
  const refined = rules.find((c) => !c.when || c.when.test(error.message));
  const mapping = refined ?? cognitoErrors[error.name];
  if (!mapping || 'fault' in mapping) return undefined;
  const message = typeof mapping.message === 'function' ? mapping.message(error.message) : mapping.message;
  return new ApiError(mapping.code, message);
}

/**
 * A Cognito exception as an operation reads it (`reading`, `byOperation`): our error, or, for one it
 * does not expect, a plain error (a 500, logged with Cognito's name and words) that no other
 * reading takes up again: the generic table must not give a meaning the operation's own denies.
 */
export function readCognitoError(error: unknown, reading: CognitoReading): unknown {
  const known = mapCognitoError(error, reading);
  if (known || !(error instanceof Error)) return known ?? error;
  return new Error(`${error.name} where ${reading} expects none: ${error.message}`);
}

/**
 * Cognito Identity (the identity pool's GetId and GetCredentialsForIdentity) exception name → our
 * error. Only the caller's situations are here: the other documented exceptions
 * (ResourceNotFoundException, InvalidParameterException, InvalidIdentityPoolConfigurationException,
 * ResourceConflictException, LimitExceededException, ExternalServiceException,
 * InternalErrorException) say the identity pool, its provider or its role is not as the stack
 * built it, or Cognito failed: the caller's id token has already passed the authorizer, so those
 * are ours to fix, a 500. Same-named exceptions mean other things in the user pool's table above,
 * so the two tables are kept apart.
 */
const cognitoIdentityErrors: Record<string, { code: ErrorCode; message: string }> = {
  // A token the pool refuses: expired since the authorizer checked it, or its user signed out
  // globally or disabled (the server-side token check), or not from the pool's app client.
  NotAuthorizedException: { code: 'NotAuthorized', message: 'The identity pool refused the id token: sign in again.' },
  TooManyRequestsException: { code: 'TooManyRequests', message: 'Too many requests: slow down and try again later.' },
};

/** The error for a Cognito Identity exception the caller can act on, or undefined (then it is a 500). */
export function mapCognitoIdentityError(error: unknown): ApiError | undefined {
  const mapping = error instanceof Error ? cognitoIdentityErrors[error.name] : undefined;
  return mapping && new ApiError(mapping.code, mapping.message);
}

import * as z from 'zod/mini';
import { type ErrorCode, statusOf } from './errors';
import { profileOutput } from './profile';

/**
 * Response bodies, declared once beside the request schemas (requests.ts). The route table
 * (contract/routes.ts) names each route's, the handler wrapper (handler.ts) holds each handler's return
 * type to it, and the page's client (web/src/api.ts) reads the same types. Only the OpenAPI
 * document (lib/openapi.ts) and the tests import this file at runtime: the handlers import its
 * types, which cost no bytes in their bundles. Objects are strict so that a test parsing a
 * handler's answer with them notices a field the contract does not have.
 */

/** Where Cognito sent a code: the medium and the masked destination, both absent when it did not say. */
const codeDelivery = z.strictObject({
  medium: z.optional(z.enum(['EMAIL', 'SMS'])),
  destination: z.optional(z.string()),
});

// Cognito's API reference marks SignUp's UserSub and UserConfirmed "Required: Yes".
export const signUpResponse = z.strictObject({ userSub: z.string(), userConfirmed: z.boolean(), codeDelivery });
export const confirmResponse = z.strictObject({ confirmed: z.literal(true) });
export const codeSentResponse = z.strictObject({ codeDelivery });
export const resetPasswordResponse = z.strictObject({ reset: z.literal(true) });
export const changePasswordResponse = z.strictObject({ changed: z.literal(true) });
export const verifyEmailResponse = z.strictObject({ verified: z.literal(true) });

const tokenFields = {
  idToken: z.string(),
  accessToken: z.string(),
  /** Seconds until the id and access tokens expire. */
  expiresIn: z.number(),
  tokenType: z.literal('Bearer'),
};
export const signInResponse = z.strictObject({ ...tokenFields, refreshToken: z.string() });
/**
 * New id and access tokens, and, with refresh-token rotation (the default), the next refresh
 * token: keep it in place of the one sent, which stops working after the grace period. Without
 * rotation there is none, and the refresh token sent stays the one to use.
 */
export const refreshResponse = z.strictObject({ ...tokenFields, refreshToken: z.optional(z.string()) });

/** The password was right; the sign-in needs a TOTP code (`TOTP`) or an authenticator set up first (`TOTP_SETUP`). */
export const signInChallengeResponse = z.strictObject({ challenge: z.enum(['TOTP', 'TOTP_SETUP']), session: z.string() });
/**
 * A new TOTP key: `secret` (base32) to type into an authenticator app, and the same as an
 * otpauth://totp/ URI (issuer, the user's email) to show as a QR code.
 */
const totpKey = { secret: z.string(), otpauthUri: z.string() };
export const totpSecretResponse = z.strictObject(totpKey);
/** The key of an authenticator set up at sign-in, and the session its first code is sent with. */
export const totpSetupResponse = z.strictObject({ ...totpKey, session: z.string() });
/** The factor asked at every sign-in from now on. */
export const mfaEnabledResponse = z.strictObject({ mfa: z.literal('TOTP') });

export const publicResponse = z.strictObject({ message: z.string() });
export const secretResponse = z.strictObject({
  message: z.string(),
  user: z.strictObject({ sub: z.string(), email: z.string() }),
});
/** The signed-in user: its id, email, and the profile's fields it has a value for (contract/profile.ts). */
export const meResponse = z.strictObject({ sub: z.string(), email: z.string(), emailVerified: z.boolean(), ...profileOutput });
/** Temporary AWS credentials of the identity pool's authenticated role; `expiration` is an ISO 8601 instant. */
export const credentialsResponse = z.strictObject({
  identityId: z.string(),
  accessKeyId: z.string(),
  secretAccessKey: z.string(),
  sessionToken: z.string(),
  expiration: z.string(),
});
/** The caller as API Gateway established it from the SigV4 signature: the identity pool's identity and the user's sub. */
export const privateResponse = z.strictObject({
  message: z.string(),
  identityId: z.string(),
  user: z.strictObject({ sub: z.string() }),
});

/** A user as the admin API shows it: Cognito's UserType with its groups and whether TOTP is on. */
export const adminUser = z.strictObject({
  id: z.string(),
  email: z.string(),
  emailVerified: z.boolean(),
  status: z.string(),
  enabled: z.boolean(),
  groups: z.array(z.string()),
  mfa: z.boolean(),
  createdAt: z.string(),
});
export const adminUsersResponse = z.strictObject({ users: z.array(adminUser), nextToken: z.optional(z.string()) });
/**
 * WebAuthn options as Cognito answers them, the JSON the browser's `PublicKeyCredential.parseCreationOptionsFromJSON`
 * (registration) or `parseRequestOptionsFromJSON` (sign-in) takes: passed on as they are.
 */
const webAuthnOptions = z.looseObject({ challenge: z.string() });
export const passkeyOptionsResponse = z.strictObject({ options: webAuthnOptions });
/** The signed-in user's passkeys: the id DELETE /passkeys/{id} takes, Cognito's name for it, when it was registered. */
export const passkeysResponse = z.strictObject({
  passkeys: z.array(
    z.strictObject({
      id: z.string(),
      name: z.string(),
      /** ISO 8601. */
      createdAt: z.string(),
      /** 'platform' (built into the device) or 'cross-platform' (a security key, a phone), when the browser said. */
      authenticatorAttachment: z.optional(z.string()),
    }),
  ),
});
/** A passkey sign-in begun: the session to send back, and the request options for `navigator.credentials.get`. */
export const passkeyChallengeResponse = z.strictObject({
  challenge: z.literal('WEB_AUTHN'),
  session: z.string(),
  options: webAuthnOptions,
});
/** A code mailed for sign-in: the session to send back with it, and where it went. */
export const emailCodeChallengeResponse = z.strictObject({
  challenge: z.literal('EMAIL_OTP'),
  session: z.string(),
  codeDelivery,
});

/** Every failure, the handlers' and API Gateway's alike (lib/gateway-responses.ts). */
export const errorResponse = z.strictObject({
  code: z.enum(Object.keys(statusOf) as [ErrorCode, ...ErrorCode[]]),
  message: z.string(),
});

export type CodeDelivery = z.infer<typeof codeDelivery>;
export type AdminUser = z.infer<typeof adminUser>;
export type AdminUsersResponse = z.infer<typeof adminUsersResponse>;
export type SignUpResponse = z.infer<typeof signUpResponse>;
export type ConfirmResponse = z.infer<typeof confirmResponse>;
export type CodeSentResponse = z.infer<typeof codeSentResponse>;
export type ResetPasswordResponse = z.infer<typeof resetPasswordResponse>;
export type SignInResponse = z.infer<typeof signInResponse>;
export type RefreshResponse = z.infer<typeof refreshResponse>;
export type SignInChallengeResponse = z.infer<typeof signInChallengeResponse>;
export type PasskeysResponse = z.infer<typeof passkeysResponse>;
export type PasskeyOptionsResponse = z.infer<typeof passkeyOptionsResponse>;
export type PasskeyChallengeResponse = z.infer<typeof passkeyChallengeResponse>;
export type EmailCodeChallengeResponse = z.infer<typeof emailCodeChallengeResponse>;
export type TotpSecretResponse = z.infer<typeof totpSecretResponse>;
export type TotpSetupResponse = z.infer<typeof totpSetupResponse>;
export type MfaEnabledResponse = z.infer<typeof mfaEnabledResponse>;
export type SecretResponse = z.infer<typeof secretResponse>;
export type MeResponse = z.infer<typeof meResponse>;
export type ChangePasswordResponse = z.infer<typeof changePasswordResponse>;
export type VerifyEmailResponse = z.infer<typeof verifyEmailResponse>;
export type CredentialsResponse = z.infer<typeof credentialsResponse>;
export type PrivateResponse = z.infer<typeof privateResponse>;

/** The example route's note (docs/add-a-route.md): the id asked for, a fixed text, and the caller's sub. */
export const noteResponse = z.strictObject({ id: z.string(), text: z.string(), owner: z.string() });

/**
 * A client of the REST API's routes (docs/api.md): one function a route, each
 * answering the parsed success body or the contract's `{"code","message"}` problem. The page
 * calls nothing else: no Cognito endpoint, no SDK; GET /private is signed in the page with
 * aws4fetch (SigV4, a few KB), not the AWS SDK. The bodies' types are the API's own
 * (contract/responses.ts), imported as types only: no schema reaches the page's bundle.
 */
import { AwsClient } from 'aws4fetch';
import type { WebAuthnCredentialJson } from '../../contract/requests';
import type {
  AdminUsersResponse,
  ChangePasswordResponse,
  CodeSentResponse,
  ConfirmResponse,
  CredentialsResponse,
  EmailCodeChallengeResponse,
  MeResponse,
  MfaEnabledResponse,
  PasskeyChallengeResponse,
  PasskeyOptionsResponse,
  PasskeysResponse,
  PrivateResponse,
  RefreshResponse,
  ResetPasswordResponse,
  SecretResponse,
  SignInChallengeResponse,
  SignInResponse,
  SignUpResponse,
  TotpSecretResponse,
  TotpSetupResponse,
  VerifyEmailResponse,
} from '../../contract/responses';
import type { Outcome } from './client';
import { routeClient } from './client';

export type { Outcome, Problem } from './client';

export interface ApiClient {
  signUp(email: string, password: string): Promise<Outcome<SignUpResponse>>;
  confirm(email: string, code: string): Promise<Outcome<ConfirmResponse>>;
  resendCode(email: string): Promise<Outcome<CodeSentResponse>>;
  /** 200 with the tokens, or 202 with the second step a two-factor account asks for (`challenge` tells them apart). */
  signIn(email: string, password: string): Promise<Outcome<SignInResponse | SignInChallengeResponse>>;
  /** A new authenticator key, for the account whose sign-in answered TOTP_SETUP. */
  signInTotpSetup(email: string, session: string): Promise<Outcome<TotpSetupResponse>>;
  /** The authenticator's code completes the sign-in the session belongs to. */
  signInTotp(email: string, session: string, code: string): Promise<Outcome<SignInResponse>>;
  forgotPassword(email: string): Promise<Outcome<CodeSentResponse>>;
  resetPassword(email: string, code: string, newPassword: string): Promise<Outcome<ResetPasswordResponse>>;
  /** New id and access tokens; with refresh-token rotation also the next refresh token, to keep in place of this one. */
  refresh(refreshToken: string): Promise<Outcome<RefreshResponse>>;
  /** 204: no body. */
  signOut(refreshToken: string): Promise<Outcome<undefined>>;
  secret(idToken: string): Promise<Outcome<SecretResponse>>;
  me(idToken: string): Promise<Outcome<MeResponse>>;
  /** The account routes take the access token (docs/api.md). */
  changePassword(accessToken: string, currentPassword: string, newPassword: string): Promise<Outcome<ChangePasswordResponse>>;
  changeEmail(accessToken: string, email: string): Promise<Outcome<CodeSentResponse>>;
  verifyEmail(accessToken: string, code: string): Promise<Outcome<VerifyEmailResponse>>;
  /** 204: no body. */
  signOutEverywhere(accessToken: string): Promise<Outcome<undefined>>;
  /** 204: no body. */
  deleteAccount(accessToken: string): Promise<Outcome<undefined>>;
  /** A new authenticator key for the signed-in user; it counts once its first code is verified. */
  startTotp(accessToken: string): Promise<Outcome<TotpSecretResponse>>;
  verifyTotp(accessToken: string, code: string): Promise<Outcome<MfaEnabledResponse>>;
  /** 204: no body. */
  turnOffTotp(accessToken: string): Promise<Outcome<undefined>>;
  /** The identity pool's temporary AWS credentials for the id token's user. */
  credentials(idToken: string): Promise<Outcome<CredentialsResponse>>;
  /** GET /private, signed with SigV4 (API Gateway's AWS_IAM authorization). */
  signedPrivate(credentials: CredentialsResponse): Promise<Outcome<PrivateResponse>>;
  /** The admin API (members of admin, with the access token). */
  listUsers(accessToken: string, email?: string): Promise<Outcome<AdminUsersResponse>>;
  /** 204: no body, for each of the next five. */
  disableUser(accessToken: string, id: string): Promise<Outcome<undefined>>;
  enableUser(accessToken: string, id: string): Promise<Outcome<undefined>>;
  addToGroup(accessToken: string, id: string, group: string): Promise<Outcome<undefined>>;
  removeFromGroup(accessToken: string, id: string, group: string): Promise<Outcome<undefined>>;
  resetMfa(accessToken: string, id: string): Promise<Outcome<undefined>>;
  /** With -c passwordless=passkey: the request options for navigator.credentials.get, and the session to send back. */
  signInPasskey(email: string): Promise<Outcome<PasskeyChallengeResponse>>;
  signInPasskeyVerify(email: string, session: string, credential: WebAuthnCredentialJson): Promise<Outcome<SignInResponse>>;
  /** With -c passwordless=email-otp: mails a sign-in code. */
  signInEmailCode(email: string): Promise<Outcome<EmailCodeChallengeResponse>>;
  signInEmailCodeVerify(email: string, session: string, code: string): Promise<Outcome<SignInResponse>>;
  /** The creation options for navigator.credentials.create. */
  passkeyOptions(accessToken: string): Promise<Outcome<PasskeyOptionsResponse>>;
  /** 201: no body. */
  registerPasskey(accessToken: string, credential: WebAuthnCredentialJson): Promise<Outcome<undefined>>;
  passkeys(accessToken: string): Promise<Outcome<PasskeysResponse>>;
  /** 204: no body. */
  deletePasskey(accessToken: string, id: string): Promise<Outcome<undefined>>;
}

/**
 * The region in a SigV4 scope must be the API's: an execute-api URL names it
 * (https://{api-id}.execute-api.{region}.amazonaws.com/{stage}/). Local mode's API is on
 * 127.0.0.1 and verifies signatures scoped to us-east-1 (local/index.ts, LOCAL_REGION).
 */
function regionOf(baseUrl: string): string {
  return /\.execute-api\.([a-z0-9-]+)\.amazonaws\.com$/.exec(new URL(baseUrl).hostname)?.[1] ?? 'us-east-1';
}

/** `baseUrl` is the stack's ApiUrl output: it ends in the stage and a slash. */
export function apiClient(baseUrl: string): ApiClient {
  const signer = ({ accessKeyId, secretAccessKey, sessionToken }: CredentialsResponse) =>
    // retries: 0, as for every other call: aws4fetch retries 5xx and 429 ten times by default,
    // and the page shows the first answer (TooManyRequests has its own message).
    new AwsClient({ accessKeyId, secretAccessKey, sessionToken, service: 'execute-api', region: regionOf(baseUrl), retries: 0 });
  const call = routeClient(baseUrl, {
    signedFetch: (credentials, url, init) => signer(credentials).fetch(url, init),
  });

  return {
    signUp: (email, password) => call('POST /sign-up', { body: { email, password } }),
    confirm: (email, code) => call('POST /confirm', { body: { email, code } }),
    resendCode: (email) => call('POST /resend-code', { body: { email } }),
    signIn: (email, password) => call('POST /sign-in', { body: { email, password } }),
    signInTotpSetup: (email, session) => call('POST /sign-in/totp-setup', { body: { email, session } }),
    signInTotp: (email, session, code) => call('POST /sign-in/totp', { body: { email, session, code } }),
    forgotPassword: (email) => call('POST /forgot-password', { body: { email } }),
    resetPassword: (email, code, newPassword) => call('POST /reset-password', { body: { email, code, newPassword } }),
    refresh: (refreshToken) => call('POST /refresh', { body: { refreshToken } }),
    signOut: (refreshToken) => call('POST /sign-out', { body: { refreshToken } }),
    secret: (idToken) => call('GET /secret', { token: idToken }),
    me: (idToken) => call('GET /me', { token: idToken }),
    changePassword: (accessToken, currentPassword, newPassword) =>
      call('POST /change-password', { token: accessToken, body: { currentPassword, newPassword } }),
    changeEmail: (accessToken, email) => call('POST /change-email', { token: accessToken, body: { email } }),
    verifyEmail: (accessToken, code) => call('POST /verify-email', { token: accessToken, body: { code } }),
    signOutEverywhere: (accessToken) => call('POST /sign-out-everywhere', { token: accessToken }),
    deleteAccount: (accessToken) => call('DELETE /me', { token: accessToken }),
    startTotp: (accessToken) => call('POST /mfa/totp', { token: accessToken }),
    verifyTotp: (accessToken, code) => call('POST /mfa/totp/verify', { token: accessToken, body: { code } }),
    turnOffTotp: (accessToken) => call('DELETE /mfa/totp', { token: accessToken }),
    credentials: (idToken) => call('POST /credentials', { token: idToken }),
    signedPrivate: (credentials) => call('GET /private', { signWith: credentials }),
    listUsers: (accessToken, email) => call('GET /admin/users', { token: accessToken, query: email ? { email } : {} }),
    disableUser: (accessToken, id) => call('POST /admin/users/{id}/disable', { token: accessToken, params: { id } }),
    enableUser: (accessToken, id) => call('POST /admin/users/{id}/enable', { token: accessToken, params: { id } }),
    addToGroup: (accessToken, id, group) =>
      call('PUT /admin/users/{id}/groups/{group}', { token: accessToken, params: { id, group } }),
    removeFromGroup: (accessToken, id, group) =>
      call('DELETE /admin/users/{id}/groups/{group}', { token: accessToken, params: { id, group } }),
    resetMfa: (accessToken, id) => call('DELETE /admin/users/{id}/mfa', { token: accessToken, params: { id } }),
    signInPasskey: (email) => call('POST /sign-in/passkey', { body: { email } }),
    signInPasskeyVerify: (email, session, credential) =>
      call('POST /sign-in/passkey/verify', { body: { email, session, credential } }),
    signInEmailCode: (email) => call('POST /sign-in/email-code', { body: { email } }),
    signInEmailCodeVerify: (email, session, code) => call('POST /sign-in/email-code/verify', { body: { email, session, code } }),
    passkeyOptions: (accessToken) => call('POST /passkeys/registration-options', { token: accessToken }),
    registerPasskey: (accessToken, credential) => call('POST /passkeys', { token: accessToken, body: { credential } }),
    passkeys: (accessToken) => call('GET /passkeys', { token: accessToken }),
    deletePasskey: (accessToken, id) => call('DELETE /passkeys/{id}', { token: accessToken, params: { id } }),
  };
}

/**
 * A client of the REST API's routes (README, "API reference"): one function a route, each
 * answering the parsed success body or the contract's `{"code","message"}` problem. The page
 * calls nothing else: no Cognito endpoint, no SDK. The bodies' types are the API's own
 * (lambda/api/response-bodies.ts), imported as types only: no schema reaches the page's bundle.
 */
import type {
  ChangePasswordResponse,
  CodeSentResponse,
  ConfirmResponse,
  MeResponse,
  RefreshResponse,
  ResetPasswordResponse,
  SecretResponse,
  SignInResponse,
  SignUpResponse,
  VerifyEmailResponse,
} from '../../lambda/api/response-bodies';

/** A failed call: the API's error envelope, or one of the two codes the page adds for failures that never reached it. */
export interface Problem {
  readonly status: number;
  /** An `ErrorCode` of the API, `NetworkError` (no answer, or one CORS hid) or `UnexpectedResponse` (not the envelope). */
  readonly code: string;
  readonly message: string;
}

export type Outcome<T> = { readonly ok: true; readonly body: T } | { readonly ok: false; readonly problem: Problem };

export interface ApiClient {
  signUp(email: string, password: string): Promise<Outcome<SignUpResponse>>;
  confirm(email: string, code: string): Promise<Outcome<ConfirmResponse>>;
  resendCode(email: string): Promise<Outcome<CodeSentResponse>>;
  signIn(email: string, password: string): Promise<Outcome<SignInResponse>>;
  forgotPassword(email: string): Promise<Outcome<CodeSentResponse>>;
  resetPassword(email: string, code: string, newPassword: string): Promise<Outcome<ResetPasswordResponse>>;
  refresh(refreshToken: string): Promise<Outcome<RefreshResponse>>;
  /** 204: no body. */
  signOut(refreshToken: string): Promise<Outcome<undefined>>;
  secret(idToken: string): Promise<Outcome<SecretResponse>>;
  me(idToken: string): Promise<Outcome<MeResponse>>;
  /** The account routes take the access token (README, "API reference"). */
  changePassword(accessToken: string, currentPassword: string, newPassword: string): Promise<Outcome<ChangePasswordResponse>>;
  changeEmail(accessToken: string, email: string): Promise<Outcome<CodeSentResponse>>;
  verifyEmail(accessToken: string, code: string): Promise<Outcome<VerifyEmailResponse>>;
  /** 204: no body. */
  signOutEverywhere(accessToken: string): Promise<Outcome<undefined>>;
  /** 204: no body. */
  deleteAccount(accessToken: string): Promise<Outcome<undefined>>;
}

/** `baseUrl` is the stack's ApiUrl output: it ends in the stage and a slash. */
export function apiClient(baseUrl: string): ApiClient {
  const call = async <T>(
    method: 'GET' | 'POST' | 'DELETE',
    route: string,
    init: { body?: unknown; token?: string } = {},
  ): Promise<Outcome<T>> => {
    const headers: Record<string, string> = {};
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    if (init.token !== undefined) headers.Authorization = `Bearer ${init.token}`;
    let response: Response;
    try {
      // No cookies to send: the API authenticates with the Authorization header only.
      response = await fetch(new URL(route, baseUrl), {
        method,
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        credentials: 'omit',
      });
    } catch {
      return { ok: false, problem: { status: 0, code: 'NetworkError', message: '' } };
    }
    const text = await response.text();
    const body = parse(text);
    if (response.ok) return { ok: true, body: body as T };
    if (isEnvelope(body)) return { ok: false, problem: { status: response.status, code: body.code, message: body.message } };
    return { ok: false, problem: { status: response.status, code: 'UnexpectedResponse', message: `HTTP ${response.status}` } };
  };

  return {
    signUp: (email, password) => call('POST', 'sign-up', { body: { email, password } }),
    confirm: (email, code) => call('POST', 'confirm', { body: { email, code } }),
    resendCode: (email) => call('POST', 'resend-code', { body: { email } }),
    signIn: (email, password) => call('POST', 'sign-in', { body: { email, password } }),
    forgotPassword: (email) => call('POST', 'forgot-password', { body: { email } }),
    resetPassword: (email, code, newPassword) => call('POST', 'reset-password', { body: { email, code, newPassword } }),
    refresh: (refreshToken) => call('POST', 'refresh', { body: { refreshToken } }),
    signOut: (refreshToken) => call('POST', 'sign-out', { body: { refreshToken } }),
    secret: (idToken) => call('GET', 'secret', { token: idToken }),
    me: (idToken) => call('GET', 'me', { token: idToken }),
    changePassword: (accessToken, currentPassword, newPassword) =>
      call('POST', 'change-password', { token: accessToken, body: { currentPassword, newPassword } }),
    changeEmail: (accessToken, email) => call('POST', 'change-email', { token: accessToken, body: { email } }),
    verifyEmail: (accessToken, code) => call('POST', 'verify-email', { token: accessToken, body: { code } }),
    signOutEverywhere: (accessToken) => call('POST', 'sign-out-everywhere', { token: accessToken }),
    deleteAccount: (accessToken) => call('DELETE', 'me', { token: accessToken }),
  };
}

function parse(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isEnvelope(body: unknown): body is { code: string; message: string } {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as { code?: unknown }).code === 'string' &&
    typeof (body as { message?: unknown }).message === 'string'
  );
}

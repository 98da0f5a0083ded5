/**
 * A client of the REST API's routes (README, "API reference"): one function a route, each
 * answering the parsed success body or the contract's `{"code","message"}` problem. The page
 * calls nothing else: no Cognito endpoint, no SDK.
 */

/** A failed call: the API's error envelope, or one of the two codes the page adds for failures that never reached it. */
export interface Problem {
  readonly status: number;
  /** An `ErrorCode` of the API, `NetworkError` (no answer, or one CORS hid) or `UnexpectedResponse` (not the envelope). */
  readonly code: string;
  readonly message: string;
}

export type Outcome<T> = { readonly ok: true; readonly body: T } | { readonly ok: false; readonly problem: Problem };

export interface Tokens {
  readonly idToken: string;
  readonly accessToken: string;
  readonly refreshToken: string;
}

/** What /refresh answers: new id and access tokens; the refresh token is not rotated. */
export interface RenewedTokens {
  readonly idToken: string;
  readonly accessToken: string;
  /** Seconds. */
  readonly expiresIn: number;
}

export interface SignUpAnswer {
  readonly userSub: string;
  readonly codeDelivery?: { readonly medium?: string; readonly destination?: string };
}

export interface CodeSentAnswer {
  readonly codeDelivery?: { readonly destination?: string };
}

export interface SecretAnswer {
  readonly message: string;
  readonly user: { readonly sub: string; readonly email: string };
}

export interface MeAnswer {
  readonly sub: string;
  readonly email: string;
  readonly emailVerified: boolean;
}

export interface ApiClient {
  signUp(email: string, password: string): Promise<Outcome<SignUpAnswer>>;
  confirm(email: string, code: string): Promise<Outcome<unknown>>;
  resendCode(email: string): Promise<Outcome<CodeSentAnswer>>;
  signIn(email: string, password: string): Promise<Outcome<Tokens>>;
  forgotPassword(email: string): Promise<Outcome<CodeSentAnswer>>;
  resetPassword(email: string, code: string, newPassword: string): Promise<Outcome<unknown>>;
  refresh(refreshToken: string): Promise<Outcome<RenewedTokens>>;
  signOut(refreshToken: string): Promise<Outcome<unknown>>;
  secret(idToken: string): Promise<Outcome<SecretAnswer>>;
  me(idToken: string): Promise<Outcome<MeAnswer>>;
}

/** `baseUrl` is the stack's ApiUrl output: it ends in the stage and a slash. */
export function apiClient(baseUrl: string): ApiClient {
  const call = async <T>(method: 'GET' | 'POST', route: string, init: { body?: unknown; idToken?: string } = {}): Promise<Outcome<T>> => {
    const headers: Record<string, string> = {};
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    if (init.idToken !== undefined) headers.Authorization = `Bearer ${init.idToken}`;
    let response: Response;
    try {
      // No cookies to send: the API authenticates with the Authorization header only.
      response = await fetch(new URL(route, baseUrl), { method, headers, body: init.body === undefined ? undefined : JSON.stringify(init.body), credentials: 'omit' });
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
    secret: (idToken) => call('GET', 'secret', { idToken }),
    me: (idToken) => call('GET', 'me', { idToken }),
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
  return typeof body === 'object' && body !== null && typeof (body as { code?: unknown }).code === 'string' && typeof (body as { message?: unknown }).message === 'string';
}

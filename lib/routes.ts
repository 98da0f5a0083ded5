import type { $ZodType } from 'zod/v4/core';
import type { ErrorCode } from '../lambda/api/errors';
import {
  changePasswordResponse,
  codeSentResponse,
  confirmResponse,
  credentialsResponse,
  meResponse,
  mfaEnabledResponse,
  privateResponse,
  publicResponse,
  refreshResponse,
  resetPasswordResponse,
  secretResponse,
  signInChallengeResponse,
  signInResponse,
  signUpResponse,
  totpSecretResponse,
  totpSetupResponse,
  verifyEmailResponse,
} from '../lambda/api/response-bodies';
import {
  changeEmailRequest,
  changePasswordRequest,
  confirmRequest,
  forgotPasswordRequest,
  refreshRequest,
  resendCodeRequest,
  resetPasswordRequest,
  signInRequest,
  signInTotpRequest,
  signInTotpSetupRequest,
  signOutRequest,
  signUpRequest,
  verifyEmailRequest,
  verifyTotpRequest,
} from '../lambda/api/schemas';
import type { AuthApiConfig } from './config';

/**
 * The scope of every access token a user pool issues through its API, and the one Cognito's own
 * operations on the signed-in user (ChangePassword, UpdateUserAttributes, DeleteUser…) require.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ChangePassword.html
 */
export const ACCESS_TOKEN_SCOPE = 'aws.cognito.signin.user.admin';

/** A success answer: its status and its body's schema (none: an empty body). */
export interface SuccessSpec {
  readonly status: number;
  readonly body?: $ZodType;
  /** What the answer means, where a route has more than one (the OpenAPI document's response description). */
  readonly description?: string;
}

/**
 * The settings a route may depend on, each with the values that deploy it and how the OpenAPI
 * document says so.
 */
const requirements = {
  identityPool: { isMet: (config) => config.identityPool, when: 'with the identityPool setting on (the default)' },
  mfa: { isMet: (config) => config.mfa !== 'off', when: 'with the mfa setting optional (the default) or required' },
} as const satisfies Record<string, { isMet: (config: AuthApiConfig) => boolean; when: string }>;

/** API Gateway's throttle of a method: requests a second, and how many at once above that (its token bucket). */
export interface Throttle {
  readonly rateLimit: number;
  readonly burstLimit: number;
}

/**
 * The method throttles a route may take instead of the stage's (`throttlingRateLimit`,
 * `throttlingBurstLimit` in lib/config.ts), each applied to one method alone: API Gateway keeps
 * "per-API, per-stage throttling limits … at the API method level"
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html).
 * Each is a share of the stage's rate and burst (`methodThrottleOf`), so it stays below the stage's
 * whatever a deployer sets there.
 */
export const methodThrottles = {
  /**
   * The unauthenticated routes that reach Cognito: a password-guessing, code-guessing or sign-up
   * run spends this method's tenth of the stage's (10 a second, 20 at once, by default), not the
   * stage's rate that signed-in calls share.
   */
  anonymous: { share: 0.1 },
} as const satisfies Record<string, { share: number }>;

/** A method throttle for a stage's throttle: its share of the rate and of the burst, at least one request each. */
export function methodThrottleOf(name: keyof typeof methodThrottles, stage: Throttle): Throttle {
  const { share } = methodThrottles[name];
  return {
    rateLimit: Math.max(1, Math.floor(stage.rateLimit * share)),
    burstLimit: Math.max(1, Math.floor(stage.burstLimit * share)),
  };
}

export interface RouteSpec {
  /** Resource path, as the client calls it after the stage. */
  readonly path: string;
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** The handler entry, `lambda/<handler>.ts`. */
  readonly handler: string;
  /**
   * How the caller proves who it is; none on a public route. `id-token`: the Cognito user pools
   * authorizer with no OAuth scope, which wants an id token in `Authorization`. `access-token`: the
   * same authorizer with the scope `aws.cognito.signin.user.admin` (ACCESS_TOKEN_SCOPE), which wants an
   * access token carrying it, the token Cognito's self-service operations are authorized by. `iam`: API
   * Gateway's AWS_IAM authorization, which wants the request signed (SigV4) with AWS credentials
   * whose policy allows this method: those the identity pool hands a signed-in user.
   */
  readonly authorization?: 'id-token' | 'access-token' | 'iam';
  /** The setting of lib/config.ts without which the route does not exist (`requirements`); none: always there. */
  readonly requires?: keyof typeof requirements;
  /** The method's own throttle (`methodThrottles`); none: the stage's. */
  readonly throttle?: keyof typeof methodThrottles;
  /** The request body's schema; the route's handler alone enforces it (see `acknowledgeNoRequestValidator`). */
  readonly body?: $ZodType;
  /**
   * The success answer, or the few a route may give (POST /sign-in: tokens, or a challenge). The
   * handler's return type: it may answer any of them, and nothing else.
   */
  readonly success: SuccessSpec | readonly SuccessSpec[];
  /**
   * The codes the handler answers besides InternalError: InvalidRequest for a body its schema
   * refuses, and what lambda/api/errors.ts maps the Cognito operation's documented exceptions to
   * (test/contract/routes.test.ts derives those from the SDK). API Gateway's own answers
   * (lib/gateway-responses.ts) come on top.
   */
  readonly errors: readonly ErrorCode[];
}

/** A route's success answers, one or several alike. */
export function successesOf(route: RouteSpec): readonly SuccessSpec[] {
  return Array.isArray(route.success) ? route.success : [route.success as SuccessSpec];
}

/** Whether a deployment with this config has the route. */
export function isDeployed(route: RouteSpec, config: AuthApiConfig): boolean {
  return !route.requires || requirements[route.requires].isMet(config);
}

/** When a route that depends on a setting exists, said for its reader ("with the mfa setting …"). */
export function requirementOf(route: RouteSpec): string | undefined {
  return route.requires && requirements[route.requires].when;
}

/**
 * The API, one row a route: the stack builds from this table, local mode reads the template it
 * produces, the handlers' types (lambda/api/handler.ts) and the OpenAPI document (lib/openapi.ts)
 * come from it.
 */
export const routes = [
  {
    path: '/sign-up',
    method: 'POST',
    handler: 'sign-up',
    throttle: 'anonymous',
    body: signUpRequest,
    success: { status: 201, body: signUpResponse },
    errors: ['InvalidRequest', 'InvalidPassword', 'UserExists', 'NotAuthorized', 'TooManyRequests'],
  },
  {
    path: '/confirm',
    method: 'POST',
    handler: 'confirm',
    throttle: 'anonymous',
    body: confirmRequest,
    success: { status: 200, body: confirmResponse },
    // One CodeMismatch for a wrong or expired code and an unknown email (CODE_REFUSED, lambda/api/errors.ts).
    errors: ['InvalidRequest', 'CodeMismatch', 'UserExists', 'NotAuthorized', 'TooManyRequests'],
  },
  {
    path: '/resend-code',
    method: 'POST',
    handler: 'resend-code',
    throttle: 'anonymous',
    body: resendCodeRequest,
    success: { status: 200, body: codeSentResponse },
    errors: ['InvalidRequest', 'NotAuthorized', 'TooManyRequests'],
  },
  {
    path: '/sign-in',
    method: 'POST',
    handler: 'sign-in',
    throttle: 'anonymous',
    body: signInRequest,
    success: [
      { status: 200, body: signInResponse, description: 'Signed in: the tokens.' },
      {
        status: 202,
        body: signInChallengeResponse,
        description:
          'The password is right, and a second step completes the sign-in: TOTP, send the code of the authenticator ' +
          'app to POST /sign-in/totp; TOTP_SETUP (mfa=required, an account without a factor), set one up with ' +
          'POST /sign-in/totp-setup first. Each step carries the session of the one before.',
      },
    ],
    errors: ['InvalidRequest', 'NotAuthorized', 'UserNotConfirmed', 'ChallengeRequired', 'TooManyRequests'],
  },
  {
    path: '/sign-in/totp-setup',
    method: 'POST',
    handler: 'sign-in-totp-setup',
    throttle: 'anonymous',
    requires: 'mfa',
    body: signInTotpSetupRequest,
    success: { status: 200, body: totpSetupResponse },
    errors: ['InvalidRequest', 'NotAuthorized'],
  },
  {
    path: '/sign-in/totp',
    method: 'POST',
    handler: 'sign-in-totp',
    throttle: 'anonymous',
    requires: 'mfa',
    body: signInTotpRequest,
    success: { status: 200, body: signInResponse },
    errors: ['InvalidRequest', 'CodeMismatch', 'CodeExpired', 'NotAuthorized', 'TooManyRequests'],
  },
  {
    path: '/refresh',
    method: 'POST',
    handler: 'refresh',
    throttle: 'anonymous',
    body: refreshRequest,
    success: { status: 200, body: refreshResponse },
    errors: ['InvalidRequest', 'NotAuthorized', 'UserNotConfirmed', 'TooManyRequests'],
  },
  {
    path: '/sign-out',
    method: 'POST',
    handler: 'sign-out',
    throttle: 'anonymous',
    body: signOutRequest,
    success: { status: 204 },
    errors: ['InvalidRequest', 'NotAuthorized', 'TooManyRequests'],
  },
  {
    path: '/forgot-password',
    method: 'POST',
    handler: 'forgot-password',
    throttle: 'anonymous',
    body: forgotPasswordRequest,
    success: { status: 200, body: codeSentResponse },
    errors: ['InvalidRequest', 'NotAuthorized', 'TooManyRequests'],
  },
  {
    path: '/reset-password',
    method: 'POST',
    handler: 'reset-password',
    throttle: 'anonymous',
    body: resetPasswordRequest,
    success: { status: 200, body: resetPasswordResponse },
    // As /confirm: one CodeMismatch, whether the email has an account or not.
    errors: ['InvalidRequest', 'InvalidPassword', 'CodeMismatch', 'NotAuthorized', 'TooManyRequests'],
  },
  { path: '/public', method: 'GET', handler: 'public', success: { status: 200, body: publicResponse }, errors: [] },
  {
    path: '/secret',
    method: 'GET',
    handler: 'secret',
    authorization: 'id-token',
    success: { status: 200, body: secretResponse },
    errors: ['Unauthorized'],
  },
  {
    path: '/me',
    method: 'GET',
    handler: 'me',
    authorization: 'id-token',
    success: { status: 200, body: meResponse },
    errors: ['Unauthorized'],
  },
  {
    path: '/credentials',
    method: 'POST',
    handler: 'credentials',
    authorization: 'id-token',
    requires: 'identityPool',
    success: { status: 200, body: credentialsResponse },
    errors: ['Unauthorized', 'NotAuthorized', 'TooManyRequests'],
  },
  {
    path: '/private',
    method: 'GET',
    handler: 'private',
    authorization: 'iam',
    requires: 'identityPool',
    success: { status: 200, body: privateResponse },
    errors: ['Unauthorized'],
  },
  {
    path: '/change-password',
    method: 'POST',
    handler: 'change-password',
    authorization: 'access-token',
    body: changePasswordRequest,
    success: { status: 200, body: changePasswordResponse },
    errors: ['InvalidRequest', 'InvalidPassword', 'NotAuthorized', 'Unauthorized', 'TooManyRequests'],
  },
  {
    path: '/change-email',
    method: 'POST',
    handler: 'change-email',
    authorization: 'access-token',
    body: changeEmailRequest,
    success: { status: 200, body: codeSentResponse },
    // UpdateUserAttributes documents CodeMismatchException and ExpiredCodeException too.
    errors: ['InvalidRequest', 'CodeMismatch', 'CodeExpired', 'UserExists', 'Unauthorized', 'TooManyRequests'],
  },
  {
    path: '/verify-email',
    method: 'POST',
    handler: 'verify-email',
    authorization: 'access-token',
    body: verifyEmailRequest,
    success: { status: 200, body: verifyEmailResponse },
    errors: ['InvalidRequest', 'CodeMismatch', 'CodeExpired', 'UserExists', 'Unauthorized', 'TooManyRequests'],
  },
  {
    path: '/sign-out-everywhere',
    method: 'POST',
    handler: 'sign-out-everywhere',
    authorization: 'access-token',
    success: { status: 204 },
    errors: ['Unauthorized', 'TooManyRequests'],
  },
  {
    path: '/me',
    method: 'DELETE',
    handler: 'delete-me',
    authorization: 'access-token',
    success: { status: 204 },
    errors: ['Unauthorized', 'TooManyRequests'],
  },
  {
    path: '/mfa/totp',
    method: 'POST',
    handler: 'mfa-totp',
    authorization: 'access-token',
    requires: 'mfa',
    success: { status: 200, body: totpSecretResponse },
    errors: ['InvalidRequest', 'Unauthorized', 'TooManyRequests'],
  },
  {
    path: '/mfa/totp/verify',
    method: 'POST',
    handler: 'mfa-totp-verify',
    authorization: 'access-token',
    requires: 'mfa',
    body: verifyTotpRequest,
    success: { status: 200, body: mfaEnabledResponse },
    errors: ['InvalidRequest', 'CodeMismatch', 'CodeExpired', 'Unauthorized', 'TooManyRequests'],
  },
  {
    path: '/mfa/totp',
    method: 'DELETE',
    handler: 'mfa-totp-delete',
    authorization: 'access-token',
    requires: 'mfa',
    success: { status: 204 },
    // MfaRequired is the handler's own refusal where the deployment requires a factor (mfa=required).
    errors: ['MfaRequired', 'InvalidRequest', 'Unauthorized'],
  },
] as const satisfies readonly RouteSpec[];

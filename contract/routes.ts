import type { $ZodType } from 'zod/v4/core';
import type { ErrorCode } from './errors';
import {
  adminAddToGroupRequest,
  adminDeleteUserRequest,
  adminDisableUserRequest,
  adminEnableUserRequest,
  adminGetUserRequest,
  adminListUsersRequest,
  adminRemoveFromGroupRequest,
  adminResetMfaRequest,
  adminSignOutUserRequest,
  changeEmailRequest,
  changePasswordRequest,
  confirmRequest,
  forgotPasswordRequest,
  getNoteRequest,
  passkeyDeleteRequest,
  passkeyRegisterRequest,
  type RouteRequest,
  refreshRequest,
  resendCodeRequest,
  resetPasswordRequest,
  signInEmailCodeRequest,
  signInEmailCodeVerifyRequest,
  signInPasskeyRequest,
  signInPasskeyVerifyRequest,
  signInRequest,
  signInTotpRequest,
  signInTotpSetupRequest,
  signOutRequest,
  signUpRequest,
  updateMeRequest,
  verifyEmailRequest,
  verifyTotpRequest,
} from './requests';
import {
  adminUser,
  adminUsersResponse,
  changePasswordResponse,
  codeSentResponse,
  confirmResponse,
  credentialsResponse,
  emailCodeChallengeResponse,
  meResponse,
  mfaEnabledResponse,
  noteResponse,
  passkeyChallengeResponse,
  passkeyOptionsResponse,
  passkeysResponse,
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
} from './responses';
import { ACCESS_TOKEN_SCOPE, groupScope } from './scopes';

/**
 * Whether this deployment's access tokens carry group scopes (`groupScope`): a V2_0 pre token
 * generation trigger adds them, and only the Essentials and Plus plans send V2_0 events
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html).
 */
export interface ScopeSettings {
  readonly groupScopes: boolean;
}

/**
 * The OAuth scopes a row's authorizer requires, any one of them: none for an id-token row (the REST
 * authorizer then wants an id token); for an access-token row, the group's scope where the row is for
 * one group's members and tokens carry group scopes, else ACCESS_TOKEN_SCOPE, which every access token
 * of this client carries. https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-enable-cognito-user-pool.html
 */
export function authorizationScopesOf(route: RouteSpec, settings: ScopeSettings): string[] {
  if (route.authorization !== 'access-token') return [];
  const group = route.request?.group;
  return group && settings.groupScopes ? [groupScope(group)] : [ACCESS_TOKEN_SCOPE];
}

/**
 * Who refuses a caller outside a row's group, in a deployment: `authorizer`, API Gateway through the
 * group's scope before the function runs (the wrapper checks `cognito:groups` again all the same), or
 * `handler`, the handler wrapper alone (lambda/api/handler.ts). None: the row is not for one group.
 */
export function groupEnforcementOf(route: RouteSpec, settings: ScopeSettings): 'authorizer' | 'handler' | undefined {
  if (!route.request?.group) return undefined;
  return authorizationScopesOf(route, settings).includes(groupScope(route.request.group)) ? 'authorizer' : 'handler';
}

/** A success answer: its status and its body's schema (none: an empty body). */
export interface SuccessSpec {
  readonly status: number;
  readonly body?: $ZodType;
  /** What the answer means, where a route has more than one (the OpenAPI document's response description). */
  readonly description?: string;
}

/** The settings of lib/config.ts that decide whether a route is deployed (the contract imports nothing of ours). */
export interface RouteSettings {
  readonly identityPool: boolean;
  readonly mfa: 'off' | 'optional' | 'required';
  readonly passwordless: readonly ('passkey' | 'email-otp')[];
}

/**
 * The settings a route may depend on, each with the values that deploy it and how the OpenAPI
 * document says so.
 */
const requirements = {
  identityPool: { isMet: (config) => config.identityPool, when: 'with the identityPool setting on (the default)' },
  mfa: { isMet: (config) => config.mfa !== 'off', when: 'with the mfa setting optional (the default) or required' },
  passkey: {
    isMet: (config) => config.passwordless.includes('passkey'),
    when: 'with the passwordless setting including passkey',
  },
  emailCode: {
    isMet: (config) => config.passwordless.includes('email-otp'),
    when: 'with the passwordless setting including email-otp',
  },
} as const satisfies Record<string, { isMet: (config: RouteSettings) => boolean; when: string }>;

/**
 * The groups the reference page lists the routes under (OpenAPI tags), in its order, each with the
 * line it shows above its routes.
 */
export const routeTags = {
  'Sign-up and sign-in':
    'Create an account, confirm its email, sign in (with a code from an authenticator app where two-factor sign-in is on) and reset a forgotten password. No token needed.',
  Session: 'Renew the tokens sign-in returned, and sign out here or everywhere.',
  Account: 'The signed-in user: read it, change its password or email, delete it.',
  'Two-factor': "Turn the signed-in user's authenticator app (TOTP) on or off.",
  Passkeys: "Register, list and remove the signed-in user's passkeys.",
  'AWS credentials': "Trade the id token for the identity pool's temporary AWS credentials, and call a route signed with them.",
  'Sample routes': 'A public route and a signed-in one, to build the API on.',
  Administration:
    "For members of the group admin (the access token's cognito:groups): list, inspect, disable, sign out, regroup and delete users, and reset a lost authenticator.",
} as const;
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
  /**
   * Resource path, as the client calls it after the stage; a `{name}` segment is a path parameter,
   * which the row's `request.params` schema must name (API Gateway's resource path syntax:
   * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-settings-method-request.html#setup-method-resources).
   */
  readonly path: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The handler entry, `lambda/<handler>.ts`, and the name its request is marked with (contract/requests.ts). */
  readonly handler: string;
  /** The operation's title on the reference page and in generated clients (OpenAPI `summary`). */
  readonly summary: string;
  /** What it does and when a client calls it (OpenAPI `description`); lib/openapi.ts adds the setting it needs. */
  readonly description: string;
  /** The group the reference page lists it under (`routeTags`). */
  readonly tag: keyof typeof routeTags;
  /**
   * Who may call it. `public`: anyone, no token. `id-token`: the Cognito user pools
   * authorizer with no OAuth scope, which wants an id token in `Authorization`. `access-token`: the
   * same authorizer with the scope `aws.cognito.signin.user.admin` (ACCESS_TOKEN_SCOPE), which wants an
   * access token carrying it, the token Cognito's self-service operations are authorized by. `iam`: API
   * Gateway's AWS_IAM authorization, which wants the request signed (SigV4) with AWS credentials
   * whose policy allows this method: those the identity pool hands a signed-in user.
   */
  readonly authorization: 'public' | 'id-token' | 'access-token' | 'iam';
  /** The setting of lib/config.ts without which the route does not exist (`requirements`); none: always there. */
  readonly requires?: keyof typeof requirements;
  /** The method's own throttle (`methodThrottles`); none: the stage's. */
  readonly throttle?: keyof typeof methodThrottles;
  /**
   * What the route takes (contract/requests.ts): the body's, path parameters' and query's schemas,
   * marked with this row's handler. The handler wrapper enforces them before the handler runs
   * (lambda/api/handler.ts), as a 400; API Gateway's request validation is left off (see
   * `acknowledgeNoRequestValidator`). None: the route takes nothing.
   */
  readonly request?: RouteRequest;
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
  /**
   * The Cognito operations the handler calls that Cognito authorizes by IAM (Admin*, ListUsers):
   * its role is allowed exactly these, on this pool's ARN only (lib/auth-rest-api.ts). None: a
   * role without any Cognito permission, as the public operations need none.
   */
  readonly cognitoActions?: readonly string[];
}

/** A route's success answers, one or several alike. */
export function successesOf(route: RouteSpec): readonly SuccessSpec[] {
  return Array.isArray(route.success) ? route.success : [route.success as SuccessSpec];
}

/** Whether a deployment with this config has the route. */
export function isDeployed(route: RouteSpec, config: RouteSettings): boolean {
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
    summary: 'Create an account',
    description:
      "Creates an unconfirmed account for the email and mails it a code; POST /confirm with that code before signing in. The password must meet the user pool's policy.",
    tag: 'Sign-up and sign-in',
    authorization: 'public',
    throttle: 'anonymous',
    request: signUpRequest,
    success: { status: 201, body: signUpResponse },
    // SignUpNotAllowed: only with -c allowedEmailDomains, the pre sign-up trigger's refusal.
    errors: ['InvalidRequest', 'InvalidPassword', 'UserExists', 'SignUpNotAllowed', 'NotAuthorized', 'TooManyRequests'],
  },
  {
    path: '/confirm',
    method: 'POST',
    handler: 'confirm',
    summary: 'Confirm the email with its code',
    description:
      'Confirms a new account with the code mailed at sign-up (or by POST /resend-code); the account can sign in from then on.',
    tag: 'Sign-up and sign-in',
    authorization: 'public',
    throttle: 'anonymous',
    request: confirmRequest,
    success: { status: 200, body: confirmResponse },
    // One CodeMismatch for a wrong or expired code and an unknown email (CODE_REFUSED, lambda/api/errors.ts).
    errors: ['InvalidRequest', 'CodeMismatch', 'UserExists', 'NotAuthorized', 'TooManyRequests'],
  },
  {
    path: '/resend-code',
    method: 'POST',
    handler: 'resend-code',
    summary: 'Mail a new confirmation code',
    description:
      'Mails a new sign-up code, which replaces the one outstanding. An unknown email gets the same answer, so the answer tells nothing about who has an account.',
    tag: 'Sign-up and sign-in',
    authorization: 'public',
    throttle: 'anonymous',
    request: resendCodeRequest,
    success: { status: 200, body: codeSentResponse },
    errors: ['InvalidRequest', 'NotAuthorized', 'TooManyRequests'],
  },
  {
    path: '/sign-in',
    method: 'POST',
    handler: 'sign-in',
    summary: 'Sign in with email and password',
    description:
      'Answers the tokens (200), or, where the account has two-factor sign-in or the deployment requires it, a challenge (202) that POST /sign-in/totp or /sign-in/totp-setup completes. A wrong password and an unknown email get the same answer.',
    tag: 'Sign-up and sign-in',
    authorization: 'public',
    throttle: 'anonymous',
    request: signInRequest,
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
    summary: 'Set up an authenticator during sign-in',
    description:
      'Answers the TOTP_SETUP challenge of POST /sign-in (mfa=required, an account without a factor): a new authenticator key, and the session that POST /sign-in/totp then sends with the first code.',
    tag: 'Sign-up and sign-in',
    authorization: 'public',
    throttle: 'anonymous',
    requires: 'mfa',
    request: signInTotpSetupRequest,
    success: { status: 200, body: totpSetupResponse },
    errors: ['InvalidRequest', 'NotAuthorized'],
  },
  {
    path: '/sign-in/totp',
    method: 'POST',
    handler: 'sign-in-totp',
    summary: 'Finish signing in with an authenticator code',
    description:
      'Completes a sign-in that answered a challenge: the 6-digit code the authenticator app shows, with the session of the step before. Answers the tokens.',
    tag: 'Sign-up and sign-in',
    authorization: 'public',
    throttle: 'anonymous',
    requires: 'mfa',
    request: signInTotpRequest,
    success: { status: 200, body: signInResponse },
    errors: ['InvalidRequest', 'CodeMismatch', 'CodeExpired', 'NotAuthorized', 'TooManyRequests'],
  },
  {
    path: '/refresh',
    method: 'POST',
    handler: 'refresh',
    summary: 'Renew the tokens',
    description: 'Trades the refresh token sign-in returned for new id and access tokens, without the password.',
    tag: 'Session',
    authorization: 'public',
    throttle: 'anonymous',
    request: refreshRequest,
    success: {
      status: 200,
      body: refreshResponse,
      description:
        'New id and access tokens. With refresh-token rotation (the default) also refreshToken, the next one: keep it in place of the one sent, which stops working after the grace period (refreshTokenGracePeriodSeconds). Without rotation there is none, and the one sent stays the one to use.',
    },
    errors: ['InvalidRequest', 'NotAuthorized', 'UserNotConfirmed', 'TooManyRequests'],
  },
  {
    path: '/sign-out',
    method: 'POST',
    handler: 'sign-out',
    summary: 'Sign out this session',
    description:
      'Revokes the refresh token and the access tokens minted from it. Id tokens already issued stay valid until they expire.',
    tag: 'Session',
    authorization: 'public',
    throttle: 'anonymous',
    request: signOutRequest,
    success: { status: 204 },
    errors: ['InvalidRequest', 'NotAuthorized', 'TooManyRequests'],
  },
  {
    path: '/forgot-password',
    method: 'POST',
    handler: 'forgot-password',
    summary: 'Mail a password reset code',
    description: 'Mails a code that POST /reset-password takes with a new password. An unknown email gets the same answer.',
    tag: 'Sign-up and sign-in',
    authorization: 'public',
    throttle: 'anonymous',
    request: forgotPasswordRequest,
    success: { status: 200, body: codeSentResponse },
    errors: ['InvalidRequest', 'NotAuthorized', 'TooManyRequests'],
  },
  {
    path: '/reset-password',
    method: 'POST',
    handler: 'reset-password',
    summary: 'Set a new password with the reset code',
    description: 'Sets a new password with the code POST /forgot-password mailed.',
    tag: 'Sign-up and sign-in',
    authorization: 'public',
    throttle: 'anonymous',
    request: resetPasswordRequest,
    success: { status: 200, body: resetPasswordResponse },
    // As /confirm: one CodeMismatch, whether the email has an account or not.
    errors: ['InvalidRequest', 'InvalidPassword', 'CodeMismatch', 'NotAuthorized', 'TooManyRequests'],
  },
  {
    path: '/public',
    method: 'GET',
    handler: 'public',
    summary: 'Call a public route',
    description: "A route anyone may call, without a token: a template for the API's own public routes.",
    tag: 'Sample routes',
    authorization: 'public',
    success: { status: 200, body: publicResponse },
    errors: [],
  },
  {
    path: '/secret',
    method: 'GET',
    handler: 'secret',
    summary: 'Call a signed-in route',
    description:
      "A route only a signed-in user reaches: API Gateway checks the id token before the handler runs, which answers with the caller's claims.",
    tag: 'Sample routes',
    authorization: 'id-token',
    success: { status: 200, body: secretResponse },
    errors: ['Unauthorized'],
  },
  {
    path: '/me',
    method: 'GET',
    handler: 'me',
    summary: 'Read the signed-in user',
    description:
      "The caller's id, email and whether it is verified, and its profile (name), read from the id token without a call to Cognito: a change by PATCH /me shows once POST /refresh has issued a new id token.",
    tag: 'Account',
    authorization: 'id-token',
    success: { status: 200, body: meResponse },
    errors: ['Unauthorized'],
  },
  {
    path: '/credentials',
    method: 'POST',
    handler: 'credentials',
    summary: 'Get temporary AWS credentials',
    description:
      "Trades the id token for temporary AWS credentials of the identity pool's authenticated role, to sign requests (SigV4) to routes such as GET /private.",
    tag: 'AWS credentials',
    authorization: 'id-token',
    requires: 'identityPool',
    success: { status: 200, body: credentialsResponse },
    errors: ['Unauthorized', 'NotAuthorized', 'TooManyRequests'],
  },
  {
    path: '/private',
    method: 'GET',
    handler: 'private',
    summary: 'Call a SigV4-signed route',
    description:
      'A route API Gateway lets through only when the request is signed (SigV4) with the credentials POST /credentials returns; answers who signed it.',
    tag: 'AWS credentials',
    authorization: 'iam',
    requires: 'identityPool',
    success: { status: 200, body: privateResponse },
    errors: ['Unauthorized'],
  },
  {
    path: '/change-password',
    method: 'POST',
    handler: 'change-password',
    summary: 'Change the password',
    description: "Changes the signed-in user's password; the current one is asked again.",
    tag: 'Account',
    authorization: 'access-token',
    request: changePasswordRequest,
    success: { status: 200, body: changePasswordResponse },
    errors: ['InvalidRequest', 'InvalidPassword', 'NotAuthorized', 'Unauthorized', 'TooManyRequests'],
  },
  {
    path: '/change-email',
    method: 'POST',
    handler: 'change-email',
    summary: 'Change the email',
    description: 'Mails a code to the new address; until POST /verify-email takes it, the old address stays the sign-in name.',
    tag: 'Account',
    authorization: 'access-token',
    request: changeEmailRequest,
    success: { status: 200, body: codeSentResponse },
    // UpdateUserAttributes documents CodeMismatchException and ExpiredCodeException too.
    errors: ['InvalidRequest', 'CodeMismatch', 'CodeExpired', 'UserExists', 'Unauthorized', 'TooManyRequests'],
  },
  {
    path: '/verify-email',
    method: 'POST',
    handler: 'verify-email',
    summary: 'Verify the new email',
    description: 'Takes the code POST /change-email mailed: the new address becomes the sign-in name and the email claim.',
    tag: 'Account',
    authorization: 'access-token',
    request: verifyEmailRequest,
    success: { status: 200, body: verifyEmailResponse },
    errors: ['InvalidRequest', 'CodeMismatch', 'CodeExpired', 'UserExists', 'Unauthorized', 'TooManyRequests'],
  },
  {
    path: '/sign-out-everywhere',
    method: 'POST',
    handler: 'sign-out-everywhere',
    summary: 'Sign out on every device',
    description:
      'Revokes every refresh token of the signed-in user, on every device, and the access tokens minted from them. Id tokens already issued stay valid until they expire.',
    tag: 'Session',
    authorization: 'access-token',
    success: { status: 204 },
    errors: ['Unauthorized', 'TooManyRequests'],
  },
  {
    path: '/me',
    method: 'DELETE',
    handler: 'delete-me',
    summary: 'Delete the account',
    description: 'Deletes the signed-in user for good: its email, password and sessions.',
    tag: 'Account',
    authorization: 'access-token',
    success: { status: 204 },
    errors: ['Unauthorized', 'TooManyRequests'],
  },
  {
    path: '/mfa/totp',
    method: 'POST',
    handler: 'mfa-totp',
    summary: 'Start setting up an authenticator',
    description:
      'Answers a new TOTP key for an authenticator app, as text and as an otpauth:// URI for a QR code; POST /mfa/totp/verify with the code the app shows turns it on.',
    tag: 'Two-factor',
    authorization: 'access-token',
    requires: 'mfa',
    success: { status: 200, body: totpSecretResponse },
    errors: ['InvalidRequest', 'Unauthorized', 'TooManyRequests'],
  },
  {
    path: '/mfa/totp/verify',
    method: 'POST',
    handler: 'mfa-totp-verify',
    summary: 'Turn two-factor sign-in on',
    description:
      'Takes the code the authenticator app shows for the key POST /mfa/totp answered: sign-in asks for a code from then on.',
    tag: 'Two-factor',
    authorization: 'access-token',
    requires: 'mfa',
    request: verifyTotpRequest,
    success: { status: 200, body: mfaEnabledResponse },
    errors: ['InvalidRequest', 'CodeMismatch', 'CodeExpired', 'Unauthorized', 'TooManyRequests'],
  },
  {
    path: '/mfa/totp',
    method: 'DELETE',
    handler: 'mfa-totp-delete',
    summary: 'Turn two-factor sign-in off',
    description:
      'Sign-in asks for the password alone again. Refused (409 MfaRequired) where the deployment requires a second factor.',
    tag: 'Two-factor',
    authorization: 'access-token',
    requires: 'mfa',
    success: { status: 204 },
    // MfaRequired is the handler's own refusal where the deployment requires a factor (mfa=required).
    errors: ['MfaRequired', 'InvalidRequest', 'Unauthorized'],
  },
  {
    path: '/notes/{id}',
    method: 'GET',
    handler: 'get-note',
    summary: 'Read a note',
    description:
      'The example of docs/add-a-route.md: a route with a path parameter that any signed-in user may call. Answers a fixed note for the id, and who asked.',
    tag: 'Sample routes',
    authorization: 'id-token',
    request: getNoteRequest,
    success: { status: 200, body: noteResponse },
    errors: ['InvalidRequest', 'Unauthorized'],
  },
  {
    path: '/admin/users',
    method: 'GET',
    handler: 'admin-list-users',
    summary: 'List users',
    description:
      'A page of users in email order (limit, 1 to 60, default 60), each with their groups and whether TOTP is on; nextToken asks for the next page, email for those whose email starts so.',
    tag: 'Administration',
    authorization: 'access-token',
    request: adminListUsersRequest,
    success: { status: 200, body: adminUsersResponse },
    errors: ['InvalidRequest', 'Unauthorized', 'Forbidden', 'NotFound', 'TooManyRequests'],
    cognitoActions: ['ListUsers', 'AdminListGroupsForUser', 'AdminGetUser'],
  },
  {
    path: '/admin/users/{id}',
    method: 'GET',
    handler: 'admin-get-user',
    summary: 'Read a user',
    description: 'The user whose sub is id, with their groups and whether TOTP is on.',
    tag: 'Administration',
    authorization: 'access-token',
    request: adminGetUserRequest,
    success: { status: 200, body: adminUser },
    errors: ['InvalidRequest', 'Unauthorized', 'Forbidden', 'NotFound', 'TooManyRequests'],
    cognitoActions: ['AdminGetUser', 'AdminListGroupsForUser'],
  },
  {
    path: '/admin/users/{id}/disable',
    method: 'POST',
    handler: 'admin-disable-user',
    summary: 'Disable a user',
    description:
      'The user can no longer sign in or refresh, and their sessions end (AdminDisableUser). An admin cannot disable their own account (409).',
    tag: 'Administration',
    authorization: 'access-token',
    request: adminDisableUserRequest,
    success: { status: 204 },
    errors: ['InvalidRequest', 'Unauthorized', 'Forbidden', 'NotFound', 'Conflict', 'TooManyRequests'],
    cognitoActions: ['AdminDisableUser'],
  },
  {
    path: '/admin/users/{id}/enable',
    method: 'POST',
    handler: 'admin-enable-user',
    summary: 'Enable a user',
    description: 'A disabled user may sign in again.',
    tag: 'Administration',
    authorization: 'access-token',
    request: adminEnableUserRequest,
    success: { status: 204 },
    errors: ['InvalidRequest', 'Unauthorized', 'Forbidden', 'NotFound', 'TooManyRequests'],
    cognitoActions: ['AdminEnableUser'],
  },
  {
    path: '/admin/users/{id}/groups/{group}',
    method: 'PUT',
    handler: 'admin-add-to-group',
    summary: 'Add a user to a group',
    description: "The user's next sign-in or refresh carries the group in cognito:groups. An unknown group is 404.",
    tag: 'Administration',
    authorization: 'access-token',
    request: adminAddToGroupRequest,
    success: { status: 204 },
    errors: ['InvalidRequest', 'Unauthorized', 'Forbidden', 'NotFound', 'TooManyRequests'],
    cognitoActions: ['AdminAddUserToGroup'],
  },
  {
    path: '/admin/users/{id}/groups/{group}',
    method: 'DELETE',
    handler: 'admin-remove-from-group',
    summary: 'Remove a user from a group',
    description: 'Ends the membership. An admin cannot remove themselves from admin (409).',
    tag: 'Administration',
    authorization: 'access-token',
    request: adminRemoveFromGroupRequest,
    success: { status: 204 },
    errors: ['InvalidRequest', 'Unauthorized', 'Forbidden', 'NotFound', 'Conflict', 'TooManyRequests'],
    cognitoActions: ['AdminRemoveUserFromGroup'],
  },
  {
    path: '/admin/users/{id}/sign-out',
    method: 'POST',
    handler: 'admin-sign-out-user',
    summary: 'Sign a user out everywhere',
    description:
      "Ends every session of the user (AdminUserGlobalSignOut): their refresh tokens stop working; id tokens already issued stay valid until they expire, as with the user's own sign-out everywhere.",
    tag: 'Administration',
    authorization: 'access-token',
    request: adminSignOutUserRequest,
    success: { status: 204 },
    errors: ['InvalidRequest', 'Unauthorized', 'Forbidden', 'NotFound', 'TooManyRequests'],
    cognitoActions: ['AdminUserGlobalSignOut'],
  },
  {
    path: '/admin/users/{id}/mfa',
    method: 'DELETE',
    handler: 'admin-reset-mfa',
    summary: "Reset a user's authenticator",
    description:
      'For a lost authenticator: the user signs in with the password alone and may enrol again; under mfa=required they set up a new key at sign-in.',
    tag: 'Administration',
    authorization: 'access-token',
    request: adminResetMfaRequest,
    success: { status: 204 },
    errors: ['InvalidRequest', 'Unauthorized', 'Forbidden', 'NotFound', 'TooManyRequests'],
    cognitoActions: ['AdminSetUserMFAPreference'],
  },
  {
    path: '/admin/users/{id}',
    method: 'DELETE',
    handler: 'admin-delete-user',
    summary: 'Delete a user',
    description: 'Deletes the account and its sessions. An admin cannot delete their own account here (409): DELETE /me does.',
    tag: 'Administration',
    authorization: 'access-token',
    request: adminDeleteUserRequest,
    success: { status: 204 },
    errors: ['InvalidRequest', 'Unauthorized', 'Forbidden', 'NotFound', 'Conflict', 'TooManyRequests'],
    cognitoActions: ['AdminDeleteUser'],
  },
  {
    path: '/sign-in/passkey',
    method: 'POST',
    handler: 'sign-in-passkey',
    summary: 'Begin signing in with a passkey',
    description:
      'Answers the WebAuthn request options for navigator.credentials.get and the session POST /sign-in/passkey/verify sends back. An email with no passkey, known or not, gets the same 401 NotAuthorized.',
    tag: 'Sign-up and sign-in',
    authorization: 'public',
    throttle: 'anonymous',
    requires: 'passkey',
    request: signInPasskeyRequest,
    success: { status: 202, body: passkeyChallengeResponse },
    errors: ['InvalidRequest', 'NotAuthorized', 'UserNotConfirmed', 'TooManyRequests'],
  },
  {
    path: '/sign-in/passkey/verify',
    method: 'POST',
    handler: 'sign-in-passkey-verify',
    summary: 'Finish signing in with a passkey',
    description:
      "Sends the browser's assertion (PublicKeyCredential.toJSON()) with the session of POST /sign-in/passkey; answers the tokens, as POST /sign-in does.",
    tag: 'Sign-up and sign-in',
    authorization: 'public',
    throttle: 'anonymous',
    requires: 'passkey',
    request: signInPasskeyVerifyRequest,
    success: { status: 200, body: signInResponse },
    errors: ['InvalidRequest', 'NotAuthorized', 'CodeMismatch', 'CodeExpired', 'TooManyRequests'],
  },
  {
    path: '/sign-in/email-code',
    method: 'POST',
    handler: 'sign-in-email-code',
    summary: 'Email me a sign-in code',
    description:
      'Mails a one-time sign-in code and answers the session POST /sign-in/email-code/verify sends back with it. An unknown email gets the same answer, and no mail.',
    tag: 'Sign-up and sign-in',
    authorization: 'public',
    throttle: 'anonymous',
    requires: 'emailCode',
    request: signInEmailCodeRequest,
    success: { status: 202, body: emailCodeChallengeResponse },
    errors: ['InvalidRequest', 'NotAuthorized', 'UserNotConfirmed', 'TooManyRequests'],
  },
  {
    path: '/sign-in/email-code/verify',
    method: 'POST',
    handler: 'sign-in-email-code-verify',
    summary: 'Finish signing in with the emailed code',
    description: 'Sends the mailed code with the session of POST /sign-in/email-code; answers the tokens, as POST /sign-in does.',
    tag: 'Sign-up and sign-in',
    authorization: 'public',
    throttle: 'anonymous',
    requires: 'emailCode',
    request: signInEmailCodeVerifyRequest,
    success: { status: 200, body: signInResponse },
    errors: ['InvalidRequest', 'CodeMismatch', 'CodeExpired', 'NotAuthorized', 'TooManyRequests'],
  },
  {
    path: '/passkeys/registration-options',
    method: 'POST',
    handler: 'passkey-registration-options',
    summary: 'Begin registering a passkey',
    description:
      "Answers the WebAuthn creation options for navigator.credentials.create (the user's passkeys excluded); POST /passkeys then sends the new credential.",
    tag: 'Passkeys',
    authorization: 'access-token',
    requires: 'passkey',
    success: { status: 200, body: passkeyOptionsResponse },
    errors: ['InvalidRequest', 'Unauthorized', 'TooManyRequests'],
  },
  {
    path: '/passkeys',
    method: 'POST',
    handler: 'passkey-register',
    summary: 'Register a passkey',
    description:
      "Sends the browser's new credential (PublicKeyCredential.toJSON()) for the options of POST /passkeys/registration-options; the passkey signs in from then on.",
    tag: 'Passkeys',
    authorization: 'access-token',
    requires: 'passkey',
    request: passkeyRegisterRequest,
    success: { status: 201 },
    errors: ['InvalidRequest', 'Unauthorized', 'TooManyRequests'],
  },
  {
    path: '/passkeys',
    method: 'GET',
    handler: 'passkeys',
    summary: "List the user's passkeys",
    description:
      "The signed-in user's passkeys, oldest first: the id DELETE /passkeys/{id} takes, a name, when it was registered.",
    tag: 'Passkeys',
    authorization: 'access-token',
    requires: 'passkey',
    success: { status: 200, body: passkeysResponse },
    errors: ['InvalidRequest', 'Unauthorized', 'TooManyRequests'],
  },
  {
    path: '/passkeys/{id}',
    method: 'DELETE',
    handler: 'passkey-delete',
    summary: 'Remove a passkey',
    description:
      "Removes one of the signed-in user's passkeys; it signs no one in from then on. Another user's id is 404 NotFound.",
    tag: 'Passkeys',
    authorization: 'access-token',
    requires: 'passkey',
    request: passkeyDeleteRequest,
    success: { status: 204 },
    errors: ['InvalidRequest', 'Unauthorized', 'NotFound', 'TooManyRequests'],
  },
  {
    path: '/me',
    method: 'PATCH',
    handler: 'update-me',
    summary: 'Change the profile',
    description:
      "Changes the signed-in user's profile (name): the fields sent, at once, no code needed. Answers the profile as Cognito now holds it; the id token carries it from the next POST /refresh.",
    tag: 'Account',
    authorization: 'access-token',
    request: updateMeRequest,
    success: { status: 200, body: meResponse },
    // UpdateUserAttributes documents AliasExistsException, CodeMismatchException and ExpiredCodeException too (an
    // email or phone change): this route sends neither, but declares what its operation's exceptions map to.
    errors: ['InvalidRequest', 'Forbidden', 'UserExists', 'CodeMismatch', 'CodeExpired', 'Unauthorized', 'TooManyRequests'],
  },
] as const satisfies readonly RouteSpec[];

import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type { ErrorCode } from '../contract/errors';

export interface GatewayError {
  readonly type: apigateway.ResponseType;
  /** Omitted on the defaults, which keep the status of the response type they stand in for. */
  readonly status?: number;
  readonly code: ErrorCode;
  /**
   * The message template. Gateway responses do simple variable substitution only, no VTL, so a
   * variable goes in only where its value is already a JSON string ($context.error.messageString
   * comes quoted) or cannot contain a quote ($context.requestId).
   */
  readonly message: string;
}

const internalError = '"Something went wrong on our side (request id $context.requestId)."';

const unsignedHint = 'A route that needs a SigV4 signature (GET /private) answers this too when the request is not signed.';

export interface GatewayResponseOptions {
  /** Routes authorized by AWS_IAM (SigV4) exist. */
  readonly signedRoutes: boolean;
  /** A WAF web ACL guards the stage (lib/api-firewall.ts). */
  readonly firewall?: boolean;
}

/**
 * A request the stage's web ACL blocked (WAF_FILTERED, 403 by default): too many from one address,
 * or a pattern of the managed rule groups. Said apart from a bad body, which it is not.
 */
const firewallError: GatewayError = {
  type: apigateway.ResponseType.WAF_FILTERED,
  status: 403,
  code: 'AccessDenied',
  message: '"The firewall refused this request: too many requests from this address, or a pattern it blocks."',
};

/**
 * What API Gateway itself answers, in the same `{"code","message"}` envelope as the handlers.
 * The 4XX/5XX defaults catch every type not listed. With `signedRoutes` (routes authorized by
 * AWS_IAM, contract/routes.ts) the answers to a SigV4 request API Gateway refuses come on top; their
 * types and default 403s are those of
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html
 */
export function gatewayErrorsFor(options: GatewayResponseOptions): readonly GatewayError[] {
  return [
    {
      type: apigateway.ResponseType.UNAUTHORIZED,
      status: 401,
      code: 'Unauthorized',
      message:
        '"A valid token is required in the Authorization header: the access token on the account and admin routes, else the id token."',
    },
    // API Gateway answers an unknown path or method with 403 "Missing Authentication Token", and
    // an unsigned request to an IAM-authorized route with the same type: one gateway response
    // cannot tell the two apart (a template has no conditions), so its message names both.
    {
      type: apigateway.ResponseType.MISSING_AUTHENTICATION_TOKEN,
      status: 404,
      code: 'NotFound',
      message: options.signedRoutes
        ? `"No such route: check the method and path. ${unsignedHint}"`
        : '"No such route: check the method and path."',
    },
    ...(options.signedRoutes ? signedRouteErrors : []),
    ...(options.firewall ? [firewallError] : []),
    ...commonErrors,
  ];
}

const signedRouteErrors: readonly GatewayError[] = [
  // A signature that does not match the request as received, or whose X-Amz-Date is too far off
  // (AWS support names "Signature expired" an InvalidSignatureException:
  // https://repost.aws/knowledge-center/api-gateway-troubleshoot-403-forbidden; which gateway
  // response type it takes is not documented, unverified).
  {
    type: apigateway.ResponseType.INVALID_SIGNATURE,
    status: 401,
    code: 'Unauthorized',
    message:
      '"The SigV4 signature does not match the request: sign the exact method, path, query and headers sent, ' +
      'with a current X-Amz-Date and the credentials POST /credentials returns."',
  },
  {
    type: apigateway.ResponseType.EXPIRED_TOKEN,
    status: 401,
    code: 'Unauthorized',
    message: '"The AWS credentials have expired: get new ones from POST /credentials."',
  },
  // The signer's policy does not allow this method; by the same support article, unknown
  // credentials ("The security token included in the request is invalid") are an
  // AccessDeniedException too (unverified which gateway response type they take).
  {
    type: apigateway.ResponseType.ACCESS_DENIED,
    status: 403,
    code: 'AccessDenied',
    message: '"These AWS credentials may not call this route: sign with the credentials POST /credentials returns."',
  },
];

const commonErrors: readonly GatewayError[] = [
  {
    type: apigateway.ResponseType.THROTTLED,
    status: 429,
    code: 'TooManyRequests',
    message: '"Too many requests: slow down and try again later."',
  },
  {
    type: apigateway.ResponseType.QUOTA_EXCEEDED,
    status: 429,
    code: 'TooManyRequests',
    message: '"Too many requests: slow down and try again later."',
  },
  {
    type: apigateway.ResponseType.REQUEST_TOO_LARGE,
    status: 413,
    code: 'InvalidRequest',
    message: '"The request is too large."',
  },
  { type: apigateway.ResponseType.DEFAULT_4XX, code: 'InvalidRequest', message: '$context.error.messageString' },
  { type: apigateway.ResponseType.DEFAULT_5XX, code: 'InternalError', message: internalError },
  // A handler that throws, times out or returns a malformed result: API Gateway's own statuses.
  { type: apigateway.ResponseType.INTEGRATION_FAILURE, status: 502, code: 'InternalError', message: internalError },
  { type: apigateway.ResponseType.INTEGRATION_TIMEOUT, status: 504, code: 'InternalError', message: internalError },
];

/**
 * Gateway responses are the same for every caller, so with several allowed origins the only way
 * to let a browser read them is to echo the request's Origin. They carry no data of the caller's,
 * which makes that safe; the handlers' own responses allow only the configured origins. With no
 * origin allowed, no page may read them either.
 */
function allowOriginHeader(corsOrigins: readonly string[]): Record<string, string> {
  if (corsOrigins.length === 0) return {};
  return { 'Access-Control-Allow-Origin': corsOrigins.length === 1 ? `'${corsOrigins[0]}'` : 'method.request.header.Origin' };
}

export function addGatewayResponses(
  api: apigateway.RestApi,
  corsOrigins: readonly string[],
  options: GatewayResponseOptions,
): void {
  for (const { type, status, code, message } of gatewayErrorsFor(options)) {
    api.addGatewayResponse(`${type.responseType}Response`, {
      type,
      statusCode: status === undefined ? undefined : String(status),
      responseHeaders: {
        'Content-Type': "'application/json'",
        'Cache-Control': "'no-store'",
        ...allowOriginHeader(corsOrigins),
        Vary: "'Origin'",
      },
      templates: { 'application/json': `{"code":"${code}","message":${message}}` },
    });
  }
}

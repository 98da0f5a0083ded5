import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type { ErrorCode } from '../lambda/api/errors';

interface GatewayError {
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

/**
 * What API Gateway itself answers, in the same `{"code","message"}` envelope as the handlers.
 * The 4XX/5XX defaults catch every type not listed.
 */
export const gatewayErrors: readonly GatewayError[] = [
  {
    type: apigateway.ResponseType.UNAUTHORIZED,
    status: 401,
    code: 'Unauthorized',
    message:
      '"A valid token is required in the Authorization header: the access token on the account routes, else the id token."',
  },
  // API Gateway answers an unknown path or method with 403 "Missing Authentication Token".
  {
    type: apigateway.ResponseType.MISSING_AUTHENTICATION_TOKEN,
    status: 404,
    code: 'NotFound',
    message: '"No such route: check the method and path."',
  },
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

export function addGatewayResponses(api: apigateway.RestApi, corsOrigins: readonly string[]): void {
  for (const { type, status, code, message } of gatewayErrors) {
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

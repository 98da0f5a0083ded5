import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { corsHeaders } from './cors';
import { ApiError, mapCognitoError } from './errors';
import { logError, logInfo, startInvocation } from './request-log';
import { errorResponse, internalErrorResponse, jsonResponse } from './responses';

export interface Outcome {
  status: number;
  body?: unknown;
}

export type Route = (event: APIGatewayProxyEvent) => Promise<Outcome>;

/**
 * Wraps a route in the API's contract: the outcome becomes a JSON response, a known failure its
 * error envelope, anything unexpected a bare 500 that names the request id, each with the CORS
 * headers the caller's origin is allowed. Each request is logged
 * as one JSON line with the outcome code (request-log.ts); bodies, tokens and stack traces are never logged.
 */
export function httpHandler(route: Route) {
  return async (event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> => {
    const started = Date.now();
    const requestId = event.requestContext?.requestId ?? context.awsRequestId;
    startInvocation(requestId);

    let response: APIGatewayProxyResult;
    let outcome: string;
    try {
      const { status, body } = await route(event);
      response = jsonResponse(status, body);
      outcome = 'Success';
    } catch (error) {
      const known = error instanceof ApiError ? error : mapCognitoError(error);
      if (known) {
        response = errorResponse(known);
        outcome = known.code;
      } else {
        const { name, message } = error instanceof Error ? error : { name: typeof error, message: String(error) };
        logError('unexpected failure', { errorName: name, errorMessage: message });
        response = internalErrorResponse(requestId);
        outcome = 'InternalError';
      }
    }

    logInfo('request completed', {
      method: event.httpMethod,
      resource: event.resource,
      status: response.statusCode,
      outcome,
      latencyMs: Date.now() - started,
    });
    return { ...response, headers: { ...response.headers, ...corsHeaders(event) } };
  };
}

import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import type { routes } from '../../lib/routes';
import { corsHeaders } from './cors';
import { ApiError, mapCognitoError } from './errors';
import { logError, logInfo, startInvocation } from './request-log';
import { parseBody } from './requests';
import { errorResponse, internalErrorResponse, jsonResponse } from './responses';

// The route table is imported for its types only: they bind each handler to its row, for no bytes
// in the bundle.
type RouteRow = (typeof routes)[number];
/** A route, by its handler's name (`lambda/<name>.ts`). */
export type RouteName = RouteRow['handler'];
type Row<Name extends RouteName> = Extract<RouteRow, { handler: Name }>;

/** One declared success: that status, and that body or none (distributes over a union of them). */
type Answered<Declared> = Declared extends { status: infer Status; body: infer Body extends z.ZodMiniType }
  ? { status: Status; body: z.output<Body> }
  : Declared extends { status: infer Status }
    ? { status: Status; body?: never }
    : never;

/** The route's success as its row declares it: one of its answers, each status with its own body. */
type Success<Name extends RouteName> = Row<Name>['success'] extends readonly (infer Each)[]
  ? Answered<Each>
  : Answered<Row<Name>['success']>;

type RequestBody<Name extends RouteName> =
  Row<Name> extends { body: infer Schema extends z.ZodMiniType } ? z.output<Schema> : undefined;

/** What a handler is handed: the body, parsed with the route's schema (undefined on a route without one), and the event. */
interface Request<Name extends RouteName> {
  readonly body: RequestBody<Name>;
  readonly event: APIGatewayProxyEvent;
}

type Answer<Name extends RouteName> = (request: Request<Name>) => Promise<Success<Name>>;

/** A route with a body schema passes it first; the others pass only their answer. */
type HandlerArguments<Name extends RouteName> =
  Row<Name> extends { body: infer Schema } ? [body: Schema, answer: Answer<Name>] : [answer: Answer<Name>];

declare const route: unique symbol;
/** A Lambda handler, marked (in its type only) with the route it answers, so that a test can hold each file to its row. */
export type RouteHandler<Name extends RouteName> = ((
  event: APIGatewayProxyEvent,
  context: Context,
) => Promise<APIGatewayProxyResult>) & {
  readonly [route]?: Name;
};

/**
 * Wraps a route in the API's contract: the body is parsed with the route's schema (a refusal is a
 * 400 before the handler runs), the handler's success becomes a JSON response, a known failure its
 * error envelope, anything unexpected a bare 500 that names the request id, each with the CORS
 * headers the caller's origin is allowed. Each request is logged as one JSON line with the outcome
 * code (request-log.ts); bodies, tokens and stack traces are never logged.
 *
 * The route is named as the type argument, `httpHandler<'sign-up'>(signUpRequest, …)`: without it
 * nothing type-checks, and with it the handler can answer only the status and body of that row of
 * lib/routes.ts.
 */
export function httpHandler<Name extends RouteName = never>(...args: HandlerArguments<NoInfer<Name>>): RouteHandler<Name> {
  // The types above bound each call; inside, any route's answer is a status and maybe a body.
  const [schema, answer] = (args.length === 2 ? args : [undefined, args[0]]) as [
    z.ZodMiniType | undefined,
    (request: Request<Name>) => Promise<{ status: number; body?: unknown }>,
  ];
  return async (event, context) => {
    const started = Date.now();
    const requestId = event.requestContext?.requestId ?? context.awsRequestId;
    startInvocation(requestId);

    let response: APIGatewayProxyResult;
    let outcome: string;
    try {
      const body = (schema ? parseBody(event, schema) : undefined) as RequestBody<Name>;
      const success = await answer({ body, event });
      response = jsonResponse(success.status, success.body);
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

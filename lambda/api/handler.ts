import type { Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import { ApiError } from '../../contract/errors';
import type { RouteRequest } from '../../contract/requests';
import type { routes } from '../../contract/routes';
import { requireGroup } from './claims';
import { corsHeaders } from './cors';
import { mapCognitoError } from './errors';
import { type ProxyEvent, type ProxyResult, routeOf } from './event';
import { logError, logInfo, startInvocation } from './request-log';
import { parseBody, parseParameters } from './requests';
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

/** The row's request declaration (contract/requests.ts), if it takes anything. */
type RequestOf<Name extends RouteName> = Row<Name> extends { request: infer Declared } ? Declared : undefined;
type Parsed<Declared, Part extends string> = Declared extends { [P in Part]: infer Schema extends z.ZodMiniType }
  ? z.output<Schema>
  : undefined;

/**
 * What a handler is handed: the body, path parameters and query string, each parsed with the
 * route's schema (undefined where the row declares none), and the event.
 */
interface Request<Name extends RouteName> {
  readonly body: Parsed<RequestOf<Name>, 'body'>;
  readonly params: Parsed<RequestOf<Name>, 'params'>;
  readonly query: Parsed<RequestOf<Name>, 'query'>;
  /** The REST API's event (payload 1.0) or the HTTP API's (2.0): read it through lambda/api (claims.ts, signed-caller.ts…). */
  readonly event: ProxyEvent;
}

type Answer<Name extends RouteName> = (request: Request<Name>) => Promise<Success<Name>>;

/**
 * What names the route: its row's request declaration where it has one (contract/requests.ts,
 * marked with the route's name, so another row's does not type-check), else the name alone.
 */
type Binding<Name extends RouteName> = RequestOf<Name> extends undefined ? Name : RequestOf<Name>;

/** A Lambda handler, marked with the route it answers, so that a test can hold each file to its row. */
export type RouteHandler<Name extends RouteName> = ((event: ProxyEvent, context: Context) => Promise<ProxyResult>) & {
  /** The row this handler answers (its `handler`), for test/lambda/handler-rows.test.ts to hold each file to its own. */
  readonly route: Name;
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
 * contract/routes.ts, and takes only that row's request declaration (or, for a row without one, its
 * name): wrapping sign-in with sign-up's request fails `tsc`.
 */
export function httpHandler<Name extends RouteName = never>(
  binding: Binding<NoInfer<Name>>,
  answer: Answer<NoInfer<Name>>,
): RouteHandler<Name> {
  // The types above bound each call; inside, any route's request is a name and maybe schemas.
  const request = (typeof binding === 'string' ? { route: binding } : binding) as RouteRequest;
  const answerAny = answer as unknown as (request: Request<Name>) => Promise<{ status: number; body?: unknown }>;
  const handler = async (event: ProxyEvent, context: Context): Promise<ProxyResult> => {
    const started = Date.now();
    const requestId = event.requestContext?.requestId ?? context.awsRequestId;
    startInvocation(requestId);

    let response: ProxyResult;
    let outcome: string;
    try {
      // First of all: a group the row's request names is enforced here, for every such route, before
      // its input is even read (claims.ts says why here and not in API Gateway).
      if (request.group) requireGroup(event, request.group);
      const parsed = {
        params: request.params && parseParameters(event.pathParameters ?? null, request.params, 'path'),
        query: request.query && parseParameters(event.queryStringParameters ?? null, request.query, 'query string'),
        body: request.body && parseBody(event, request.body),
      } as Omit<Request<Name>, 'event'>;
      const success = await answerAny({ ...parsed, event });
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
      ...routeOf(event),
      status: response.statusCode,
      outcome,
      latencyMs: Date.now() - started,
    });
    return { ...response, headers: { ...response.headers, ...corsHeaders(event) } };
  };
  return Object.assign(handler, { route: request.route as Name });
}

/**
 * A fetch client typed from the route table (contract/routes.ts) alone: `call('POST /sign-up', { body })`
 * takes the route as docs/api.md names it, checks the body (and `params` for a path's `{names}`,
 * `query` for its query string) against the route's request schemas,
 * asks for a token where the route has an authorizer (SigV4 credentials on an `iam` route), and
 * answers the success body of that route or the contract's `{"code","message"}` problem. The table
 * and the schemas are imported as types only: no zod, no table reaches a bundle, and there is no
 * code generation to re-run: a route added to the table is a route here. docs/client.md shows it
 * in a frontend.
 */

import type { $ZodType, input, output } from 'zod/v4/core';
import type { ErrorCode } from '../../contract/errors';
import type { CredentialsResponse } from '../../contract/responses';
import type { routes } from '../../contract/routes';

type Route = (typeof routes)[number];

/** Distributes over the routes: the one whose method and path make `Key`. */
type Match<R, Key> = R extends { method: infer M extends string; path: infer P extends string }
  ? `${M} ${P}` extends Key
    ? R
    : never
  : never;

/** A route as the docs name it: its method, a space, its path (`POST /sign-up`, `DELETE /me`). */
export type RouteKey = Route extends infer R
  ? R extends { method: infer M extends string; path: infer P extends string }
    ? `${M} ${P}`
    : never
  : never;
export type RouteAt<Key extends RouteKey> = Match<Route, Key>;

/** A part of the request a route takes (`body`, `params`, `query`), as its schema accepts it; undefined where it takes none. */
type RequestPartOf<R, Part extends string> = R extends { request: { [P in Part]: infer S extends $ZodType } }
  ? input<S>
  : undefined;
export type RequestBodyOf<R> = RequestPartOf<R, 'body'>;

type SuccessesOf<R> = R extends { success: infer S } ? (S extends readonly (infer One)[] ? One : S) : never;
/** What a route answers on success: each success's body (a 204's: undefined). */
export type ResponseBodyOf<R> =
  SuccessesOf<R> extends infer S ? (S extends { body: infer B extends $ZodType } ? output<B> : undefined) : never;

/** How a call proves who calls, as the route's authorization asks. */
type AuthOf<R> = R extends { authorization: 'id-token' | 'access-token' }
  ? { token: string }
  : R extends { authorization: 'iam' }
    ? { signWith: CredentialsResponse }
    : { token?: never; signWith?: never };

/** `{ body }`, `{ params }` (the path's `{names}`), `{ query }`: each required where the route takes it. */
type PartInit<R, Part extends 'body' | 'params' | 'query'> =
  RequestPartOf<R, Part> extends undefined ? { [P in Part]?: never } : { [P in Part]: RequestPartOf<R, Part> };

type CallInit<R> = AuthOf<R> & PartInit<R, 'body'> & PartInit<R, 'params'> & PartInit<R, 'query'>;

/** Every code a call can fail with: the API's, and the two for failures that never reached it. */
export type ProblemCode = ErrorCode | 'NetworkError' | 'UnexpectedResponse';

/** A failed call: the API's error envelope, or NetworkError (no answer, or one CORS hid) or UnexpectedResponse (not the envelope). */
export interface Problem {
  readonly status: number;
  readonly code: ProblemCode;
  readonly message: string;
}

export type Outcome<T> = { readonly ok: true; readonly body: T } | { readonly ok: false; readonly problem: Problem };

export interface RouteClientOptions {
  /**
   * Sends a request signed with SigV4 for the `iam` routes (GET /private). The client does not sign
   * itself, so that a frontend without such a route needs no signer: the page passes aws4fetch's.
   */
  readonly signedFetch?: (credentials: CredentialsResponse, url: string, init: RequestInit) => Promise<Response>;
  /** @default globalThis.fetch */
  readonly fetch?: (url: string, init: RequestInit) => Promise<Response>;
}

export type RouteCall = <Key extends RouteKey>(
  route: Key,
  // Optional where every field of it is: a public route without a body.
  ...init: Partial<CallInit<RouteAt<Key>>> extends CallInit<RouteAt<Key>>
    ? [init?: CallInit<RouteAt<Key>>]
    : [init: CallInit<RouteAt<Key>>]
) => Promise<Outcome<ResponseBodyOf<RouteAt<Key>>>>;

/** `baseUrl` is the stack's ApiUrl output: it ends in the stage and a slash. */
export function routeClient(baseUrl: string, options: RouteClientOptions = {}): RouteCall {
  const send = options.fetch ?? ((url: string, init: RequestInit) => fetch(url, init));
  return (async (
    route: string,
    init: {
      body?: unknown;
      params?: Record<string, string>;
      query?: Record<string, string>;
      token?: string;
      signWith?: CredentialsResponse;
    } = {},
  ) => {
    const [method, template] = route.split(' ');
    // Each `{name}` of the path takes its parameter, percent-encoded so that a `/` or `?` in it stays in its segment.
    const path = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(init.params?.[name] ?? ''));
    const target = new URL(path.slice(1), baseUrl);
    for (const [name, value] of Object.entries(init.query ?? {})) target.searchParams.set(name, value);
    const url = target.toString();
    const headers: Record<string, string> = {};
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    if (init.token !== undefined) headers.Authorization = `Bearer ${init.token}`;
    // No cookies to send: the API authenticates with the Authorization header (or the signature) only.
    const request: RequestInit = {
      method,
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: 'omit',
    };
    const { signWith } = init;
    if (signWith && !options.signedFetch) throw new Error(`${route} is signed with SigV4: give routeClient a signedFetch`);
    let response: Response;
    try {
      response = signWith && options.signedFetch ? await options.signedFetch(signWith, url, request) : await send(url, request);
    } catch {
      return { ok: false, problem: { status: 0, code: 'NetworkError', message: '' } };
    }
    const body = parse(await response.text());
    if (response.ok) return { ok: true, body };
    if (isEnvelope(body)) return { ok: false, problem: { status: response.status, code: body.code, message: body.message } };
    const gateway = gatewayProblem(response.status, body);
    if (gateway) return { ok: false, problem: gateway };
    return { ok: false, problem: { status: response.status, code: 'UnexpectedResponse', message: `HTTP ${response.status}` } };
  }) as RouteCall;
}

function parse(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The codes of an HTTP API's own answers (`-c api=http`), which it cannot put in the envelope:
 * `{"message":"Unauthorized"}` and the like, read by status (docs/http-api.md).
 */
const gatewayCodes: Readonly<Record<number, ErrorCode>> = {
  401: 'Unauthorized',
  403: 'AccessDenied',
  404: 'NotFound',
  429: 'TooManyRequests',
  500: 'InternalError',
};

/** An HTTP API gateway's fixed answer (`{"message"}` alone, at a status above) as the problem the envelope would have said. */
function gatewayProblem(status: number, body: unknown): Problem | undefined {
  const code = gatewayCodes[status];
  if (!code || typeof body !== 'object' || body === null) return undefined;
  const { message, ...rest } = body as { message?: unknown };
  return typeof message === 'string' && Object.keys(rest).length === 0 ? { status, code, message } : undefined;
}

function isEnvelope(body: unknown): body is { code: ProblemCode; message: string } {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as { code?: unknown }).code === 'string' &&
    typeof (body as { message?: unknown }).message === 'string'
  );
}

import type { Answer } from './local-mode';

/**
 * The two API flavors a stack can have (docs/http-api.md): `rest`, the default, and `http`
 * (`-c api=http`). Every end-to-end suite that boots local mode runs against both.
 */
export const FLAVORS = ['rest', 'http'] as const;
export type Flavor = (typeof FLAVORS)[number];

/** The context of this flavor's stack on top of `context`: REST is the default, HTTP adds `api=http`. */
export function flavorContext(flavor: Flavor, context?: Record<string, string>): Record<string, string> | undefined {
  return flavor === 'http' ? { ...context, api: 'http' } : context;
}

/**
 * What each flavor's gateway answers for a refusal of its own, before any handler runs, as
 * `[status, body]` for `expect([answer.status, answer.body]).toEqual(…)`: the REST API's gateway
 * responses in the API's envelope (lib/gateway-responses.ts), the HTTP API's fixed bodies
 * (docs/http-api.md, "The HTTP API's own answers"). Every other answer is the handler's, alike in both.
 */
export function gateway(flavor: Flavor) {
  const envelope = (code: string, message: unknown = expect.any(String)) => ({ code, message });
  const rest = flavor === 'rest';
  return {
    /** No token, or one the authorizer refuses. */
    unauthorized: rest ? [401, envelope('Unauthorized')] : [401, { message: 'Unauthorized' }],
    /** An id token on a route that wants an access token: REST's authorizer refuses it, HTTP's JWT authorizer misses the scope. */
    missingScope: rest ? [401, envelope('Unauthorized')] : [403, { message: 'Forbidden' }],
    /** A path or method no route has. */
    notFound: rest ? [404, envelope('NotFound')] : [404, { message: 'Not Found' }],
    /** `GET /private` without a signature. */
    unsigned: rest
      ? [404, envelope('NotFound', expect.stringContaining('needs a SigV4 signature'))]
      : [403, { message: 'Forbidden' }],
    /**
     * `GET /private` with a signature that does not match the request: the REST API's gateway response
     * words it (lib/gateway-responses.ts), the HTTP API passes on the signature check's own reason.
     */
    badSignature: rest
      ? [401, envelope('Unauthorized', expect.stringContaining('SigV4 signature does not match'))]
      : [403, { message: expect.any(String) }],
    /** `GET /private` signed with credentials past their expiry. */
    expiredCredentials: rest
      ? [401, envelope('Unauthorized', 'The AWS credentials have expired: get new ones from POST /credentials.')]
      : [403, { message: 'The security token included in the request is expired' }],
    /** `GET /private` signed with credentials the IAM authorizer does not know, or whose role may not call it. */
    accessDenied: rest ? [403, envelope('AccessDenied')] : [403, { message: expect.any(String) }],
    /** A throttle's bucket is empty. */
    throttled: rest ? [429, envelope('TooManyRequests')] : [429, { message: 'Too Many Requests' }],
    /**
     * A preflight's Cache-Control: the REST API's preflight method has CDK's mock integration, which
     * says no-store; the HTTP API answers preflights itself, from its CORS configuration only.
     */
    preflightCacheControl: rest ? 'no-store' : null,
    /** Who refuses an access token on an id-token route: REST's Cognito authorizer, or (HTTP's JWT authorizer admitting it) the handler. */
    accessTokenOnIdRoute: rest ? 'gateway' : 'handler',
    /**
     * A body over Lambda's 6 MB and under API Gateway's 10 MB, as `[status, content type, body text]`:
     * the REST API's reported answer (local/gateway/rest-api.ts), the HTTP API's fixed 413 (local/gateway/http-api.ts).
     */
    lambdaPayloadTooLarge: rest
      ? [413, 'application/json', '{"message": "Request Too Long"}']
      : [413, 'application/json', '{"message":"Request Entity Too Large"}'],
    /** A body over API Gateway's 10 MB. */
    tooLarge: rest ? [413, envelope('InvalidRequest')] : [413, { message: 'Request Entity Too Large' }],
  } as const;
}

/** The gateway's id of the request an answer answers: the REST API's `x-amzn-RequestId`, the HTTP API's `apigw-requestid`. */
export function requestIdOf(answer: Pick<Answer, 'headers'>): string | null {
  return answer.headers.get('x-amzn-requestid') ?? answer.headers.get('apigw-requestid');
}

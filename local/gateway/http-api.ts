import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2WithRequestContext } from 'aws-lambda';
import { httpApiAnswers } from '../../lib/http-api-answers';
import { loopbackOnly } from '../loopback-only';
import { type HttpCorsModel, LOCAL_ACCOUNT_ID, LOCAL_API_ID, type RouteModel } from '../stack-model';
import type { RenderedResponse } from './gateway-responses';
import type { CallerIdentity } from './iam-authorizer';
import type { JwtAuthorizer, JwtContext } from './jwt-authorizer';
import type { InvocationResult } from './lambda-runtime';
import { ResourcePaths } from './resource-paths';
import { header, type LocalFile, type RestApiOptions, type RunningRestApi, readBody } from './rest-api';
import { TokenBucket } from './token-bucket';

export interface HttpApiOptions extends Omit<RestApiOptions, 'authorizer'> {
  /** The template's JWT authorizer; without it every call to a JWT route is refused. */
  readonly jwtAuthorizer?: JwtAuthorizer;
}

// HTTP API's own answers, its fixed bodies (lib/http-api-answers.ts).
const fixed = httpApiAnswers;

// HTTP API's payload limit (API Gateway quotas for HTTP APIs: "Payload size", 10 MB).
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html

/**
 * An HTTP API as API Gateway serves the template's routes: route keys matched by method and path
 * under the stage (resource-paths.ts: literal segments before `{parameters}` before `{proxy+}`, the
 * priority the HTTP API guide documents), the JWT authorizer and the IAM authorizer, payload format
 * 2.0 events, the 2.0 response contract, CORS answered by the gateway itself from the API's CORS
 * configuration, and the fixed bodies above for every error of its own.
 */
export async function startHttpApi(options: HttpApiOptions): Promise<RunningRestApi> {
  const { model, runtime } = options;
  const routes = new Map(model.routes.map((r) => [`${r.method} ${r.path}`, r]));
  // A route key is a method and a path: a path matches among the routes of the request's method only.
  const pathsByMethod = new Map<string, ResourcePaths>();
  for (const method of new Set(model.routes.map((r) => r.method))) {
    pathsByMethod.set(method, new ResourcePaths(model.routes.filter((r) => r.method === method).map((r) => r.path)));
  }
  const stagePrefix = `/${model.stageName}`;
  const throttle = model.throttle && new TokenBucket(model.throttle.rateLimit, model.throttle.burstLimit);
  const routeThrottles = new Map(
    Object.entries(model.methodThrottles ?? {}).map(([route, { rateLimit, burstLimit }]) => [
      route,
      new TokenBucket(rateLimit, burstLimit),
    ]),
  );
  let apiUrl = '';
  const localFiles = new Map(
    Object.entries(options.localFiles ?? {}).map(([path, build]) => {
      let file: LocalFile | undefined;
      return [path, () => (file ??= build(apiUrl))] as const;
    }),
  );

  const answer = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const started = Date.now();
    const requestId = randomUUID();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const origin = header(req, 'origin');
    const send = ({ status, headers, body }: RenderedResponse | (LocalFile & { status: number })) => {
      res.writeHead(status, { ...headers, 'apigw-requestid': requestId, 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
      options.onRequest?.({ method: req.method ?? '', path: url.pathname, status, ms: Date.now() - started });
    };
    const gatewayError = (answer: { status: number; message: string }, extra: Record<string, string> = {}) =>
      send({
        status: answer.status,
        headers: { 'Content-Type': 'application/json', ...corsHeadersFor(model.cors, origin), ...extra },
        body: JSON.stringify({ message: answer.message }),
      });

    readBody(req)
      .then(async (body) => {
        if (body === 'too-large') {
          res.setHeader('Connection', 'close');
          return gatewayError(fixed.tooLarge);
        }
        const localFile = req.method === 'GET' ? localFiles.get(url.pathname) : undefined;
        if (localFile) return send({ status: 200, ...localFile() });

        // A preflight is answered before any route or authorizer, whatever the path
        // (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html).
        if (req.method === 'OPTIONS' && model.cors && origin && header(req, 'access-control-request-method')) {
          return send(preflightResponse(model.cors, origin));
        }

        const underStage = url.pathname === stagePrefix || url.pathname.startsWith(`${stagePrefix}/`);
        const path = underStage ? url.pathname.slice(stagePrefix.length) || '/' : undefined;
        const matched = path === undefined ? undefined : pathsByMethod.get(req.method ?? '')?.match(path);
        const route = matched && routes.get(`${req.method} ${matched.resource}`);

        const bucket = (route && routeThrottles.get(`${route.method} ${route.path}`)) ?? throttle;
        if (bucket && !bucket.tryTake()) return gatewayError(fixed.throttled);
        if (!route || !matched || path === undefined) return gatewayError(fixed.notFound);

        let jwt: JwtContext | undefined;
        if (route.authorizer) {
          if (!options.jwtAuthorizer) return gatewayError(fixed.unauthorized);
          const verdict = await options.jwtAuthorizer.authorize(
            header(req, route.authorizer.identityHeader),
            route.authorizer.scopes,
          );
          if (!verdict.ok) {
            const extra: Record<string, string> = verdict.wwwAuthenticate ? { 'www-authenticate': verdict.wwwAuthenticate } : {};
            return gatewayError(verdict.status === 403 ? fixed.forbidden : fixed.unauthorized, extra);
          }
          jwt = verdict.jwt;
        }
        let caller: CallerIdentity | undefined;
        if (route.authorization?.kind === 'iam') {
          if (!options.iamAuthorizer) return gatewayError(fixed.forbidden);
          const rawPath = (req.url ?? '/').split('?')[0];
          const verdict = await options.iamAuthorizer.authorize(
            { method: req.method ?? '', rawPath, query: url.searchParams, headers: req.headers, body },
            { method: route.method, path },
          );
          // HTTP API's IAM refusals are 403s: an unsigned request its fixed Forbidden (docs/http-api.md's table;
          // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-access-control-iam.html names no
          // body, unverified), not the REST API's "Missing Authentication Token"; a refused signature the REST
          // API's reason (unverified for HTTP APIs).
          if (!verdict.ok)
            return gatewayError(
              verdict.type === 'MISSING_AUTHENTICATION_TOKEN' ? fixed.forbidden : { status: 403, message: verdict.message },
            );
          caller = verdict.identity;
        }

        const event = eventV2(req, url, route, matched.pathParameters, model.stageName, requestId, body, jwt, caller);
        const outcome = await runtime.invoke(route.functionId, event, requestId);
        // A body under the HTTP API's 10 MB but over Lambda's 6 MB event: Lambda refuses the event
        // (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html). What an HTTP API then
        // answers is not documented: the caller's too-large body is refused as the 10 MB one is, a 413,
        // rather than the 500 of a failed function (unverified).
        if (!outcome.ok && outcome.reason === 'payload-too-large') return gatewayError(fixed.tooLarge);
        const response = responseV2(outcome);
        if (!response) return gatewayError(fixed.integrationFailure);
        return send({ ...response, headers: { ...withoutCors(response.headers), ...corsHeadersFor(model.cors, origin) } });
      })
      .catch(() => gatewayError(fixed.integrationFailure));
  };
  const server = http.createServer(loopbackOnly(answer));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  apiUrl = `http://127.0.0.1:${port}/${model.stageName}/`;
  return {
    url: apiUrl,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Whether the API's CORS configuration allows this origin. */
function allows(cors: HttpCorsModel, origin: string): boolean {
  return cors.allowOrigins.includes('*') || cors.allowOrigins.includes(origin);
}

/**
 * The CORS headers API Gateway adds to an answer for an allowed origin: the origin (or `*`), and
 * what the configuration exposes. It ignores the integration's own CORS headers ("API Gateway
 * ignores CORS headers returned from your backend integration", http-api-cors.html). Whether it
 * adds them to its own errors (401, 404) is not documented: it does here (unverified).
 */
function corsHeadersFor(cors: HttpCorsModel | undefined, origin: string | undefined): Record<string, string> {
  if (!cors || !origin || !allows(cors, origin)) return {};
  return {
    'Access-Control-Allow-Origin': cors.allowOrigins.includes('*') && !cors.allowCredentials ? '*' : origin,
    ...(cors.exposeHeaders.length > 0 ? { 'Access-Control-Expose-Headers': cors.exposeHeaders.join(',') } : {}),
    ...(cors.allowCredentials ? { 'Access-Control-Allow-Credentials': 'true' } : {}),
    Vary: 'Origin',
  };
}

/** A preflight's answer: 204, and for an allowed origin the configuration's CORS headers; none for another (unverified). */
function preflightResponse(cors: HttpCorsModel, origin: string): RenderedResponse {
  if (!allows(cors, origin)) return { status: 204, headers: {}, body: '' };
  return {
    status: 204,
    headers: {
      ...corsHeadersFor(cors, origin),
      'Access-Control-Allow-Methods': cors.allowMethods.join(','),
      'Access-Control-Allow-Headers': cors.allowHeaders.join(','),
      ...(cors.maxAge !== undefined ? { 'Access-Control-Max-Age': String(cors.maxAge) } : {}),
    },
    body: '',
  };
}

function withoutCors(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !name.toLowerCase().startsWith('access-control-')));
}

/**
 * The Lambda proxy event, payload format 2.0: lower-case header names, repeated headers and query
 * parameters joined with commas, cookies apart, the raw path with the stage in front, the route key,
 * and the authorizer's verdict under `jwt` or `iam`.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
function eventV2(
  req: http.IncomingMessage,
  url: URL,
  route: RouteModel,
  pathParameters: Record<string, string> | null,
  stage: string,
  requestId: string,
  body: Buffer,
  jwt: JwtContext | undefined,
  caller: CallerIdentity | undefined,
): APIGatewayProxyEventV2WithRequestContext<Record<string, unknown>> {
  const headers = new Map<string, string>();
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i].toLowerCase();
    if (name === 'cookie') continue;
    const previous = headers.get(name);
    headers.set(name, previous === undefined ? req.rawHeaders[i + 1] : `${previous},${req.rawHeaders[i + 1]}`);
  }
  const cookies = (req.headers.cookie ?? '')
    .split(';')
    .map((c) => c.trim())
    .filter(Boolean);
  const query = new Map<string, string>();
  for (const [name, value] of url.searchParams) query.set(name, query.has(name) ? `${query.get(name)},${value}` : value);
  const now = new Date();
  const routeKey = `${route.method} ${route.path}`;
  const rawPath = url.pathname;
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString: url.search.slice(1),
    ...(cookies.length > 0 ? { cookies } : {}),
    headers: Object.fromEntries(headers),
    ...(query.size > 0 ? { queryStringParameters: Object.fromEntries(query) } : {}),
    ...(pathParameters ? { pathParameters } : {}),
    ...(body.length > 0 ? { body: body.toString('utf8') } : {}),
    isBase64Encoded: false,
    requestContext: {
      accountId: LOCAL_ACCOUNT_ID,
      apiId: LOCAL_API_ID,
      domainName: req.headers.host ?? '127.0.0.1',
      domainPrefix: 'local',
      http: {
        method: route.method,
        path: rawPath,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: req.headers['user-agent'] ?? '',
      },
      requestId,
      routeKey,
      stage,
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      ...(jwt ? { authorizer: { jwt } } : {}),
      ...(caller ? { authorizer: { iam: iamContext(caller) } } : {}),
    },
  };
}

/** The IAM authorizer's context in payload 2.0, from what the SigV4 check established. */
function iamContext(caller: CallerIdentity): Record<string, unknown> {
  return {
    accessKey: caller.accessKey,
    accountId: caller.accountId,
    callerId: caller.caller,
    userArn: caller.userArn,
    userId: caller.user,
    // The identity's amr: "authenticated", then the provider entries of cognitoAuthenticationProvider.
    cognitoIdentity: {
      amr: [caller.cognitoAuthenticationType, ...caller.cognitoAuthenticationProvider.split(',')],
      identityId: caller.cognitoIdentityId,
      identityPoolId: caller.cognitoIdentityPoolId,
    },
  };
}

/**
 * The function's result as an HTTP API reads it (payload 2.0), or undefined where it answers 500:
 * with a `statusCode`, as 1.0 reads it (cookies become Set-Cookie headers); without one, a JSON value
 * is the body of a 200 (`application/json`).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html#http-api-develop-integrations-lambda.response
 */
function responseV2(outcome: InvocationResult): RenderedResponse | undefined {
  if (!outcome.ok) return undefined;
  const result = outcome.result as Record<string, unknown> | null;
  if (typeof result !== 'object' || result === null || !('statusCode' in result)) {
    return { status: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(result) };
  }
  if (!Number.isInteger(result.statusCode)) return undefined;
  if (result.body !== undefined && result.body !== null && typeof result.body !== 'string') return undefined;
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  for (const [name, value] of Object.entries((result.headers as Record<string, unknown>) ?? {})) headers[name] = String(value);
  const cookies = Array.isArray(result.cookies) ? result.cookies.map(String) : [];
  if (cookies.length > 0) headers['Set-Cookie'] = cookies.join(', ');
  const body =
    typeof result.body === 'string'
      ? result.isBase64Encoded
        ? Buffer.from(result.body, 'base64').toString('utf8')
        : result.body
      : '';
  return { status: result.statusCode as number, headers, body };
}

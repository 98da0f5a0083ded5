import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { loopbackOnly } from '../loopback-only';
import { LOCAL_ACCOUNT_ID, LOCAL_API_ID, type PreflightModel, type RouteModel, type StackModel } from '../stack-model';
import type { CognitoAuthorizer } from './cognito-authorizer';
import { type GatewayResponseType, type RenderedResponse, renderGatewayResponse } from './gateway-responses';
import type { CallerIdentity, IamAuthorizer } from './iam-authorizer';
import type { InvocationResult, LambdaRuntime } from './lambda-runtime';
import { ResourcePaths } from './resource-paths';
import { TokenBucket } from './token-bucket';

// API Gateway's REST API payload limit (API Gateway quotas: "Payload size", 10 MB).
const MAX_BODY_BYTES = 10 * 1024 * 1024;

/**
 * What API Gateway answers when Lambda refuses the event as too large (a body between Lambda's 6 MB and API Gateway's
 * 10 MB): not documented; this is the answer reported in koki-develop/lgtm-generator#10 (413, `x-amzn-ErrorType:
 * BadRequestException`, this body), where a REQUEST_TOO_LARGE gateway response did not change it. Unverified.
 */
const LAMBDA_PAYLOAD_REFUSAL: RenderedResponse = {
  status: 413,
  headers: { 'Content-Type': 'application/json', 'x-amzn-ErrorType': 'BadRequestException' },
  body: '{"message": "Request Too Long"}',
};

export interface RestApiOptions {
  readonly model: StackModel;
  readonly runtime: LambdaRuntime;
  readonly authorizer: CognitoAuthorizer;
  /** Checks SigV4 on the AWS_IAM methods; without it every call to one is refused as unsigned. */
  readonly iamAuthorizer?: IamAuthorizer;
  readonly port: number;
  readonly host?: string;
  /**
   * Local mode's own files, path → file, served on GET outside the stage's path (e.g.
   * `/_local/openapi.json`, `/_local/docs`): a stage name starts with a letter (lib/config.ts), so no
   * route of the deployed API can share one of these paths. Each is built once, with the API's URL.
   */
  readonly localFiles?: Record<string, (apiUrl: string) => LocalFile>;
  /** Called once per request, after the response is sent. */
  readonly onRequest?: (line: { method: string; path: string; status: number; ms: number }) => void;
}

/** A file local mode serves beside the API: its headers (Content-Type first) and body. */
export interface LocalFile {
  readonly headers: Record<string, string>;
  readonly body: string | Uint8Array;
}

export interface RunningRestApi {
  /** Base URL including the stage, ending in '/', like the stack's ApiUrl output. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The REST API as API Gateway serves the synthesized methods: path matching under the stage
 * (resource-paths.ts: literal segments, `{parameters}`, `{proxy+}`) and exact method matching, the Cognito authorizer on the methods that name it, the Lambda proxy event
 * (payload v1), the proxy response contract, and the template's gateway responses for every
 * error API Gateway itself raises.
 */
export async function startRestApi(options: RestApiOptions): Promise<RunningRestApi> {
  const { model, runtime, authorizer } = options;
  const routes = new Map(model.routes.map((r) => [`${r.method} ${r.path}`, r]));
  const preflights = new Map(Object.entries(model.preflights));
  const resources = new ResourcePaths([...model.routes.map((r) => r.path), ...preflights.keys()]);
  const stagePrefix = `/${model.stageName}`;
  // A method with a throttle of its own takes from its own bucket, the others from the stage's.
  const throttle = model.throttle && new TokenBucket(model.throttle.rateLimit, model.throttle.burstLimit);
  const methodThrottles = new Map(
    Object.entries(model.methodThrottles ?? {}).map(([route, { rateLimit, burstLimit }]) => {
      return [route, new TokenBucket(rateLimit, burstLimit)];
    }),
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
    const send = ({ status, headers, body }: RenderedResponse | (LocalFile & { status: number })) => {
      res.writeHead(status, { ...headers, 'x-amzn-RequestId': requestId, 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
      options.onRequest?.({ method: req.method ?? '', path: url.pathname, status, ms: Date.now() - started });
    };
    const context = { requestId, httpMethod: req.method ?? '', stage: model.stageName, path: url.pathname };
    const gatewayError = (type: GatewayResponseType, resourcePath = '', message?: string) =>
      send(
        renderGatewayResponse(model.gatewayResponses, type, { ...context, resourcePath }, (name) => header(req, name), message),
      );

    readBody(req)
      .then(async (body) => {
        if (body === 'too-large') {
          res.setHeader('Connection', 'close');
          return gatewayError('REQUEST_TOO_LARGE');
        }
        // Local mode's files are not part of the API: they take nothing from its rate limit.
        const localFile = req.method === 'GET' ? localFiles.get(url.pathname) : undefined;
        if (localFile) return send({ status: 200, ...localFile() });

        // The path after the stage, still percent-encoded as sent, and the resource it matches.
        const underStage = url.pathname === stagePrefix || url.pathname.startsWith(`${stagePrefix}/`);
        const path = underStage ? url.pathname.slice(stagePrefix.length) || '/' : undefined;
        const matched = path === undefined ? undefined : resources.match(path);

        const bucket = (matched && methodThrottles.get(`${req.method} ${matched.resource}`)) ?? throttle;
        if (bucket && !bucket.tryTake()) return gatewayError('THROTTLED');

        const preflight = req.method === 'OPTIONS' && matched ? preflights.get(matched.resource) : undefined;
        if (preflight) return send(preflightResponse(preflight, header(req, 'origin')));

        const route = matched && routes.get(`${req.method} ${matched.resource}`);
        if (!route || !matched || path === undefined) return gatewayError('MISSING_AUTHENTICATION_TOKEN');

        let claims: Record<string, string> | undefined;
        if (route.authorizer) {
          const verdict = await authorizer.authorize(header(req, route.authorizer.identityHeader), route.authorizer.scopes);
          if (!verdict.ok) return gatewayError('UNAUTHORIZED', route.path);
          claims = verdict.claims;
        }
        let caller: CallerIdentity | undefined;
        if (route.authorization?.kind === 'iam') {
          if (!options.iamAuthorizer) return gatewayError('MISSING_AUTHENTICATION_TOKEN', route.path);
          const rawPath = (req.url ?? '/').split('?')[0];
          const verdict = await options.iamAuthorizer.authorize(
            { method: req.method ?? '', rawPath, query: url.searchParams, headers: req.headers, body },
            // The method ARN names the path called, its parameters filled in.
            { method: route.method, path },
          );
          if (!verdict.ok) return gatewayError(verdict.type, route.path, verdict.message);
          caller = verdict.identity;
        }

        const event = proxyEvent(
          req,
          url,
          route,
          { path, pathParameters: matched.pathParameters },
          model.stageName,
          requestId,
          body,
          claims,
          caller,
        );
        const outcome = await runtime.invoke(route.functionId, event, requestId);
        if (!outcome.ok && outcome.reason === 'payload-too-large') return send(LAMBDA_PAYLOAD_REFUSAL);
        const response = proxyResponse(outcome);
        if (!response) return gatewayError('INTEGRATION_FAILURE', route.path);
        return send(response);
      })
      .catch(() => gatewayError('INTEGRATION_FAILURE'));
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

/** CDK's preflight mock: the static headers, with Allow-Origin swapped for a listed request origin. */
function preflightResponse(preflight: PreflightModel, origin: string | undefined): RenderedResponse {
  const headers = { ...preflight.headers };
  if (origin && preflight.alsoAllowedOrigins.includes(origin)) headers['Access-Control-Allow-Origin'] = origin;
  return { status: preflight.status, headers, body: '' };
}

export function readBody(req: http.IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      req.resume();
      return resolve('too-large');
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        resolve('too-large');
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function header(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** The Lambda proxy integration event, payload format 1.0, with the header case the client sent. */
function proxyEvent(
  req: http.IncomingMessage,
  url: URL,
  route: RouteModel,
  called: { path: string; pathParameters: Record<string, string> | null },
  stage: string,
  requestId: string,
  body: Buffer,
  claims: Record<string, string> | undefined,
  caller: CallerIdentity | undefined,
): APIGatewayProxyEvent {
  // Maps, then own properties: a header or parameter named `constructor` or `__proto__` is a name like any other.
  const multiValueHeaders = new Map<string, string[]>();
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const [name, value] = [req.rawHeaders[i], req.rawHeaders[i + 1]];
    multiValueHeaders.set(name, [...(multiValueHeaders.get(name) ?? []), value]);
  }
  const multiQuery = new Map<string, string[]>();
  for (const [name, value] of url.searchParams) multiQuery.set(name, [...(multiQuery.get(name) ?? []), value]);
  const last = (values: Map<string, string[]>) => Object.fromEntries([...values].map(([name, all]) => [name, all.at(-1)]));
  const hasQuery = url.searchParams.size > 0;
  const now = new Date();
  return {
    resource: route.path,
    path: called.path,
    httpMethod: route.method,
    headers: last(multiValueHeaders),
    multiValueHeaders: Object.fromEntries(multiValueHeaders),
    queryStringParameters: hasQuery ? last(multiQuery) : null,
    multiValueQueryStringParameters: hasQuery ? Object.fromEntries(multiQuery) : null,
    pathParameters: called.pathParameters,
    stageVariables: null,
    body: body.length > 0 ? body.toString('utf8') : null,
    isBase64Encoded: false,
    requestContext: {
      accountId: LOCAL_ACCOUNT_ID,
      apiId: LOCAL_API_ID,
      authorizer: claims ? { claims } : null,
      domainName: req.headers.host ?? '127.0.0.1',
      domainPrefix: 'local',
      httpMethod: route.method,
      identity: { ...caller, sourceIp: req.socket.remoteAddress ?? '127.0.0.1', userAgent: req.headers['user-agent'] ?? null },
      path: `/${stage}${called.path}`,
      protocol: `HTTP/${req.httpVersion}`,
      requestId,
      requestTime: now.toUTCString(),
      requestTimeEpoch: now.getTime(),
      resourceId: 'local',
      resourcePath: route.path,
      stage,
    } as unknown as APIGatewayProxyEvent['requestContext'],
  };
}

/**
 * The handler's result as API Gateway reads it, or undefined where API Gateway would answer 502:
 * the function failed or timed out, or its result is not `{statusCode: number, headers?, body?: string}`.
 */
function proxyResponse(outcome: InvocationResult): RenderedResponse | undefined {
  if (!outcome.ok) return undefined;
  const result = outcome.result as Record<string, unknown> | null;
  if (typeof result !== 'object' || result === null || !Number.isInteger(result.statusCode)) return undefined;
  if (result.body !== undefined && result.body !== null && typeof result.body !== 'string') return undefined;
  if (result.headers !== undefined && (typeof result.headers !== 'object' || result.headers === null)) return undefined;
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  for (const [name, value] of Object.entries((result.headers as Record<string, unknown>) ?? {})) headers[name] = String(value);
  for (const [name, values] of Object.entries((result.multiValueHeaders as Record<string, unknown[]>) ?? {}))
    headers[name] = values.map(String).join(', ');
  const body =
    typeof result.body === 'string'
      ? result.isBase64Encoded
        ? Buffer.from(result.body, 'base64').toString('utf8')
        : result.body
      : '';
  return { status: result.statusCode as number, headers, body };
}

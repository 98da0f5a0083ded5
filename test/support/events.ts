import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import type { AuthorizerV2, ProxyEventV2 } from '../../lambda/api/event';
import { patchConsole } from '../../local/gateway/lambda-console.cjs';

export interface EventOptions {
  readonly method?: string;
  readonly resource?: string;
  /** A value to JSON-encode, or a raw string sent as it is. */
  readonly body?: unknown;
  readonly rawBody?: string | null;
  readonly isBase64Encoded?: boolean;
  readonly claims?: Record<string, string>;
  readonly headers?: Record<string, string>;
  /** The path's `{parameters}`, as API Gateway fills them in from the matched resource. */
  readonly pathParameters?: Record<string, string>;
  readonly queryStringParameters?: Record<string, string>;
  /** What API Gateway writes into requestContext.identity after checking a SigV4 signature (AWS_IAM). */
  readonly identity?: Partial<APIGatewayProxyEvent['requestContext']['identity']>;
}

/** A Lambda proxy integration event (API Gateway REST, payload v1) as API Gateway sends it. */
export function apiEvent(options: EventOptions = {}): APIGatewayProxyEvent {
  const body = options.rawBody !== undefined ? options.rawBody : options.body === undefined ? null : JSON.stringify(options.body);
  const headers = { 'content-type': 'application/json', ...options.headers };
  return {
    resource: options.resource ?? '/sign-up',
    path: options.resource ?? '/sign-up',
    httpMethod: options.method ?? 'POST',
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: options.queryStringParameters ?? null,
    multiValueQueryStringParameters: options.queryStringParameters
      ? Object.fromEntries(Object.entries(options.queryStringParameters).map(([k, v]) => [k, [v]]))
      : null,
    pathParameters: options.pathParameters ?? null,
    stageVariables: null,
    body,
    isBase64Encoded: options.isBase64Encoded ?? false,
    requestContext: {
      requestId: 'req-1234',
      stage: 'dev',
      // The Cognito authorizer passes every claim of the id token, token_use among them.
      authorizer: options.claims ? { claims: { token_use: 'id', ...options.claims } } : null,
      identity: { sourceIp: '203.0.113.7', ...options.identity },
    } as unknown as APIGatewayProxyEvent['requestContext'],
  };
}

export interface EventV2Options extends Omit<EventOptions, 'claims' | 'identity' | 'resource'> {
  /** The route's path, as the route key names it: `/notes/{id}`. */
  readonly route?: string;
  /** The path called, `/notes/n-1`; the route's path by default. */
  readonly rawPath?: string;
  readonly rawQueryString?: string;
  /** The JWT authorizer's claims, as the function receives them (strings, lists as `[a b]`). */
  readonly claims?: NonNullable<AuthorizerV2['jwt']>['claims'];
  readonly scopes?: string[] | null;
  /** What the IAM authorizer writes for a signed request. */
  readonly iam?: AuthorizerV2['iam'];
}

/**
 * An HTTP API's Lambda proxy event, payload format 2.0, as API Gateway sends it: lower-case headers,
 * `routeKey`, `requestContext.http`, and the authorizer's verdict under `jwt` or `iam`.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
export function apiEventV2(options: EventV2Options = {}): ProxyEventV2 {
  const method = options.method ?? 'POST';
  const route = options.route ?? '/sign-up';
  const body =
    options.rawBody !== undefined ? options.rawBody : options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers = Object.fromEntries(
    Object.entries({ 'content-type': 'application/json', ...options.headers }).map(([k, v]) => [k.toLowerCase(), v]),
  );
  const authorizer: AuthorizerV2 | undefined = options.claims
    ? { jwt: { claims: options.claims, scopes: options.scopes ?? null } }
    : options.iam
      ? { iam: options.iam }
      : undefined;
  return {
    version: '2.0',
    routeKey: `${method} ${route}`,
    rawPath: `/dev${options.rawPath ?? route}`,
    rawQueryString: options.rawQueryString ?? '',
    headers,
    ...(options.queryStringParameters ? { queryStringParameters: options.queryStringParameters } : {}),
    ...(options.pathParameters ? { pathParameters: options.pathParameters } : {}),
    ...(body === undefined || body === null ? {} : { body }),
    isBase64Encoded: options.isBase64Encoded ?? false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'api-1',
      domainName: 'api-1.execute-api.eu-west-1.amazonaws.com',
      domainPrefix: 'api-1',
      http: { method, path: `/dev${options.rawPath ?? route}`, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'jest' },
      requestId: 'req-v2-1234',
      routeKey: `${method} ${route}`,
      stage: 'dev',
      time: '07/Dec/2026:17:00:00 +0000',
      timeEpoch: 1_796_662_800_000,
      ...(authorizer ? { authorizer } : {}),
    },
  };
}

export const lambdaContext = {
  awsRequestId: 'lambda-req-1',
  functionName: 'test-function',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:test-function',
  memoryLimitInMB: '256',
  logGroupName: '/aws/lambda/test-function',
  logStreamName: 'stream',
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 10_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
} as Context;

/**
 * Everything the handlers log while `run` runs, as Lambda's runtime writes it for the stack's
 * LoggingConfig (JSON format) at `applicationLogLevel`, with lambdaContext's request id.
 */
export async function captureLogs<T>(run: () => Promise<T>, applicationLogLevel = 'INFO'): Promise<{ result: T; logs: string }> {
  const lines: string[] = [];
  const silenced = { ...console };
  patchConsole(console, {
    env: { AWS_LAMBDA_LOG_FORMAT: 'JSON', AWS_LAMBDA_LOG_LEVEL: applicationLogLevel },
    requestId: () => lambdaContext.awsRequestId,
    write: (line) => lines.push(line),
  });
  // Anything written around `console` would reach CloudWatch too, unshaped: it is captured as well.
  const record = (chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  };
  const spies = [
    jest.spyOn(process.stdout, 'write').mockImplementation(record),
    jest.spyOn(process.stderr, 'write').mockImplementation(record),
  ];
  try {
    return { result: await run(), logs: lines.join('') };
  } finally {
    for (const spy of spies) spy.mockRestore();
    Object.assign(console, silenced);
  }
}

export function parse(response: { body: string }): any {
  return JSON.parse(response.body);
}

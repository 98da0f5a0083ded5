import type {
  APIGatewayEventRequestContextV2,
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2WithRequestContext,
  APIGatewayProxyResult,
} from 'aws-lambda';

/**
 * What an HTTP API's authorizers write into a payload format 2.0 event: the JWT authorizer its
 * claims and scopes, the IAM authorizer who signed. The claims reach the function as strings,
 * arrays written `[a b]` (unverified beyond the reports, so a raw value is read too).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html
 */
export interface AuthorizerV2 {
  readonly jwt?: {
    readonly claims: Readonly<Record<string, string | number | boolean | string[]>>;
    readonly scopes: readonly string[] | null;
  };
  readonly iam?: {
    readonly accessKey?: string;
    readonly accountId?: string;
    readonly callerId?: string;
    readonly userArn?: string;
    readonly userId?: string;
    /** For a caller signing with identity pool credentials: its identity, and the `amr` of its sign-in. */
    readonly cognitoIdentity?: {
      readonly amr: readonly string[];
      readonly identityId: string;
      readonly identityPoolId: string;
    } | null;
  };
}

/** An HTTP API's Lambda proxy event, payload format 2.0. */
export type ProxyEventV2 = APIGatewayProxyEventV2WithRequestContext<
  APIGatewayEventRequestContextV2 & { readonly authorizer?: AuthorizerV2 }
>;

/** What a handler receives: a REST API's event (payload 1.0) or an HTTP API's (2.0), one handler for both. */
export type ProxyEvent = APIGatewayProxyEvent | ProxyEventV2;

/**
 * What a handler answers. `{statusCode, headers, body}` is the proxy result of both formats: 2.0 reads
 * it as 1.0 does when `statusCode` is there (it guesses only for a result without one).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html#http-api-develop-integrations-lambda.response
 */
export type ProxyResult = APIGatewayProxyResult;

/** Whether the event is an HTTP API's payload format 2.0 (it says `version: "2.0"`; 1.0 has no version, or "1.0"). */
export function isV2(event: ProxyEvent): event is ProxyEventV2 {
  return (event as { version?: string }).version === '2.0';
}

/** The method and the route the gateway matched, for the request log: `GET` and `/secret` from either format. */
export function routeOf(event: ProxyEvent): { method: string; resource: string } {
  if (!isV2(event)) return { method: event.httpMethod, resource: event.resource };
  const [method, resource] = event.routeKey.split(' ');
  return { method: event.requestContext.http.method ?? method, resource: resource ?? event.routeKey };
}

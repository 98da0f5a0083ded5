import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer, HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { authorizationScopesOf, methodThrottleOf, type RouteSpec, type Throttle } from '../contract/routes';
import { constructId, corsMethodsOf, routeFunction } from './auth-rest-api';
import type { HandlerFunction } from './handler-function';

export interface AuthHttpApiProps {
  readonly stageName: string;
  readonly routes: readonly RouteSpec[];
  /** Access tokens carry `group/<name>` scopes (UserPoolTriggers): group rows' authorizers then require them. @default false */
  readonly groupScopes?: boolean;
  readonly userPool: cognito.IUserPool;
  /** The app client whose tokens the JWT authorizer accepts (its audience). */
  readonly userPoolClient: cognito.IUserPoolClient;
  readonly handlerEnvironment: Record<string, string>;
  readonly routeEnvironment?: Readonly<Record<string, Record<string, string>>>;
  readonly corsOrigins: readonly string[];
  readonly throttling: Throttle;
  readonly logRetention: logs.RetentionDays;
}

/**
 * The same routes on API Gateway's HTTP API (`-c api=http`, docs/http-api.md): one Lambda function
 * per route with a payload format 2.0 proxy integration, Cognito's JWT authorizer on the signed-in
 * routes, IAM on the signed ones. Unlike the REST API it cannot shape its own errors: a refused
 * token is `401 {"message":"Unauthorized"}`, an unknown route `404 {"message":"Not Found"}`.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-vs-rest.html
 */
export class AuthHttpApi extends Construct {
  readonly api: apigwv2.HttpApi;
  readonly stage: apigwv2.HttpStage;
  /** The stage's JSON access log (accessLogFormat below). */
  readonly accessLogs: logs.LogGroup;
  readonly functions: Record<string, HandlerFunction> = {};

  constructor(scope: Construct, id: string, props: AuthHttpApiProps) {
    super(scope, id);

    this.api = new apigwv2.HttpApi(this, 'HttpApi', {
      description: 'Email/password authentication backed by a Cognito user pool',
      // The named stage below is the only one: the API's URL then ends in the stage, as the REST API's does.
      createDefaultStage: false,
      // HTTP API answers preflights itself, before any route or authorizer, when the API has a
      // CORS configuration; with no origin allowed it has none, and a preflight is an unknown route.
      // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html
      corsPreflight:
        props.corsOrigins.length === 0
          ? undefined
          : {
              allowOrigins: [...props.corsOrigins],
              allowMethods: corsMethodsOf(props.routes).map((method) => apigwv2.CorsHttpMethod[method]),
              // The same headers as the REST API's preflight: a signed (SigV4) request sends the last two.
              allowHeaders: ['Content-Type', 'Authorization', 'X-Amz-Date', 'X-Amz-Security-Token'],
              maxAge: Duration.hours(1),
            },
    });

    const accessLogs = (this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    }));
    this.stage = new apigwv2.HttpStage(this, 'Stage', {
      httpApi: this.api,
      stageName: props.stageName,
      autoDeploy: true,
      throttle: { rateLimit: props.throttling.rateLimit, burstLimit: props.throttling.burstLimit },
      accessLogSettings: { destination: new apigwv2.LogGroupLogDestination(accessLogs), format: accessLogFormat() },
    });
    // Route throttles are the stage's RouteSettings, keyed by route key ("POST /sign-in"); HttpStage has no prop for them.
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigatewayv2-stage.html#cfn-apigatewayv2-stage-routesettings
    const routeSettings = routeThrottles(props.routes, props.throttling);
    if (Object.keys(routeSettings).length > 0) {
      (this.stage.node.defaultChild as apigwv2.CfnStage).routeSettings = routeSettings;
    }

    // A JWT authorizer: the pool as issuer, the app client as audience. It accepts the token bare or
    // after "Bearer ", and checks the signature, iss, aud (or client_id), exp, nbf, iat and the
    // route's scopes. https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html
    const jwtAuthorizer = new HttpUserPoolAuthorizer('Authorizer', props.userPool, {
      userPoolClients: [props.userPoolClient],
      identitySource: ['$request.header.Authorization'],
    });
    const iamAuthorizer = new HttpIamAuthorizer();

    for (const route of props.routes) {
      const handler = routeFunction(this, route, props);
      this.functions[route.handler] = handler;
      const [httpRoute] = this.api.addRoutes({
        path: route.path,
        methods: [apigwv2.HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${constructId(route.handler)}Integration`, handler.function, {
          payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_2_0,
        }),
        ...(route.authorization === 'id-token' ? { authorizer: jwtAuthorizer } : {}),
        // A JWT authorizer cannot tell an id token from an access token (the guide says so); the
        // scope can: only an access token carries one. The id-token rows are held to id tokens by
        // the handler instead (lambda/api/claims.ts reads token_use).
        ...(route.authorization === 'access-token'
          ? {
              authorizer: jwtAuthorizer,
              authorizationScopes: authorizationScopesOf(route, { groupScopes: props.groupScopes ?? false }),
            }
          : {}),
        ...(route.authorization === 'iam' ? { authorizer: iamAuthorizer } : {}),
      });
      if (route.authorization === 'public') {
        Validations.of(httpRoute).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${route.method} ${route.path} is public by design: it is how a caller without a token gets one, or needs none`,
        });
      }
    }
  }

  /** The stage's URL, ending in '/' like the REST API's `url`. */
  get url(): string {
    return `${this.stage.url}/`;
  }
}

/** The stage's RouteSettings for the routes with a throttle of their own, keyed by route key. */
function routeThrottles(routes: readonly RouteSpec[], stage: Throttle): Record<string, Record<string, number>> {
  return Object.fromEntries(
    routes.flatMap((route) => {
      if (!route.throttle) return [];
      const { rateLimit, burstLimit } = methodThrottleOf(route.throttle, stage);
      // RouteSettings is untyped JSON: CDK passes its keys through as written, so they are CloudFormation's own.
      return [[`${route.method} ${route.path}`, { ThrottlingRateLimit: rateLimit, ThrottlingBurstLimit: burstLimit }]];
    }),
  );
}

/**
 * One JSON line per request, like the REST API's: who, what, the outcome and the timings; never a
 * header or a body. HTTP API's own variables: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html
 */
function accessLogFormat(): AccessLogFormat {
  return AccessLogFormat.custom(
    JSON.stringify({
      requestId: '$context.requestId',
      ip: '$context.identity.sourceIp',
      requestTime: '$context.requestTime',
      httpMethod: '$context.httpMethod',
      routeKey: '$context.routeKey',
      status: '$context.status',
      responseLength: '$context.responseLength',
      responseLatency: '$context.responseLatency',
      integrationLatency: '$context.integrationLatency',
      errorType: '$context.error.responseType',
      authorizerError: '$context.authorizer.error',
      userSub: '$context.authorizer.claims.sub',
    }),
  );
}

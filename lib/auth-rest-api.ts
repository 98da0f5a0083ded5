import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { authorizationScopesOf, methodThrottleOf, type RouteSpec, type Throttle } from '../contract/routes';
import { ApiFirewall } from './api-firewall';
import { addGatewayResponses } from './gateway-responses';
import { HandlerFunction } from './handler-function';

export interface AuthRestApiProps {
  readonly stageName: string;
  readonly routes: readonly RouteSpec[];
  /** Access tokens carry `group/<name>` scopes (UserPoolTriggers): group rows' authorizers then require them. @default false */
  readonly groupScopes?: boolean;
  readonly userPool: cognito.IUserPool;
  /** Environment every handler gets (the app client id, the password policy, the CORS origins). */
  readonly handlerEnvironment: Record<string, string>;
  /** More environment for some handlers only, by handler name (the identity pool's id for `credentials`). */
  readonly routeEnvironment?: Readonly<Record<string, Record<string, string>>>;
  /** Browser origins allowed to call the API; none leaves out CORS altogether. */
  readonly corsOrigins: readonly string[];
  readonly throttling: Throttle;
  readonly logRetention: logs.RetentionDays;
  /** Create API Gateway's account-wide CloudWatch Logs role (see `apiGatewayAccountRole` in config.ts). */
  readonly accountRole: boolean;
  /** Put an AWS WAF web ACL on the stage (`waf` in config.ts, lib/api-firewall.ts). */
  readonly waf: boolean;
}

/** The REST API: one Lambda function per route, the Cognito authorizer on the signed-in routes only. */
export class AuthRestApi extends Construct {
  readonly api: apigateway.RestApi;
  readonly functions: Record<string, HandlerFunction> = {};
  /** The stage's access log: one JSON line per request (accessLogFormat). */
  readonly accessLogs: logs.LogGroup;

  constructor(scope: Construct, id: string, props: AuthRestApiProps) {
    super(scope, id);

    const accessLogs = (this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    }));
    this.api = new apigateway.RestApi(this, 'RestApi', {
      description: 'Email/password authentication backed by a Cognito user pool',
      endpointTypes: [apigateway.EndpointType.REGIONAL],
      // Execution logging needs the account's API Gateway CloudWatch role. It is one setting per
      // account and region (AWS::ApiGateway::Account), so it outlives this stack, and a deployer
      // whose account already has one leaves it out (-c apiGatewayAccountRole=false).
      // https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html
      cloudWatchRole: props.accountRole,
      ...(props.accountRole ? { cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN } : {}),
      deployOptions: {
        stageName: props.stageName,
        throttlingRateLimit: props.throttling.rateLimit,
        throttlingBurstLimit: props.throttling.burstLimit,
        methodOptions: methodThrottleOptions(props.routes, props.throttling),
        accessLogDestination: new apigateway.LogGroupLogDestination(accessLogs),
        accessLogFormat: accessLogFormat(),
        loggingLevel: apigateway.MethodLoggingLevel.ERROR,
        // Data tracing would log request bodies, passwords included.
        dataTraceEnabled: false,
        tracingEnabled: true,
      },
      // With no origin allowed there is no preflight to answer (CDK refuses an empty allowOrigins:
      // "allowOrigins must contain at least one origin"), so no OPTIONS methods: a preflight then
      // gets the unknown-route 404, without Access-Control-Allow-Origin, and the browser stops there.
      defaultCorsPreflightOptions:
        props.corsOrigins.length === 0
          ? undefined
          : {
              allowOrigins: [...props.corsOrigins],
              allowMethods: corsMethodsOf(props.routes),
              // A page that signs its requests (SigV4) sends X-Amz-Date and X-Amz-Security-Token
              // beside Authorization; without them in the preflight's answer the browser stops there.
              allowHeaders: ['Content-Type', 'Authorization', 'X-Amz-Date', 'X-Amz-Security-Token'],
              maxAge: Duration.hours(1),
            },
    });
    // The stack's ApiUrl output is the one clients read; RestApi's own "Endpoint" output would
    // say the same under a generated name.
    this.api.node.tryRemoveChild('Endpoint');
    addGatewayResponses(this.api, props.corsOrigins, {
      signedRoutes: props.routes.some((r) => r.authorization === 'iam'),
      firewall: props.waf,
    });
    acknowledgeAccountRole(this.api);
    if (props.waf) {
      new ApiFirewall(this, 'Firewall', {
        stage: this.api.deploymentStage,
        routes: props.routes,
        name: Stack.of(this).stackName,
      });
    } else {
      Validations.of(this.api.deploymentStage).acknowledge({
        id: 'AwsSolutions-APIG3',
        reason:
          'A WAF web ACL is billed per ACL, rule and request; the stage and its methods throttle, and Cognito rate-limits on its own. -c waf=true adds one (SECURITY.md)',
      });
    }

    // API Gateway reads the identity source header and accepts the token bare or after "Bearer ".
    const authorizer = new apigateway.CognitoUserPoolsAuthorizer(this, 'Authorizer', {
      cognitoUserPools: [props.userPool],
      identitySource: apigateway.IdentitySource.header('Authorization'),
      // No result cache: the docs do not promise that a cached verdict ends with the token's expiry,
      // and a Cognito authorizer costs no invocation to re-run.
      resultsCacheTtl: Duration.seconds(0),
    });
    acknowledgeNoRequestValidator(this.api);

    for (const route of props.routes) {
      const handler = routeFunction(this, route, props);
      this.functions[route.handler] = handler;
      const resource = this.api.root.resourceForPath(route.path);
      // No test-invoke permission: CDK's default adds a second AWS::Lambda::Permission per method, for
      // the console's "Test" button only, and a stack may hold 500 resources
      // (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html);
      // with every option on, the two permissions put this stack over it. The stage still invokes
      // the function (https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_apigateway.LambdaIntegrationOptions.html).
      const integration = new apigateway.LambdaIntegration(handler.function, { allowTestInvoke: false });
      const method = resource.addMethod(route.method, integration, {
        ...(route.authorization === 'id-token' || route.authorization === 'access-token'
          ? { authorizer, authorizationType: apigateway.AuthorizationType.COGNITO }
          : {}),
        // With scopes, the authorizer wants an access token carrying one of them and refuses an id token;
        // a group row's scope is the group's where tokens carry it (contract/routes.ts authorizationScopesOf).
        // https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-enable-cognito-user-pool.html
        ...(route.authorization === 'access-token'
          ? { authorizationScopes: authorizationScopesOf(route, { groupScopes: props.groupScopes ?? false }) }
          : {}),
        ...(route.authorization === 'iam' ? { authorizationType: apigateway.AuthorizationType.IAM } : {}),
      });
      if (route.authorization === 'iam') {
        Validations.of(method).acknowledge({
          id: 'AwsSolutions-COG4',
          reason: `${route.method} ${route.path} is authorized by IAM (SigV4): its callers sign with the credentials the identity pool issues for an id token of the user pool`,
        });
      }
      if (route.authorization === 'public') {
        Validations.of(method).acknowledge(
          {
            id: 'AwsSolutions-APIG4',
            reason: `${route.method} ${route.path} is public by design: it is how a caller without a token gets one, or needs none`,
          },
          {
            id: 'AwsSolutions-COG4',
            reason: `${route.method} ${route.path} is public by design: a Cognito authorizer would need the token this route exists to issue`,
          },
        );
      }
    }

    // Every preflight answer, on the routes' resources and their parents (/mfa) alike.
    for (const preflight of this.api.methods.filter((m) => m.httpMethod === 'OPTIONS')) {
      noStore(preflight.node.defaultChild as apigateway.CfnMethod);
    }

    // Every resource answers CORS preflights with a mock integration; a preflight never carries
    // credentials (Fetch standard, CORS-preflight request), so it cannot be authorized.
    for (const resource of [this.api.root, ...props.routes.map((r) => this.api.root.resourceForPath(r.path))]) {
      const preflight = resource.node.tryFindChild('OPTIONS');
      if (preflight) {
        Validations.of(preflight).acknowledge(
          { id: 'AwsSolutions-APIG4', reason: 'CORS preflight: browsers send it without credentials' },
          { id: 'AwsSolutions-COG4', reason: 'CORS preflight: browsers send it without credentials' },
        );
      }
    }
  }
}

/**
 * A preflight answer says `Cache-Control: no-store` like every other answer (SECURITY.md). CorsOptions
 * has no field for a header beyond the CORS ones, so the mock integration's response and the method
 * response that declares its headers get one more each (the dots of the parameter name escaped:
 * an override path splits on unescaped dots).
 * https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_apigateway.CorsOptions.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-cors.html
 */
function noStore(preflight: apigateway.CfnMethod): void {
  const header = 'method\\.response\\.header\\.Cache-Control';
  preflight.addPropertyOverride(`Integration.IntegrationResponses.0.ResponseParameters.${header}`, "'no-store'");
  preflight.addPropertyOverride(`MethodResponses.0.ResponseParameters.${header}`, true);
}

/**
 * The stage's method settings for the routes with a throttle of their own (`methodThrottles`), keyed
 * `/path/METHOD` (StageOptions.methodOptions). A method's entry is a MethodSetting of its own beside
 * the stage's `/*` one, so it repeats the stage's logging choices (execution errors only, no data
 * trace) rather than leave them to API Gateway's defaults.
 */
function methodThrottleOptions(
  routes: readonly RouteSpec[],
  stage: Throttle,
): Record<string, apigateway.MethodDeploymentOptions> {
  return Object.fromEntries(
    routes.flatMap((route) => {
      if (!route.throttle) return [];
      const { rateLimit, burstLimit } = methodThrottleOf(route.throttle, stage);
      const options: apigateway.MethodDeploymentOptions = {
        throttlingRateLimit: rateLimit,
        throttlingBurstLimit: burstLimit,
        loggingLevel: apigateway.MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
      };
      return [[`${route.path}/${route.method}`, options]];
    }),
  );
}

/** One JSON line per request: who, what, the outcome and the timings; never a header or a body. */
function accessLogFormat(): apigateway.AccessLogFormat {
  const f = apigateway.AccessLogField;
  return apigateway.AccessLogFormat.custom(
    JSON.stringify({
      requestId: f.contextRequestId(),
      ip: f.contextIdentitySourceIp(),
      requestTime: f.contextRequestTime(),
      httpMethod: f.contextHttpMethod(),
      resourcePath: f.contextResourcePath(),
      status: f.contextStatus(),
      responseLength: f.contextResponseLength(),
      responseLatency: f.contextResponseLatency(),
      integrationLatency: f.contextIntegrationLatency(),
      errorType: f.contextErrorResponseType(),
      userSub: f.contextAuthorizerClaims('sub'),
    }),
  );
}

function acknowledgeAccountRole(api: apigateway.RestApi): void {
  const role = api.node.tryFindChild('CloudWatchRole');
  if (!role) return;
  Validations.of(role).acknowledge({
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
    reason:
      "API Gateway's account-wide logging role: this AWS-managed policy is the one the API Gateway Developer Guide prescribes for it",
  });
}

/**
 * The handlers validate every body alone (`lambda/api/requests.ts`), and name the field at fault.
 * A request model would answer first, with API Gateway's validation text or without the field: a
 * gateway response template is plain substitution, not VTL, so that text cannot be escaped for JSON
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-gateway-responses.responseTemplates.html),
 * and by the reports we found it quotes the value sent, a password included (not verified on AWS).
 */
function acknowledgeNoRequestValidator(api: apigateway.RestApi): void {
  Validations.of(api).acknowledge({
    id: 'AwsSolutions-APIG2',
    reason:
      "Each handler validates its body with the route's zod schema and names the field at fault. " +
      "A request model's 400 could not name the field without passing on API Gateway's unescaped validation text",
  });
}

/** 'sign-up' → 'SignUp': readable logical ids in the template. */
/**
 * A route's function, as both API flavors build it: the handler's environment, and for a row that
 * names Cognito operations (the admin API's), exactly those on this pool alone, with its id. Local
 * mode holds the function to the same policy (docs/admin.md).
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncognitouserpools.html
 */
export function routeFunction(
  scope: Construct,
  route: RouteSpec,
  props: Pick<AuthRestApiProps, 'handlerEnvironment' | 'routeEnvironment' | 'userPool' | 'logRetention'>,
): HandlerFunction {
  const cognitoActions = route.cognitoActions ?? [];
  const handler = new HandlerFunction(scope, constructId(route.handler), {
    handler: route.handler,
    environment: {
      ...props.handlerEnvironment,
      ...props.routeEnvironment?.[route.handler],
      ...(cognitoActions.length > 0 ? { USER_POOL_ID: props.userPool.userPoolId } : {}),
    },
    logRetention: props.logRetention,
  });
  if (cognitoActions.length > 0) {
    handler.function.addToRolePolicy(
      new iam.PolicyStatement({
        actions: cognitoActions.map((action) => `cognito-idp:${action}`),
        resources: [props.userPool.userPoolArn],
      }),
    );
  }
  return handler;
}

export function constructId(handler: string): string {
  return handler.replace(/(^|-)(\w)/g, (_, _dash, c: string) => c.toUpperCase());
}

/**
 * The methods a CORS preflight allows: every method the routes use, in one fixed order, and
 * OPTIONS. Derived from the rows, so that a route with a new method is never refused by the browser
 * in one flavor (an HTTP API's preflight once left out PUT, which the page's admin panel sends).
 */
export function corsMethodsOf(routes: readonly RouteSpec[]): Array<RouteSpec['method'] | 'OPTIONS'> {
  const methods: readonly RouteSpec['method'][] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
  return [...methods.filter((method) => routes.some((route) => route.method === method)), 'OPTIONS'];
}

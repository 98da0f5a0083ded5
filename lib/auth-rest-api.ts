import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { addGatewayResponses } from './gateway-responses';
import { HandlerFunction } from './handler-function';
import type { RouteSpec } from './routes';

export interface AuthRestApiProps {
  readonly stageName: string;
  readonly routes: readonly RouteSpec[];
  readonly userPool: cognito.IUserPool;
  /** Environment every handler gets (the app client id, the password policy). */
  readonly handlerEnvironment: Record<string, string>;
}

/** The REST API: one Lambda function per route, the Cognito authorizer on the signed-in routes only. */
export class AuthRestApi extends Construct {
  readonly api: apigateway.RestApi;
  readonly functions: Record<string, HandlerFunction> = {};

  constructor(scope: Construct, id: string, props: AuthRestApiProps) {
    super(scope, id);

    this.api = new apigateway.RestApi(this, 'RestApi', {
      description: 'Email/password authentication backed by a Cognito user pool',
      endpointTypes: [apigateway.EndpointType.REGIONAL],
      deployOptions: { stageName: props.stageName },
    });
    // The stack's ApiUrl output is the one clients read; RestApi's own "Endpoint" output would
    // say the same under a generated name.
    this.api.node.tryRemoveChild('Endpoint');
    addGatewayResponses(this.api);

    // API Gateway reads the identity source header and accepts the id token bare or after "Bearer ".
    const authorizer = new apigateway.CognitoUserPoolsAuthorizer(this, 'Authorizer', {
      cognitoUserPools: [props.userPool],
      identitySource: apigateway.IdentitySource.header('Authorization'),
    });

    for (const route of props.routes) {
      const fn = new HandlerFunction(this, functionId(route.handler), {
        handler: route.handler,
        environment: props.handlerEnvironment,
      });
      this.functions[route.handler] = fn;
      this.api.root.resourceForPath(route.path).addMethod(
        route.method,
        new apigateway.LambdaIntegration(fn),
        route.signedIn ? { authorizer, authorizationType: apigateway.AuthorizationType.COGNITO } : {},
      );
    }
  }
}

/** 'sign-up' → 'SignUpFunction': readable logical ids in the template. */
function functionId(handler: string): string {
  return handler.replace(/(^|-)(\w)/g, (_, _dash, c: string) => c.toUpperCase()) + 'Function';
}

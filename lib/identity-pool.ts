import type * as cognito from 'aws-cdk-lib/aws-cognito';
import { IdentityPool, UserPoolAuthenticationProvider } from 'aws-cdk-lib/aws-cognito-identitypool';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/** A REST API or an HTTP API: what names one of its methods in an execute-api ARN. */
interface ExecuteApi {
  arnForExecuteApi(method?: string, path?: string, stage?: string): string;
}

export interface AuthIdentityPoolProps {
  readonly userPool: cognito.IUserPool;
  /** The one app client whose id tokens the pool accepts. */
  readonly client: cognito.IUserPoolClient;
}

/**
 * A Cognito identity pool that exchanges an id token of the user pool's app client for temporary
 * AWS credentials of one "authenticated" role, which may call the API's IAM-authorized routes and
 * nothing else (`allowInvoke`).
 */
export class AuthIdentityPool extends Construct {
  readonly identityPool: IdentityPool;

  constructor(scope: Construct, id: string, props: AuthIdentityPoolProps) {
    super(scope, id);

    this.identityPool = new IdentityPool(this, 'IdentityPool', {
      // Guests get nothing: every identity is a signed-in user of the pool.
      allowUnauthenticatedIdentities: false,
      // The basic (classic) flow hands the client an OpenID token to take to STS itself, with any
      // role the trust policy lets it name; the enhanced flow alone gets credentials for the role
      // the pool assigns. https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flow.html
      allowClassicFlow: false,
      authenticationProviders: {
        userPools: [
          // disableServerSideTokenCheck defaults to false: Cognito asks the user pool whether the
          // user was signed out globally or disabled before it hands out credentials.
          new UserPoolAuthenticationProvider({ userPool: props.userPool, userPoolClient: props.client }),
        ],
      },
    });
    // The construct's default roles trust cognito-identity.amazonaws.com only for this pool
    // (`cognito-identity.amazonaws.com:aud`) and only for the matching `amr` (authenticated or
    // unauthenticated), the conditions the Cognito Developer Guide prescribes:
    // https://docs.aws.amazon.com/cognito/latest/developerguide/role-trust-and-permissions.html
    // It always creates the unauthenticated role too; with guests refused no identity can assume
    // it, and it is given no permission.
  }

  /**
   * Lets the authenticated role invoke exactly this method of this API's stage: the ARN of the
   * method (arn:aws:execute-api:<region>:<account>:<apiId>/<stage>/<METHOD>/<path>), no wildcard. A
   * REST API and an HTTP API name a route alike
   * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-access-control-iam.html).
   */
  allowInvoke(api: ExecuteApi, stageName: string, method: string, path: string): void {
    this.identityPool.authenticatedRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['execute-api:Invoke'],
        // The stage by its name, not a reference to the Stage resource: the ARN then reads as written.
        resources: [api.arnForExecuteApi(method, path, stageName)],
      }),
    );
  }
}

import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { isDeployed, type RouteSpec, routes } from '../contract/routes';
import { AuthHttpApi } from './auth-http-api';
import { AuthRestApi } from './auth-rest-api';
import type { AuthApiConfig } from './config';
import { AuthIdentityPool } from './identity-pool';
import { AuthUserPool } from './user-pool';
import { WebSite } from './web-site';

export interface AuthApiStackProps extends StackProps {
  readonly config: AuthApiConfig;
}

/** The whole service: a user pool, its app client, and the REST API that fronts them. */
export class AuthApiStack extends Stack {
  readonly users: AuthUserPool;
  /** The REST API, or with `-c api=http` the HTTP API (lib/auth-http-api.ts), built from the same route table. */
  readonly api: AuthRestApi | AuthHttpApi;

  constructor(scope: Construct, id: string, props: AuthApiStackProps) {
    super(scope, id, props);
    const { config } = props;

    const users = (this.users = new AuthUserPool(this, 'Users', {
      passwordMinLength: config.passwordMinLength,
      tokenValidity: Duration.minutes(config.tokenValidityMinutes),
      refreshTokenValidity: Duration.days(config.refreshTokenValidityDays),
      deletionProtection: config.stage === 'prod',
      threatProtection: config.threatProtection,
      mfa: config.mfa,
      refreshTokenRotationGracePeriod: config.refreshTokenRotation
        ? Duration.seconds(config.refreshTokenGracePeriodSeconds)
        : undefined,
    }));

    // Opt-in (-c site=true): the demo page on CloudFront, whose origin the API then allows too.
    const site = config.site ? new WebSite(this, 'Site', { logRetention: config.logRetentionDays }) : undefined;
    // '*' already allows the site, and CDK refuses '*' beside a named origin.
    const corsOrigins = site && !config.corsOrigins.includes('*') ? [...config.corsOrigins, site.origin] : config.corsOrigins;

    // On by default (-c identityPool=false leaves it out, and with it the routes that need it).
    const identity = config.identityPool
      ? new AuthIdentityPool(this, 'Identity', { userPool: users.userPool, client: users.client })
      : undefined;
    const identityEnvironment = identity && {
      USER_POOL_ID: users.userPool.userPoolId,
      IDENTITY_POOL_ID: identity.identityPool.identityPoolId,
    };

    const deployedRoutes = (routes as readonly RouteSpec[]).filter((route) => isDeployed(route, config));
    // The issuer an authenticator app shows beside the user's email: the API and its stage, so that
    // a person with accounts on two stages can tell their codes apart. It is also the label's
    // prefix in the otpauth:// URI, where a colon would end it; no stage name has one.
    const totpIssuer = { TOTP_ISSUER: `cognito-auth-api (${config.stage})` };
    const apiProps = {
      stageName: config.stage,
      routes: deployedRoutes,
      userPool: users.userPool,
      handlerEnvironment: {
        USER_POOL_CLIENT_ID: users.client.userPoolClientId,
        PASSWORD_MIN_LENGTH: String(config.passwordMinLength),
        // Left out when no origin is allowed: lambda/api/cors.ts reads its absence as none.
        // A JSON array, so an origin never has to be split out of a string again; toJsonString
        // keeps the site's origin, a deploy-time value, inside it.
        ...(corsOrigins.length > 0 ? { CORS_ALLOWED_ORIGINS: this.toJsonString(corsOrigins) } : {}),
      },
      routeEnvironment: {
        // POST /credentials names the user pool and the identity pool to Cognito Identity; GET
        // /private reads the user's sub from the entry of this user pool.
        ...(identityEnvironment && {
          credentials: identityEnvironment,
          private: { USER_POOL_ID: identityEnvironment.USER_POOL_ID },
        }),
        // The two routes that hand out a TOTP key name its issuer; DELETE /mfa/totp refuses when
        // the deployment requires a factor, which Cognito would not (SECURITY.md).
        'mfa-totp': totpIssuer,
        'sign-in-totp-setup': totpIssuer,
        'mfa-totp-delete': { MFA_MODE: config.mfa },
      },
      corsOrigins,
      throttling: { rateLimit: config.throttlingRateLimit, burstLimit: config.throttlingBurstLimit },
      logRetention: config.logRetentionDays,
    };
    const api = (this.api =
      config.api === 'http'
        ? new AuthHttpApi(this, 'Api', { ...apiProps, userPoolClient: users.client })
        : new AuthRestApi(this, 'Api', { ...apiProps, accountRole: config.apiGatewayAccountRole, waf: config.waf }));

    const apiUrl = api instanceof AuthHttpApi ? api.url : api.api.url;
    new CfnOutput(this, 'ApiUrl', {
      value: apiUrl,
      description: `Base URL of the ${config.api.toUpperCase()} API, ending in the stage`,
    });
    new CfnOutput(this, 'ApiFlavor', {
      value: config.api,
      description: 'rest: API Gateway REST API; http: HTTP API (-c api=http)',
    });
    new CfnOutput(this, 'UserPoolId', { value: users.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: users.client.userPoolClientId });
    new CfnOutput(this, 'Region', { value: this.region });
    if (identity) {
      for (const route of deployedRoutes)
        if (route.authorization === 'iam') identity.allowInvoke(api.api, config.stage, route.method, route.path);
      new CfnOutput(this, 'IdentityPoolId', {
        value: identity.identityPool.identityPoolId,
        description: 'The identity pool that exchanges an id token for AWS credentials (-c identityPool=false leaves it out)',
      });
    }
    // lib/config.ts refuses site=true beside api=http (incompatibleSettings).
    if (site && api instanceof AuthRestApi) {
      site.publish(api.api, config.mfa, deployedRoutes);
      new CfnOutput(this, 'SiteUrl', { value: `${site.origin}/`, description: 'The demo page (-c site=true)' });
    }
  }
}

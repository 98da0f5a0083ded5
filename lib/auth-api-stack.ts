import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import type { Construct } from 'constructs';
import { isDeployed, type RouteSpec, routes } from '../contract/routes';
import { ApiDomain, certificateRegion, isConcrete } from './api-domain';
import { AuthHttpApi } from './auth-http-api';
import { AuthRestApi } from './auth-rest-api';
import { type AuthApiConfig, InvalidContextError } from './config';
import { codeMessage } from './email-messages';
import { AuthIdentityPool } from './identity-pool';
import { Monitoring } from './monitoring';
import { AuthUserPool } from './user-pool';
import { UserPoolTriggers } from './user-pool-triggers';
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
    // Who speaks in the emails and the authenticator app: the API and its stage, so that a person
    // with accounts on two stages can tell them apart.
    const brand = `cognito-auth-api (${config.stage})`;

    const users = (this.users = new AuthUserPool(this, 'Users', {
      passwordMinLength: config.passwordMinLength,
      tokenValidity: Duration.minutes(config.tokenValidityMinutes),
      refreshTokenValidity: Duration.days(config.refreshTokenValidityDays),
      deletionProtection: config.stage === 'prod',
      threatProtection: config.threatProtection,
      mfa: config.mfa,
      groups: config.groups,
      refreshTokenRotationGracePeriod: config.refreshTokenRotation
        ? Duration.seconds(config.refreshTokenGracePeriodSeconds)
        : undefined,
      codeMessage: codeMessage(brand),
      ses: config.emailFrom
        ? {
            from: config.emailFrom,
            fromName: config.emailFromName,
            replyTo: config.replyTo,
            region: config.sesRegion,
            configurationSet: config.sesConfigurationSet,
          }
        : undefined,
      passwordless: config.passwordless,
      passkeyRelyingPartyId: config.passkeyRelyingPartyId,
    }));

    // Each off unless its setting is given (docs/triggers.md).
    const triggers = new UserPoolTriggers(this, 'Triggers', {
      userPool: users.userPool,
      allowedEmailDomains: config.allowedEmailDomains,
      defaultGroup: config.defaultGroup,
      rolesClaim: config.rolesClaim,
      featurePlan: users.featurePlan,
      logRetention: config.logRetentionDays,
    });

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
    // The issuer an authenticator app shows beside the user's email. It is also the label's
    // prefix in the otpauth:// URI, where a colon would end it; no stage name has one.
    const totpIssuer = { TOTP_ISSUER: brand };
    const apiProps = {
      stageName: config.stage,
      routes: deployedRoutes,
      groupScopes: triggers.groupScopes,
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
    // Both flavors: the REST API itself, or the HTTP API's stage (its metrics and API mapping are the stage's).
    const gateway = api instanceof AuthHttpApi ? api.stage : api.api;
    if (config.domainName && config.certificateArn)
      this.addDomain(gateway, config.domainName, config.certificateArn, config.hostedZoneId);
    if (config.alarmEmail || config.alarmTopicArn) {
      const monitoring = new Monitoring(this, 'Monitoring', {
        api: gateway,
        accessLogs: api.accessLogs,
        functions: Object.fromEntries(Object.entries(api.functions).map(([name, handler]) => [name, handler.function])),
        userPool: users.userPool,
        client: users.client,
        alarmEmail: config.alarmEmail,
        alarmTopicArn: config.alarmTopicArn,
      });
      new CfnOutput(this, 'DashboardName', {
        value: monitoring.dashboard.dashboardName,
        description: 'The CloudWatch dashboard of the API, per route (-c alarmEmail or -c alarmTopicArn)',
      });
    }
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
    if (site) {
      site.publish(gateway, config.mfa, deployedRoutes, config.passwordless);
      new CfnOutput(this, 'SiteUrl', { value: `${site.origin}/`, description: 'The demo page (-c site=true)' });
    }
  }

  /** The API on the deployer's own name (-c domainName, -c certificateArn, optional -c hostedZoneId). */
  private addDomain(
    api: apigateway.RestApi | apigwv2.HttpStage,
    domainName: string,
    certificateArn: string,
    hostedZoneId: string | undefined,
  ): void {
    // A Regional custom domain takes a certificate from its own Region; CloudFormation would only
    // say so at deploy (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-regional-api-custom-domain-create.html).
    if (isConcrete(this.region) && certificateRegion(certificateArn) !== this.region) {
      throw new InvalidContextError(
        `Context key certificateArn must be a certificate in the stack's Region, ${this.region} (received: ${JSON.stringify(certificateArn)})`,
      );
    }
    const domain = new ApiDomain(this, 'Domain', { api, domainName, certificateArn, hostedZoneId });
    new CfnOutput(this, 'CustomDomainUrl', {
      value: `https://${domainName}/`,
      description: 'The API on its custom domain (the stage at the root)',
    });
    if (!hostedZoneId) {
      new CfnOutput(this, 'CustomDomainTarget', {
        value: domain.target,
        description: `Point a CNAME record for ${domainName} at this name (-c hostedZoneId adds a Route 53 alias instead)`,
      });
    }
  }
}

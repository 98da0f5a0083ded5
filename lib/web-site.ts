import * as path from 'node:path';
import { DockerImage, Duration, Lazy, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
// cdk-nag's own spelling of a policy resource in a finding id, so an acknowledgement matches the
// finding for any account, region and bootstrap qualifier (the package has no `exports` map).
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import { Construct } from 'constructs';
import type { RouteSpec } from '../contract/routes';
import { writeWebPage } from '../web/bundle';
import { contentSecurityPolicy } from '../web/content-security-policy';
import type { MfaSetting, PageConfig, PasswordlessFactor } from '../web/page-config';
import { openApiDocument } from './openapi';

const webDir = path.join(__dirname, '..', 'web');

export interface WebSiteProps {
  /** Retention of the page deployment's log group, like every other log group of the stack. */
  readonly logRetention: logs.RetentionDays;
}

/**
 * The demo page (web/) on CloudFront: a private bucket that only the distribution may read
 * (origin access control), security headers on every answer, and the page published with a
 * config.json naming the API. Built in two steps because each side needs the other: the API's
 * CORS origins name the distribution (`origin`, known once this exists), and the page names the
 * API (`publish(api)`, once that exists).
 */
export class WebSite extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  /** `https://<distribution domain>`: the origin the API's CORS settings must allow. */
  readonly origin: string;
  private api?: apigateway.RestApi | apigwv2.HttpStage;
  private readonly logRetention: logs.RetentionDays;

  constructor(scope: Construct, id: string, props: WebSiteProps) {
    super(scope, id);
    this.logRetention = props.logRetention;

    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      // Build output, written again by every deploy: nothing in it outlives the stack.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });

    // CloudFront is global: a policy's or an origin access control's name is unique per account,
    // not per region, so the names carry the region as well as the stack (the stage).
    const stack = Stack.of(this);
    const globalName = (suffix: string) => `${stack.stackName}-${stack.region}-${suffix}`;
    const securityHeaders = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      responseHeadersPolicyName: globalName('headers'),
      comment: 'cognito-auth-api demo page: CSP naming only the API, no framing, no sniffing, no referrer',
      securityHeadersBehavior: {
        // The API is known once publish(api) has run; the policy is rendered after that.
        contentSecurityPolicy: {
          contentSecurityPolicy: Lazy.string({ produce: () => contentSecurityPolicy(this.apiOrigin()) }),
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
      },
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'cognito-auth-api demo page',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket, {
          originAccessControl: new cloudfront.S3OriginAccessControl(this, 'OriginAccessControl', {
            originAccessControlName: globalName('oac'),
          }),
        }),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        responseHeadersPolicy: securityHeaders,
      },
      // North America and Europe only: the cheapest class, for a page people try the API with.
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
    });
    this.origin = `https://${this.distribution.distributionDomainName}`;

    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        "The bucket holds the page's build output, public through CloudFront anyway; its only reader is the distribution (origin access control) and its only writer the deployment, so access logs would record nothing worth a second bucket",
    });
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'The page is static and as public as the API it calls; who may use the API is decided by the API (Cognito, throttling), not by where the page is fetched from',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'The distribution serves static files (the demo page and the API reference) and no request reaches code: a WAF web ACL (billed per ACL and request) protects nothing here. The API has its own throttling',
      },
      {
        id: 'AwsSolutions-CFR3',
        reason:
          "Static files only, no request carries user data; the API calls the page makes are logged by the API's access logs, which is where an investigation starts",
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          "The distribution uses CloudFront's default *.cloudfront.net certificate, whose minimum protocol CloudFront fixes (TLSv1); a minimum of TLSv1.2_2021 needs a custom domain and an ACM certificate, which the deployer adds with their domain",
      },
    );
  }

  /**
   * Uploads the page with a config.json naming `api` and its `mfa` setting (which /mfa routes it
   * has), and the API reference (reference.html) with an openapi.json of the `routes` deployed whose
   * server is `api`; then invalidates CloudFront's copy.
   */
  publish(
    api: apigateway.RestApi | apigwv2.HttpStage,
    mfa: MfaSetting,
    routes: readonly RouteSpec[],
    passwordless: readonly PasswordlessFactor[] = [],
  ): void {
    this.api = api;
    const deployment = new s3deploy.BucketDeployment(this, 'Page', {
      sources: [
        // Bundled on this machine by the same recipe local mode serves (web/bundle.ts): no Docker.
        // `image` is required by the type and used only if local bundling declines, which it never does.
        s3deploy.Source.asset(webDir, {
          bundling: {
            image: DockerImage.fromRegistry('scratch'),
            local: {
              tryBundle: (outputDir) => {
                writeWebPage(outputDir);
                return true;
              },
            },
          },
        }),
        // The API URL is a deploy-time value; BucketDeployment substitutes it when it writes the file.
        s3deploy.Source.jsonData('config.json', { apiUrl: baseUrl(api), mfa, passwordless } satisfies PageConfig),
        // The same document as docs/openapi.json, but of this deployment's routes, its server the
        // stage's URL without the final slash (an OpenAPI path is appended to it), filled in likewise.
        s3deploy.Source.jsonData(
          'openapi.json',
          openApiDocument(this.serverUrl(api), routes, api instanceof apigateway.RestApi ? 'rest' : 'http'),
        ),
      ],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      // Browsers revalidate every file (a 304 when unchanged), so a deploy never leaves them with
      // an index.html of one version and an app.js of another.
      cacheControl: [s3deploy.CacheControl.noCache()],
      // Without it, aws-cdk-lib gives the deployment's handler a log group of its own choosing
      // (731 days); retained on destroy like every log group here.
      logGroup: new logs.LogGroup(this, 'PageDeploymentLogs', {
        retention: this.logRetention,
        removalPolicy: RemovalPolicy.RETAIN,
      }),
    });
    acknowledgeDeploymentHandler(deployment, this.bucket, deployment.node.findChild('Asset1') as s3assets.Asset);
  }

  /**
   * The API's origin, for the CSP: scheme and host from the RestApi's id. Not `api.url`, which
   * names the stage, which depends on the CORS methods, which name this distribution: a cycle.
   * An HTTP API's CORS origins are a property of the API itself (AWS::ApiGatewayV2::Api
   * CorsConfiguration), so its id depends on this distribution: the CSP names every API Gateway
   * host of the stack's Region instead, a wider connect-src (docs/http-api.md says so).
   */
  private apiOrigin(): string {
    if (!this.api) throw new Error('WebSite.publish(api) was not called: the page would not know its API');
    const stack = Stack.of(this.api);
    const host = this.api instanceof apigateway.RestApi ? this.api.restApiId : '*';
    return `https://${host}.execute-api.${stack.region}.${stack.urlSuffix}`;
  }

  /** The OpenAPI document's server: the stage's URL without the final slash. */
  private serverUrl(api: apigateway.RestApi | apigwv2.HttpStage): string {
    return api instanceof apigateway.RestApi ? `${this.apiOrigin()}/${api.deploymentStage.stageName}` : api.url;
  }
}

/** The API's base URL, ending in '/' (the REST API's `url` does; an HTTP stage's does not). */
function baseUrl(api: apigateway.RestApi | apigwv2.HttpStage): string {
  return api instanceof apigateway.RestApi ? api.url : `${api.url}/`;
}

/**
 * BucketDeployment copies the asset into the bucket with one Lambda function per stack, a singleton
 * that aws-cdk-lib writes, grants and keeps up to date; its role is not ours to shape.
 */
function acknowledgeDeploymentHandler(deployment: s3deploy.BucketDeployment, bucket: s3.Bucket, page: s3assets.Asset): void {
  const handler = deployment.handlerRole.node.scope;
  if (!handler) return;
  const bucketId = Stack.of(bucket).getLogicalId(bucket.node.defaultChild as s3.CfnBucket);
  // The bootstrap asset bucket's ARN is spelled with the stack's account and region when they are
  // known (cdk synth with a profile) and with placeholders when not, and names the bootstrap
  // qualifier: take it from the asset itself rather than write one of its spellings.
  const assetObjects = flattenCfnReference(Stack.of(bucket).resolve(page.bucket.arnForObjects('*')));
  const grantedByBucketDeployment =
    'granted by BucketDeployment, which reads the CDK asset and writes the site bucket with the S3 action groups of grantRead/grantReadWrite';
  Validations.of(handler).acknowledge(
    {
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        "BucketDeployment's handler role, created by aws-cdk-lib with the AWS-managed basic execution policy for its own logs",
    },
    { id: 'AwsSolutions-IAM5[Action::s3:GetBucket*]', reason: grantedByBucketDeployment },
    { id: 'AwsSolutions-IAM5[Action::s3:GetObject*]', reason: grantedByBucketDeployment },
    { id: 'AwsSolutions-IAM5[Action::s3:List*]', reason: grantedByBucketDeployment },
    { id: 'AwsSolutions-IAM5[Action::s3:Abort*]', reason: grantedByBucketDeployment },
    { id: 'AwsSolutions-IAM5[Action::s3:DeleteObject*]', reason: grantedByBucketDeployment },
    {
      id: `AwsSolutions-IAM5[Resource::${assetObjects}]`,
      reason: 'The CDK bootstrap asset bucket, where the bundled page is uploaded under a content-hash key',
    },
    {
      id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/*]`,
      reason: "Every object of the site's own bucket: the deployment replaces the whole page and prunes old files",
    },
    {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'cloudfront:CreateInvalidation and GetInvalidation, which BucketDeployment grants on * to invalidate the distribution after an upload',
    },
    {
      id: 'AwsSolutions-L1',
      reason:
        'The runtime of BucketDeployment’s handler is chosen by aws-cdk-lib for the code it ships, and moves with aws-cdk-lib upgrades',
    },
  );
}

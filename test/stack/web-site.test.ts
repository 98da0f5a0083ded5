import { Match, type Template } from 'aws-cdk-lib/assertions';
import { synthTemplate } from '../support/synth';

type Resources = Record<string, { Type: string; Properties: Record<string, any> }>;

const withoutSite = synthTemplate();
const withSite = synthTemplate({ site: 'true' });
const resources = (t: Template) => t.toJSON().Resources as Resources;
const [distributionId] = Object.keys(withSite.findResources('AWS::CloudFront::Distribution'));
const [restApiId] = Object.keys(withSite.findResources('AWS::ApiGateway::RestApi'));
const siteDomain = { 'Fn::GetAtt': [distributionId, 'DomainName'] };

/** A stand-in for the distribution's domain name, which CloudFormation knows only once it is created. */
const SITE_ORIGIN = 'https://d111example.cloudfront.net';

/** The template as text with the site's domain filled in and every Fn::Join of plain strings joined. */
function filledIn(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(filledIn);
  if (value === null || typeof value !== 'object') return value;
  if (JSON.stringify(value) === JSON.stringify(siteDomain)) return new URL(SITE_ORIGIN).host;
  const object = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, filledIn(v)]));
  const join = object['Fn::Join'] as [string, unknown[]] | undefined;
  if (join?.[1].every((part) => typeof part === 'string')) return join[1].join(join[0]);
  return object;
}

/** Every mention of the site's origin taken out of the CORS lists: the handlers' variable and the preflight template. */
function withoutSiteOrigin(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(`,"${SITE_ORIGIN}"`, '').replace(` || $origin == "${SITE_ORIGIN}"`, '');
  if (Array.isArray(value)) return value.map(withoutSiteOrigin);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutSiteOrigin(v)]));
}

/** API Gateway deployments are named by a hash of the methods; the CORS origins are part of it. */
const unhashed = (t: unknown) =>
  JSON.parse(JSON.stringify(t).replace(/(ApiRestApiDeployment[0-9A-F]{8})[0-9a-f]{32}/g, '$1<hash>'));

describe('the demo site is opt-in (-c site=true)', () => {
  // With test/stack/snapshot.test.ts unchanged, this also says: without the flag the template is the one from before the site existed.
  test('without the flag the stack has no bucket, distribution or site output', () => {
    for (const type of [
      'AWS::S3::Bucket',
      'AWS::CloudFront::Distribution',
      'AWS::CloudFront::OriginAccessControl',
      'Custom::CDKBucketDeployment',
    ]) {
      withoutSite.resourceCountIs(type, 0);
    }
    expect(Object.keys(withoutSite.findOutputs('*'))).not.toContain('SiteUrl');
    expect(JSON.stringify(withoutSite.toJSON())).not.toMatch(/cloudfront/i);
  });

  test('the flag adds the site and the site origin in the CORS lists, and changes nothing else, resource for resource', () => {
    const before = unhashed(resources(withoutSite));
    const after = unhashed(withoutSiteOrigin(filledIn(resources(withSite))));
    const added = Object.keys(after).filter((id) => !(id in before));
    expect(Object.keys(before).filter((id) => !(id in after))).toEqual([]);
    expect(added.map((id) => after[id].Type).sort()).toEqual([
      'AWS::CloudFront::Distribution',
      'AWS::CloudFront::OriginAccessControl',
      'AWS::CloudFront::ResponseHeadersPolicy',
      'AWS::IAM::Policy', // BucketDeployment's handler
      'AWS::IAM::Role', // BucketDeployment's handler
      'AWS::IAM::Role', // the bucket's auto-delete provider
      'AWS::Lambda::Function', // BucketDeployment's handler
      'AWS::Lambda::Function', // the bucket's auto-delete provider
      'AWS::Lambda::LayerVersion', // the AWS CLI, for BucketDeployment
      'AWS::Logs::LogGroup', // BucketDeployment's handler
      'AWS::S3::Bucket',
      'AWS::S3::BucketPolicy',
      'Custom::CDKBucketDeployment',
      'Custom::S3AutoDeleteObjects',
    ]);
    for (const id of Object.keys(before)) expect({ id, resource: after[id] }).toEqual({ id, resource: before[id] });
  });

  test('with the flag, the stack outputs the page URL', () => {
    expect(withSite.findOutputs('SiteUrl').SiteUrl.Value).toEqual({ 'Fn::Join': ['', ['https://', siteDomain, '/']] });
  });
});

describe('the site bucket', () => {
  test('blocks all public access: only CloudFront reads it', () => {
    withSite.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
  });

  test('refuses every request not made over TLS (enforceSSL)', () => {
    withSite.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  test('lets the distribution read objects, and nothing else, through origin access control', () => {
    withSite.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Action: 's3:GetObject',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Condition: { StringEquals: { 'AWS:SourceArn': Match.anyValue() } },
          }),
        ]),
      },
    });
    withSite.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' },
    });
  });
});

describe('the distribution', () => {
  test('serves index.html over HTTPS only, from the bucket through its origin access control', () => {
    withSite.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https', AllowedMethods: ['GET', 'HEAD'] }),
        Origins: [
          Match.objectLike({
            OriginAccessControlId: { 'Fn::GetAtt': [Match.stringLikeRegexp('OriginAccessControl'), 'Id'] },
            S3OriginConfig: { OriginAccessIdentity: '' },
          }),
        ],
      }),
    });
  });

  test('sends a Content-Security-Policy that lets the page call its own origin and the API only', () => {
    const [policy] = Object.values(withSite.findResources('AWS::CloudFront::ResponseHeadersPolicy') as Resources);
    const headers = policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    const csp = filledIn(headers.ContentSecurityPolicy.ContentSecurityPolicy);
    expect(csp).toEqual({
      'Fn::Join': [
        '',
        [
          expect.stringContaining("connect-src 'self' https://"),
          { Ref: restApiId },
          '.execute-api.',
          { Ref: 'AWS::Region' },
          '.',
          { Ref: 'AWS::URLSuffix' },
          expect.any(String),
        ],
      ],
    });
    expect(JSON.stringify(csp)).toContain("default-src 'none'; script-src 'self'; style-src 'self'");
    expect(headers).toMatchObject({
      FrameOptions: { FrameOption: 'DENY' },
      ContentTypeOptions: { Override: true },
      ReferrerPolicy: { ReferrerPolicy: 'no-referrer' },
    });
  });
});

describe('the page deployment', () => {
  test('uploads the page, a config.json and an openapi.json whose API URL is filled in at deploy time, then invalidates the distribution', () => {
    const [deployment] = Object.values(withSite.findResources('Custom::CDKBucketDeployment') as Resources);
    expect(deployment.Properties.SourceObjectKeys).toHaveLength(3);
    // Source.jsonData: the API URL's tokens become markers the handler replaces when it writes config.json and openapi.json.
    for (const markers of deployment.Properties.SourceMarkers.slice(1)) {
      expect(Object.values(markers)).toEqual(
        expect.arrayContaining([{ Ref: restApiId }, { Ref: expect.stringMatching(/^ApiRestApiDeploymentStage/) }]),
      );
    }
    expect(deployment.Properties).toMatchObject({
      DistributionId: { Ref: distributionId },
      DistributionPaths: ['/*'],
      Prune: true,
      SystemMetadata: { 'cache-control': 'no-cache' },
    });
  });
});

describe("the API's CORS origins with the site", () => {
  test("every handler allows the site's origin as well as the configured ones", () => {
    for (const fn of Object.values(
      withSite.findResources('AWS::Lambda::Function', {
        Properties: { Environment: { Variables: { CORS_ALLOWED_ORIGINS: Match.anyValue() } } },
      }) as Resources,
    )) {
      expect(JSON.parse(filledIn(fn.Properties.Environment.Variables.CORS_ALLOWED_ORIGINS) as string)).toEqual([
        'http://127.0.0.1:5173',
        'http://localhost:5173',
        SITE_ORIGIN,
      ]);
    }
  });

  test("every CORS preflight answers the site's origin", () => {
    const preflights = Object.values(
      withSite.findResources('AWS::ApiGateway::Method', { Properties: { HttpMethod: 'OPTIONS' } }) as Resources,
    );
    expect(preflights.length).toBeGreaterThan(0);
    for (const preflight of preflights) {
      expect(JSON.stringify(filledIn(preflight.Properties.Integration.IntegrationResponses))).toContain(
        `$origin == \\"${SITE_ORIGIN}\\"`,
      );
    }
  });
});

describe('the site beside -c api=http', () => {
  const withHttpSite = synthTemplate({ api: 'http', site: 'true' });
  const [httpApiId] = Object.keys(withHttpSite.findResources('AWS::ApiGatewayV2::Api'));
  const [httpDistribution] = Object.keys(withHttpSite.findResources('AWS::CloudFront::Distribution'));

  test("the HTTP API's own CORS configuration allows the site's origin beside the configured ones", () => {
    withHttpSite.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: {
        AllowOrigins: [
          'http://127.0.0.1:5173',
          'http://localhost:5173',
          { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [httpDistribution, 'DomainName'] }]] },
        ],
      },
    });
  });

  test('the page is told the HTTP stage URL, and the reference its server, filled in at deploy time', () => {
    const [deployment] = Object.values(withHttpSite.findResources('Custom::CDKBucketDeployment') as Resources);
    for (const markers of deployment.Properties.SourceMarkers.slice(1))
      expect(Object.values(markers)).toContainEqual({ Ref: httpApiId });
    withHttpSite.hasOutput('SiteUrl', Match.anyValue());
  });

  test("the CSP names every API Gateway host of the Region: the HTTP API's id would be a cycle with its CORS origins", () => {
    const [policy] = Object.values(withHttpSite.findResources('AWS::CloudFront::ResponseHeadersPolicy') as Resources);
    const csp = JSON.stringify(policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy);
    expect(csp).toContain("connect-src 'self' https://*.execute-api.");
    expect(csp).not.toContain(httpApiId);
  });
});

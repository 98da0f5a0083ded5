import { Token } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as targets from 'aws-cdk-lib/aws-route53-targets';
import { Construct } from 'constructs';

export interface ApiDomainProps {
  /** The REST API, or with `-c api=http` the HTTP API's stage (lib/auth-http-api.ts). */
  readonly api: apigateway.RestApi | apigwv2.HttpStage;
  /** e.g. api.example.com */
  readonly domainName: string;
  /** An ACM certificate for domainName, in the stack's Region (a Regional endpoint's). */
  readonly certificateArn: string;
  /** The Route 53 hosted zone to add an alias record to; without one the deployer points a CNAME at `target`. @default none */
  readonly hostedZoneId?: string;
}

/**
 * The API on the deployer's own name: a Regional custom domain, like the API's endpoint, with the
 * stage mapped to the root, so `https://api.example.com/sign-up` is `<ApiUrl>/sign-up`.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-regional-api-custom-domain-create.html
 */
export class ApiDomain extends Construct {
  /** The name to point a CNAME (or an alias) at: the domain's Regional endpoint. */
  readonly target: string;

  constructor(scope: Construct, id: string, props: ApiDomainProps) {
    super(scope, id);
    const certificate = acm.Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn);
    const alias =
      props.api instanceof apigateway.RestApi
        ? restDomain(this, props.api, props.domainName, certificate)
        : httpDomain(this, props.api, props.domainName, certificate);
    this.target = alias.target;

    if (props.hostedZoneId) {
      new route53.ARecord(this, 'AliasRecord', {
        zone: route53.HostedZone.fromHostedZoneId(this, 'Zone', props.hostedZoneId),
        // Fully qualified (the trailing dot), so the zone's name, which an id alone does not give, is not needed.
        recordName: `${props.domainName}.`,
        target: route53.RecordTarget.fromAlias(alias.aliasTarget),
      });
    }
  }
}

interface DomainAlias {
  readonly target: string;
  readonly aliasTarget: route53.IAliasRecordTarget;
}

function restDomain(scope: Construct, api: apigateway.RestApi, domainName: string, certificate: acm.ICertificate): DomainAlias {
  const domain = new apigateway.DomainName(scope, 'DomainName', {
    domainName,
    certificate,
    endpointType: apigateway.EndpointType.REGIONAL,
    // "A TLS 1.2 security policy accepts TLS 1.2 and TLS 1.3 traffic and rejects TLS 1.0"
    // (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-custom-domain-tls-version.html).
    // A legacy policy: the enhanced ones (SecurityPolicy_TLS13_…) also need an endpoint access mode.
    securityPolicy: apigateway.SecurityPolicy.TLS_1_2,
  });
  // No base path: the stage answers at the domain's root.
  domain.addBasePathMapping(api, { stage: api.deploymentStage });
  return { target: domain.domainNameAliasDomainName, aliasTarget: new targets.ApiGatewayDomain(domain) };
}

/**
 * The HTTP API's: an API Gateway v2 domain name ("For HTTP APIs, TLS 1.2 is the only supported TLS
 * version", https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-custom-domain-names.html)
 * and an API mapping of the stage with an empty key, the root
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-mappings.html,
 * https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_apigatewayv2.DomainMappingOptions.html).
 */
function httpDomain(scope: Construct, stage: apigwv2.HttpStage, domainName: string, certificate: acm.ICertificate): DomainAlias {
  const domain = new apigwv2.DomainName(scope, 'DomainName', {
    domainName,
    certificate,
    endpointType: apigwv2.EndpointType.REGIONAL,
    securityPolicy: apigwv2.SecurityPolicy.TLS_1_2,
  });
  new apigwv2.ApiMapping(scope, 'Mapping', { api: stage.api, domainName: domain, stage });
  return {
    target: domain.regionalDomainName,
    // https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_route53_targets.ApiGatewayv2DomainProperties.html
    aliasTarget: new targets.ApiGatewayv2DomainProperties(domain.regionalDomainName, domain.regionalHostedZoneId),
  };
}

/** The Region of an ACM certificate ARN (`arn:aws:acm:<region>:<account>:certificate/<id>`). */
export function certificateRegion(certificateArn: string): string {
  return certificateArn.split(':')[3];
}

/** Whether a Region is known at synth (a concrete environment) rather than a deploy-time token. */
export const isConcrete = (region: string) => !Token.isUnresolved(region);

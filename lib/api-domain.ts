import { Token } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as targets from 'aws-cdk-lib/aws-route53-targets';
import { Construct } from 'constructs';

export interface ApiDomainProps {
  readonly api: apigateway.RestApi;
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
    const domain = new apigateway.DomainName(this, 'DomainName', {
      domainName: props.domainName,
      certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn),
      endpointType: apigateway.EndpointType.REGIONAL,
      // "A TLS 1.2 security policy accepts TLS 1.2 and TLS 1.3 traffic and rejects TLS 1.0"
      // (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-custom-domain-tls-version.html).
      // A legacy policy: the enhanced ones (SecurityPolicy_TLS13_…) also need an endpoint access mode.
      securityPolicy: apigateway.SecurityPolicy.TLS_1_2,
    });
    // No base path: the stage answers at the domain's root.
    domain.addBasePathMapping(props.api, { stage: props.api.deploymentStage });
    this.target = domain.domainNameAliasDomainName;

    if (props.hostedZoneId) {
      new route53.ARecord(this, 'AliasRecord', {
        zone: route53.HostedZone.fromHostedZoneId(this, 'Zone', props.hostedZoneId),
        // Fully qualified (the trailing dot), so the zone's name, which an id alone does not give, is not needed.
        recordName: `${props.domainName}.`,
        target: route53.RecordTarget.fromAlias(new targets.ApiGatewayDomain(domain)),
      });
    }
  }
}

/** The Region of an ACM certificate ARN (`arn:aws:acm:<region>:<account>:certificate/<id>`). */
export function certificateRegion(certificateArn: string): string {
  return certificateArn.split(':')[3];
}

/** Whether a Region is known at synth (a concrete environment) rather than a deploy-time token. */
export const isConcrete = (region: string) => !Token.isUnresolved(region);

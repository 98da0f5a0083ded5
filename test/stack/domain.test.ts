import { Match } from 'aws-cdk-lib/assertions';
import { synthTemplate } from '../support/synth';

const certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';
const cname = { domainName: 'api.example.com', certificateArn };
const route53 = { ...cname, hostedZoneId: 'Z0123456789ABCDEFGHIJ' };

describe('a custom domain for the API (-c domainName, -c certificateArn)', () => {
  test('without domainName there is none: no domain, mapping, record or custom-domain output', () => {
    const template = synthTemplate({});
    for (const type of ['AWS::ApiGateway::DomainName', 'AWS::ApiGateway::BasePathMapping', 'AWS::Route53::RecordSet'])
      template.resourceCountIs(type, 0);
    expect(Object.keys(template.findOutputs('CustomDomain*'))).toEqual([]);
  });

  test('a Regional domain with the certificate, TLS 1.2 or later', () => {
    synthTemplate(cname).hasResourceProperties('AWS::ApiGateway::DomainName', {
      DomainName: 'api.example.com',
      EndpointConfiguration: { Types: ['REGIONAL'] },
      RegionalCertificateArn: certificateArn,
      SecurityPolicy: 'TLS_1_2',
    });
  });

  test('the stage is mapped to the root: no base path', () => {
    const template = synthTemplate(cname);
    const [stage] = Object.keys(template.findResources('AWS::ApiGateway::Stage'));
    template.hasResourceProperties('AWS::ApiGateway::BasePathMapping', {
      BasePath: Match.absent(),
      Stage: { Ref: stage },
      RestApiId: { Ref: Match.stringLikeRegexp('^ApiRestApi') },
    });
  });

  test('outputs the custom URL, and without a hosted zone the name to point a CNAME at', () => {
    const template = synthTemplate(cname);
    template.hasOutput('CustomDomainUrl', { Value: 'https://api.example.com/' });
    const [domain] = Object.keys(template.findResources('AWS::ApiGateway::DomainName'));
    template.hasOutput('CustomDomainTarget', { Value: { 'Fn::GetAtt': [domain, 'RegionalDomainName'] } });
    template.resourceCountIs('AWS::Route53::RecordSet', 0);
  });

  test('with hostedZoneId, an alias A record in that zone instead of the CNAME output', () => {
    const template = synthTemplate(route53);
    const [domain] = Object.keys(template.findResources('AWS::ApiGateway::DomainName'));
    template.hasResourceProperties('AWS::Route53::RecordSet', {
      HostedZoneId: 'Z0123456789ABCDEFGHIJ',
      Name: 'api.example.com.',
      Type: 'A',
      AliasTarget: {
        DNSName: { 'Fn::GetAtt': [domain, 'RegionalDomainName'] },
        HostedZoneId: { 'Fn::GetAtt': [domain, 'RegionalHostedZoneId'] },
      },
    });
    expect(Object.keys(template.findOutputs('CustomDomainTarget'))).toEqual([]);
  });
});

describe('a custom domain beside -c api=http', () => {
  const cnameHttp = synthTemplate({ ...cname, api: 'http' });
  const route53Http = synthTemplate({ ...route53, api: 'http' });
  const [domain] = Object.keys(cnameHttp.findResources('AWS::ApiGatewayV2::DomainName'));

  test('an API Gateway v2 Regional domain with the certificate and TLS 1.2, and no REST domain', () => {
    cnameHttp.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: 'api.example.com',
      DomainNameConfigurations: [{ CertificateArn: certificateArn, EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2' }],
    });
    cnameHttp.resourceCountIs('AWS::ApiGateway::DomainName', 0);
  });

  test('the HTTP stage is mapped to the root (no mapping key), after the stage exists', () => {
    const [stage] = Object.keys(cnameHttp.findResources('AWS::ApiGatewayV2::Stage'));
    cnameHttp.hasResource('AWS::ApiGatewayV2::ApiMapping', {
      Properties: {
        ApiId: { Ref: Match.stringLikeRegexp('^ApiHttpApi') },
        DomainName: { Ref: domain },
        Stage: 'dev',
        ApiMappingKey: Match.absent(),
      },
      DependsOn: Match.arrayWith([stage]),
    });
  });

  test('the same outputs as the REST flavor: the custom URL, and the CNAME target without a zone', () => {
    cnameHttp.hasOutput('CustomDomainUrl', { Value: 'https://api.example.com/' });
    cnameHttp.hasOutput('CustomDomainTarget', { Value: { 'Fn::GetAtt': [domain, 'RegionalDomainName'] } });
    cnameHttp.resourceCountIs('AWS::Route53::RecordSet', 0);
  });

  test("with hostedZoneId, an alias A record to the v2 domain's Regional name and zone", () => {
    const [v2domain] = Object.keys(route53Http.findResources('AWS::ApiGatewayV2::DomainName'));
    route53Http.hasResourceProperties('AWS::Route53::RecordSet', {
      HostedZoneId: 'Z0123456789ABCDEFGHIJ',
      Name: 'api.example.com.',
      Type: 'A',
      AliasTarget: {
        DNSName: { 'Fn::GetAtt': [v2domain, 'RegionalDomainName'] },
        HostedZoneId: { 'Fn::GetAtt': [v2domain, 'RegionalHostedZoneId'] },
      },
    });
    expect(Object.keys(route53Http.findOutputs('CustomDomainTarget'))).toEqual([]);
  });
});

import { Match } from 'aws-cdk-lib/assertions';
import { isDeployed, methodThrottleOf, type RouteSpec, routes } from '../../contract/routes';
import { ACCESS_TOKEN_SCOPE } from '../../contract/scopes';
import { configFromContext } from '../../lib/config';
import { synthError, synthTemplate } from '../support/synth';

const template = synthTemplate({ api: 'http' });
const config = configFromContext({ api: 'http' });
const deployed = (routes as readonly RouteSpec[]).filter((route) => isDeployed(route, config));
type Resources = Record<string, { Properties: Record<string, any> }>;
const httpRoutes = () => Object.values(template.findResources('AWS::ApiGatewayV2::Route') as Resources).map((r) => r.Properties);

describe('-c api=http: the HTTP API from the same route table', () => {
  test('no REST API is left beside it', () => {
    expect(Object.keys(template.findResources('AWS::ApiGateway::RestApi'))).toEqual([]);
    expect(Object.keys(template.findResources('AWS::ApiGateway::Account'))).toEqual([]);
    template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
  });

  test('every deployed row is one route, with a payload format 2.0 Lambda proxy integration', () => {
    expect(
      httpRoutes()
        .map((r) => r.RouteKey)
        .sort(),
    ).toEqual(deployed.map((r) => `${r.method} ${r.path}`).sort());
    const integrations = Object.values(template.findResources('AWS::ApiGatewayV2::Integration') as Resources);
    expect(integrations).toHaveLength(deployed.length);
    for (const { Properties } of integrations)
      expect(Properties).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
  });

  test("each route's authorization is its row's: JWT, JWT with the access token's scope, IAM, or none", () => {
    const byKey = new Map(httpRoutes().map((r) => [r.RouteKey, r]));
    for (const row of deployed) {
      const route = byKey.get(`${row.method} ${row.path}`);
      const expected = {
        public: { AuthorizationType: 'NONE' },
        'id-token': { AuthorizationType: 'JWT' },
        'access-token': { AuthorizationType: 'JWT', AuthorizationScopes: [ACCESS_TOKEN_SCOPE] },
        iam: { AuthorizationType: 'AWS_IAM' },
      }[row.authorization];
      expect([row.path, route]).toEqual([row.path, expect.objectContaining(expected)]);
      if (row.authorization === 'id-token') expect([row.path, route?.AuthorizationScopes]).toEqual([row.path, undefined]);
    }
  });

  test('the JWT authorizer trusts the pool as issuer and the app client as audience, from Authorization', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: Match.stringLikeRegexp('^UsersUserPoolAppClient') }],
        Issuer: {
          'Fn::Join': [
            '',
            [
              'https://cognito-idp.',
              { Ref: 'AWS::Region' },
              '.amazonaws.com/',
              { Ref: Match.stringLikeRegexp('^UsersUserPool') },
            ],
          ],
        },
      },
    });
  });

  test('one named stage, throttled, with per-route throttles for the anonymous routes and JSON access logs', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Stage', 1);
    const [stage] = Object.values(template.findResources('AWS::ApiGatewayV2::Stage') as Resources).map((s) => s.Properties);
    expect(stage).toMatchObject({
      StageName: 'dev',
      AutoDeploy: true,
      DefaultRouteSettings: {
        ThrottlingRateLimit: config.throttlingRateLimit,
        ThrottlingBurstLimit: config.throttlingBurstLimit,
      },
    });
    const throttled = deployed.filter((r) => r.throttle);
    expect(throttled.length).toBeGreaterThan(0);
    const stageThrottle = { rateLimit: config.throttlingRateLimit, burstLimit: config.throttlingBurstLimit };
    expect(stage.RouteSettings).toEqual(
      Object.fromEntries(
        throttled.map((r) => {
          const { rateLimit, burstLimit } = methodThrottleOf('anonymous', stageThrottle);
          return [`${r.method} ${r.path}`, { ThrottlingRateLimit: rateLimit, ThrottlingBurstLimit: burstLimit }];
        }),
      ),
    );
    const format = JSON.parse(stage.AccessLogSettings.Format);
    expect(format).toMatchObject({ requestId: '$context.requestId', status: '$context.status', routeKey: '$context.routeKey' });
  });

  test('CORS is the HTTP API’s own preflight, from the corsOrigins setting; none without origins', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      // Every method a deployed row uses (the page's admin panel sends PUT), and OPTIONS.
      CorsConfiguration: {
        AllowOrigins: config.corsOrigins,
        AllowMethods: [
          ...['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => deployed.some((r) => r.method === m)),
          'OPTIONS',
        ],
      },
    });
    const bare = synthTemplate({ api: 'http', corsOrigins: '', identityPool: 'false' });
    bare.hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: Match.absent() });
  });

  test("the identity pool's role may invoke GET /private of this HTTP API's stage, and nothing else", () => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy') as Resources).filter((p) =>
      JSON.stringify(p).includes('execute-api:Invoke'),
    );
    const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement);
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatchObject({ Action: 'execute-api:Invoke', Effect: 'Allow' });
    const [, parts] = statements[0].Resource['Fn::Join'];
    // arn:<partition>:execute-api:<region>:<account>:<HTTP API id>/dev/GET/private, as the HTTP API guide writes a route's ARN.
    expect(parts.slice(-2)).toEqual([{ Ref: expect.stringMatching(/^ApiHttpApi/) }, '/dev/GET/private']);
    expect(parts[2]).toBe(':execute-api:');
  });

  test('the outputs say which flavor, and the URL ends in the stage', () => {
    template.hasOutput('ApiFlavor', { Value: 'http' });
    template.hasOutput('ApiUrl', { Value: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('/dev/$')])] } });
    synthTemplate().hasOutput('ApiFlavor', { Value: 'rest' });
  });
});

describe('settings the HTTP flavor refuses', () => {
  test('an unknown flavor names the values', () => {
    expect(synthError({ api: 'graphql' })).toMatch(/Context key api must be one of rest, http \(received: "graphql"\)/);
  });
  test('waf needs the REST API, and the synth says why with the doc', () => {
    expect(synthError({ api: 'http', waf: 'true' })).toMatch(
      /waf=true needs api=rest: AWS WAF cannot be associated with an HTTP API \(https:\/\/docs\.aws\.amazon\.com\/apigateway\/latest\/developerguide\/http-api-vs-rest\.html/,
    );
  });
});

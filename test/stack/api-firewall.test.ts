import { type RouteSpec, routes } from '../../contract/routes';
import { RATE_LIMIT_PER_IP } from '../../lib/api-firewall';
import { modelOf } from '../../local/stack-model';
import { synthTemplate } from '../support/synth';

// -c waf=true: a WAFv2 web ACL on the stage (lib/api-firewall.ts). Off by default.
type Resources = Record<string, { Properties: Record<string, any> }>;
// With passwordless sign-in too, so that every route of the table is deployed and the rate rule's pattern is held to each.
const withWaf = synthTemplate({ waf: 'true', passwordless: 'passkey,email-otp', emailFrom: 'no-reply@example.com' });
const [[aclId, acl]] = Object.entries(withWaf.findResources('AWS::WAFv2::WebACL') as Resources);
const rules: any[] = acl.Properties.Rules;
const ruleNamed = (name: string) => rules.find((rule) => rule.Name === name);

test('is off by default: no web ACL, no association', () => {
  const template = synthTemplate();
  expect(Object.keys(template.findResources('AWS::WAFv2::WebACL'))).toEqual([]);
  expect(Object.keys(template.findResources('AWS::WAFv2::WebACLAssociation'))).toEqual([]);
});

test('a REGIONAL web ACL that allows by default, associated with the stage', () => {
  expect(acl.Properties).toMatchObject({ Scope: 'REGIONAL', DefaultAction: { Allow: {} } });
  const [stageId] = Object.keys(withWaf.findResources('AWS::ApiGateway::Stage'));
  const [restApiId] = Object.keys(withWaf.findResources('AWS::ApiGateway::RestApi'));
  const associations = Object.values(withWaf.findResources('AWS::WAFv2::WebACLAssociation') as Resources);
  expect(associations).toHaveLength(1);
  const { WebACLArn, ResourceArn } = associations[0].Properties;
  expect(WebACLArn).toEqual({ 'Fn::GetAtt': [aclId, 'Arn'] });
  // arn:<partition>:apigateway:<region>::/restapis/<api id>/stages/<stage name>
  expect(JSON.stringify(ResourceArn)).toContain(':apigateway:');
  expect(JSON.stringify(ResourceArn)).toContain(`"::/restapis/",{"Ref":"${restApiId}"},"/stages/",{"Ref":"${stageId}"}]`);
});

test('blocks a client IP past its rate on the unauthenticated POST routes, and on those only', () => {
  const rule = ruleNamed('RateLimitPerIpOnPublicPosts');
  expect(rule.Action).toEqual({ Block: {} });
  const { ScopeDownStatement, ...rate } = rule.Statement.RateBasedStatement;
  expect(rate).toEqual({ AggregateKeyType: 'IP', Limit: RATE_LIMIT_PER_IP.limit, EvaluationWindowSec: 300 });
  const [method, uri] = ScopeDownStatement.AndStatement.Statements;
  expect(method.ByteMatchStatement).toMatchObject({
    FieldToMatch: { Method: {} },
    PositionalConstraint: 'EXACTLY',
    SearchString: 'POST',
  });
  const pattern = new RegExp(uri.RegexMatchStatement.RegexString);
  for (const route of routes as readonly RouteSpec[]) {
    const expected = route.method === 'POST' && route.authorization === 'public';
    expect([route.path, pattern.test(`/dev${route.path}`), pattern.test(route.path)]).toEqual([route.path, expected, expected]);
  }
});

test("AWS's managed rule groups for an API: IP reputation, the core rule set (its body rules counted) and known bad inputs", () => {
  const managed = rules.filter((rule) => rule.Statement.ManagedRuleGroupStatement);
  expect(managed.map((rule) => rule.Statement.ManagedRuleGroupStatement.Name)).toEqual([
    'AWSManagedRulesAmazonIpReputationList',
    'AWSManagedRulesCommonRuleSet',
    'AWSManagedRulesKnownBadInputsRuleSet',
  ]);
  for (const rule of managed) {
    expect(rule.Statement.ManagedRuleGroupStatement.VendorName).toBe('AWS');
    expect(rule.OverrideAction).toEqual({ None: {} });
  }
  const overrides = ruleNamed('AWSManagedRulesCommonRuleSet').Statement.ManagedRuleGroupStatement.RuleActionOverrides;
  expect(overrides.every((o: any) => o.Name.endsWith('_BODY') && 'Count' in o.ActionToUse)).toBe(true);
});

test('every rule and the web ACL publish metrics and keep sampled requests, under distinct names', () => {
  const configs = [acl.Properties.VisibilityConfig, ...rules.map((rule) => rule.VisibilityConfig)];
  for (const config of configs) expect(config).toMatchObject({ CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true });
  expect(new Set(configs.map((config) => config.MetricName)).size).toBe(configs.length);
  expect(new Set(rules.map((rule) => rule.Priority)).size).toBe(rules.length);
});

test('API Gateway answers a request WAF blocked in the envelope: 403 AccessDenied', () => {
  const responses = Object.values(withWaf.findResources('AWS::ApiGateway::GatewayResponse') as Resources);
  const filtered = responses.find((response) => response.Properties.ResponseType === 'WAF_FILTERED');
  expect(filtered?.Properties.StatusCode).toBe('403');
  expect(JSON.parse(filtered?.Properties.ResponseTemplates['application/json'])).toEqual({
    code: 'AccessDenied',
    message: expect.stringContaining('firewall'),
  });
});

test('local mode runs the template with the WAF and leaves the web ACL out: its routes and throttles are those without it', () => {
  const model = (context: Record<string, string>) =>
    modelOf(synthTemplate(context).toJSON() as Parameters<typeof modelOf>[0], process.cwd(), 'us-east-1');
  const [withFirewall, without] = [model({ waf: 'true' }), model({})];
  expect(withFirewall.routes).toEqual(without.routes);
  expect([withFirewall.throttle, withFirewall.methodThrottles]).toEqual([without.throttle, without.methodThrottles]);
});

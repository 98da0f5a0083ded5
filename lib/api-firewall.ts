import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import type { RouteSpec } from '../contract/routes';

/**
 * Requests one client IP address may send to the unauthenticated POST routes in five minutes, all
 * of them together, before WAF blocks it for as long as it stays above (a rate-based rule counts
 * over its evaluation window: 60, 120, 300 or 600 seconds, and a limit of at least 10;
 * https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-rate-based-request-limiting.html).
 * One every three seconds: more than a person signing up, in and out needs; many users behind one
 * NAT share it.
 */
export const RATE_LIMIT_PER_IP = { limit: 100, evaluationWindowSec: 300 } as const;

/**
 * Rules of the core rule set that read the request body, counted instead of blocked: the bodies
 * here carry passwords, free text the API never renders, opens or fetches, so `<script>` or `../`
 * in one is no attack, and blocking it would lock that user out; SizeRestrictions_BODY (over
 * 8 KB) would refuse before the handler the bodies the schemas bound themselves (a refresh token
 * up to 8 KB). Rule names from
 * https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-baseline.html.
 */
const BODY_RULES_COUNTED = [
  'SizeRestrictions_BODY',
  'CrossSiteScripting_BODY',
  'GenericLFI_BODY',
  'GenericRFI_BODY',
  'EC2MetaDataSSRF_BODY',
];

/** AWS's managed rule groups that fit a JSON API, in the order WAF evaluates them (after the rate limit). */
const MANAGED_RULE_GROUPS = [
  { name: 'AWSManagedRulesAmazonIpReputationList', countedRules: [] },
  { name: 'AWSManagedRulesCommonRuleSet', countedRules: BODY_RULES_COUNTED },
  { name: 'AWSManagedRulesKnownBadInputsRuleSet', countedRules: [] },
] as const;

export interface ApiFirewallProps {
  readonly stage: apigateway.Stage;
  /** The deployed routes: the rate limit covers the POST routes without authorization among them. */
  readonly routes: readonly RouteSpec[];
  /** Names the web ACL and its metrics: unique per account and region, as the stack name is. */
  readonly name: string;
}

/**
 * A WAFv2 web ACL (REGIONAL, as a REST API stage needs) associated with the stage: WAF sees each
 * request before API Gateway authorizes or throttles it
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-aws-waf.html).
 * Every rule and the ACL publish CloudWatch metrics and keep sampled requests. Local mode does not
 * emulate it: WAF is an AWS edge service, and rules we cannot verify would only pretend.
 */
export class ApiFirewall extends Construct {
  readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: ApiFirewallProps) {
    super(scope, id);
    const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName,
    });

    const rateLimit: wafv2.CfnWebACL.RuleProperty = {
      name: 'RateLimitPerIpOnPublicPosts',
      priority: 0,
      action: { block: {} },
      statement: {
        rateBasedStatement: {
          ...RATE_LIMIT_PER_IP,
          aggregateKeyType: 'IP',
          scopeDownStatement: publicPostsStatement(props.routes),
        },
      },
      visibilityConfig: visibility(`${props.name}-RateLimitPerIp`),
    };
    const managed = MANAGED_RULE_GROUPS.map(
      ({ name, countedRules }, index): wafv2.CfnWebACL.RuleProperty => ({
        name,
        priority: index + 1,
        overrideAction: { none: {} },
        statement: {
          managedRuleGroupStatement: {
            vendorName: 'AWS',
            name,
            ...(countedRules.length > 0
              ? { ruleActionOverrides: countedRules.map((rule) => ({ name: rule, actionToUse: { count: {} } })) }
              : {}),
          },
        },
        visibilityConfig: visibility(`${props.name}-${name}`),
      }),
    );

    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      name: props.name,
      description: 'Rate limit per IP on the unauthenticated POST routes, and AWS managed rule groups',
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      rules: [rateLimit, ...managed],
      visibilityConfig: visibility(props.name),
    });
    new wafv2.CfnWebACLAssociation(this, 'Association', {
      resourceArn: props.stage.stageArn,
      webAclArn: this.webAcl.attrArn,
    });
  }
}

/**
 * POST to one of the unauthenticated routes. The path is matched at its end, so that it holds
 * behind the default endpoint's `/<stage>` and behind a custom domain's base path alike; URL-decoded
 * first, so that an encoded dash does not slip past.
 */
function publicPostsStatement(routes: readonly RouteSpec[]): wafv2.CfnWebACL.StatementProperty {
  const paths = routes.filter((route) => route.method === 'POST' && route.authorization === 'public').map((route) => route.path);
  return {
    andStatement: {
      statements: [
        {
          byteMatchStatement: {
            fieldToMatch: { method: {} },
            positionalConstraint: 'EXACTLY',
            searchString: 'POST',
            textTransformations: [{ priority: 0, type: 'NONE' }],
          },
        },
        {
          regexMatchStatement: {
            fieldToMatch: { uriPath: {} },
            regexString: `(${paths.map((path) => path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})/?$`,
            textTransformations: [{ priority: 0, type: 'URL_DECODE' }],
          },
        },
      ],
    },
  };
}

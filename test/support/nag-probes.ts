import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { AuthApiStack } from '../../lib/auth-api-stack';
import type { AuthHttpApi } from '../../lib/auth-http-api';
import type { AuthRestApi } from '../../lib/auth-rest-api';
import { everyHttpOption } from './configurations';

/**
 * The stack as built, which cdk-nag's AWS Solutions checks must pass, and changes to it they must
 * refuse, each synthesized with the checks by the run's synth process (test/support/stack-synth.ts);
 * test/stack/nag.test.ts reads what each synth threw.
 */
export const nagProbes = {
  /** The stack as bin/app.ts builds it, default settings: every finding acknowledged with its reason. */
  asBuilt: () => {},
  unreviewedPublicMethod: (stack: AuthApiStack) => {
    (stack.api as AuthRestApi).api.root.addResource('unreviewed').addMethod('GET', new apigateway.MockIntegration());
  },
  /** `-c api=http`: the HTTP API's routes, stage and logs, every finding met or acknowledged. */
  httpAsBuilt: () => {},
  /** The HTTP API with a route added without an authorizer or a reason: AwsSolutions-APIG4 reports it. */
  unreviewedPublicHttpRoute: (stack: AuthApiStack) => {
    (stack.api as AuthHttpApi).api.addRoutes({
      path: '/unreviewed',
      methods: [apigwv2.HttpMethod.GET],
      integration: new HttpLambdaIntegration('Unreviewed', stack.api.functions.public.function),
    });
  },
  /** `-c api=http` with every option it takes (a custom domain, alarms, the site): every finding met or acknowledged. */
  httpEveryOption: () => {},
  /** `-c waf=true`: the web ACL on the stage meets the WAF finding (AwsSolutions-APIG3). */
  withWaf: () => {},
  /** The same without the web ACL's association to the stage: the finding is met, not acknowledged, so it is reported. */
  withWafUnassociated: (stack: AuthApiStack) => {
    stack.api.node.findChild('Firewall').node.tryRemoveChild('Association');
  },
};

/** The context a probe's stack is built with, where it is not the default one. */
export const nagProbeContexts: Partial<Record<keyof typeof nagProbes, Record<string, string>>> = {
  withWaf: { waf: 'true' },
  withWafUnassociated: { waf: 'true' },
  httpAsBuilt: { api: 'http' },
  unreviewedPublicHttpRoute: { api: 'http' },
  httpEveryOption: everyHttpOption,
};

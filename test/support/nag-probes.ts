import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type { AuthApiStack } from '../../lib/auth-api-stack';

/**
 * The stack as built, which cdk-nag's AWS Solutions checks must pass, and changes to it they must
 * refuse, each synthesized with the checks by the run's synth process (test/support/stack-synth.ts);
 * test/stack/nag.test.ts reads what each synth threw.
 */
export const nagProbes = {
  /** The stack as bin/app.ts builds it, default settings: every finding acknowledged with its reason. */
  asBuilt: () => {},
  unreviewedPublicMethod: (stack: AuthApiStack) => {
    stack.api.api.root.addResource('unreviewed').addMethod('GET', new apigateway.MockIntegration());
  },
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
};

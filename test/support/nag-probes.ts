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
};

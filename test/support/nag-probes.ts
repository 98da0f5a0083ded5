import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type { AuthApiStack } from '../../lib/auth-api-stack';

/**
 * Changes to the stack that cdk-nag's AWS Solutions checks must refuse, each synthesized with the
 * checks by the run's synth process (test/support/stack-synth.ts); test/stack/nag.test.ts reads
 * what each synth threw.
 */
export const nagProbes = {
  unreviewedPublicMethod: (stack: AuthApiStack) => {
    stack.api.api.root.addResource('unreviewed').addMethod('GET', new apigateway.MockIntegration());
  },
};

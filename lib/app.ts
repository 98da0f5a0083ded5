import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { AuthApiStack } from './auth-api-stack';
import { loadConfig } from './config';

/** The stack for the stage the context names: `CognitoAuthApi-<stage>`, one per stage. */
export function addAuthApiStack(app: App): AuthApiStack {
  const config = loadConfig(app.node);
  return new AuthApiStack(app, `CognitoAuthApi-${config.stage}`, {
    config,
    description: `cognito-auth-api (${config.stage}): email/password authentication for a REST API`,
    // The CDK CLI sets these from the AWS profile (https://docs.aws.amazon.com/cdk/v2/guide/configure-env.html);
    // observed with CLI 2.1148 and no profile: the region us-east-1 and no account. Unset (a plain
    // `new App()`), the template is environment-agnostic.
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  });
}

/** The app as `cdk synth` runs it: the stack, with cdk-nag's AWS Solutions checks, whose unacknowledged findings fail the synth. */
export function buildApp(app: App): AuthApiStack {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return addAuthApiStack(app);
}

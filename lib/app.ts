import type { App } from 'aws-cdk-lib';
import { AuthApiStack } from './auth-api-stack';
import { loadConfig } from './config';

/** The stack for the stage the context names: `CognitoAuthApi-<stage>`, one per stage. */
export function addAuthApiStack(app: App): AuthApiStack {
  const config = loadConfig(app.node);
  return new AuthApiStack(app, `CognitoAuthApi-${config.stage}`, {
    config,
    description: `cognito-auth-api (${config.stage}): email/password authentication for a REST API`,
    // Region and account come from the AWS profile at deploy time; the template itself is environment-agnostic.
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  });
}

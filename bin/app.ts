#!/usr/bin/env node
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { AuthApiStack } from '../lib/auth-api-stack';
import { loadConfig } from '../lib/config';

const app = new App();
// AWS Solutions checks on every synth: an unacknowledged finding fails it.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
const config = loadConfig(app.node);

new AuthApiStack(app, `CognitoAuthApi-${config.stage}`, {
  config,
  description: `cognito-auth-api (${config.stage}): email/password authentication for a REST API`,
  // Region and account come from the AWS profile at deploy time; the template itself is environment-agnostic.
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});

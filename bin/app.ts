#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { AuthApiStack } from '../lib/auth-api-stack';
import { loadConfig } from '../lib/config';

const app = new App();
const config = loadConfig(app.node);

new AuthApiStack(app, `CognitoAuthApi-${config.stage}`, {
  config,
  description: `cognito-auth-api (${config.stage}): email/password authentication for a REST API`,
  // Region and account come from the AWS profile at deploy time; the template itself is environment-agnostic.
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});

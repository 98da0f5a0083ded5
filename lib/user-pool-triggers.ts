import { Duration } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { HandlerFunction } from './handler-function';

export interface UserPoolTriggersProps {
  readonly userPool: cognito.UserPool;
  /** Pre sign-up: sign-up from these domains only. @default no pre sign-up trigger */
  readonly allowedEmailDomains?: readonly string[];
  /** Post confirmation: the group a confirmed user joins. @default no post confirmation trigger */
  readonly defaultGroup?: string;
  /** Pre token generation: the `roles` claim. @default no pre token generation trigger */
  readonly rolesClaim?: boolean;
  /** Pre token generation's event version: V2_0 needs the Essentials or Plus feature plan. */
  readonly featurePlan: cognito.FeaturePlan;
  readonly logRetention: logs.RetentionDays;
}

/**
 * "Amazon Cognito invokes Lambda functions synchronously. When called, your Lambda function must
 * respond within 5 seconds" (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-working-with-lambda-triggers.html):
 * a longer function timeout would only bill for answers Cognito no longer waits for.
 */
const TRIGGER_TIMEOUT = Duration.seconds(5);

/**
 * The pool's Lambda triggers, each a HandlerFunction of lambda/triggers/ and each off unless its
 * setting is given. addTrigger grants Cognito lambda:InvokeFunction with the pool as source
 * (https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_cognito.UserPool.html#addwbrtriggeroperation-fn-lambdaversion).
 * To add a trigger of your own: docs/triggers.md.
 */
export class UserPoolTriggers extends Construct {
  /**
   * Whether members' access tokens carry a `group/<name>` scope per group (contract/routes.ts
   * `groupScope`): the pre token generation trigger adds them in V2_0 events, so an authorizer can
   * admit a group's members through the scope.
   */
  readonly groupScopes: boolean;

  constructor(scope: Construct, id: string, props: UserPoolTriggersProps) {
    super(scope, id);
    this.groupScopes = false;
    const { userPool } = props;
    const trigger = (name: string, environment: Record<string, string>, alsoAllowed?: string) =>
      new HandlerFunction(this, name, {
        handler: `triggers/${name}`,
        environment,
        logRetention: props.logRetention,
        timeout: TRIGGER_TIMEOUT,
        alsoAllowed,
      }).function;

    if (props.allowedEmailDomains?.length) {
      const fn = trigger('pre-sign-up', { ALLOWED_EMAIL_DOMAINS: props.allowedEmailDomains.join(',') });
      userPool.addTrigger(cognito.UserPoolOperation.PRE_SIGN_UP, fn);
    }

    if (props.defaultGroup) {
      const fn = trigger('post-confirmation', { DEFAULT_GROUP: props.defaultGroup }, 'and adds users to groups of its pool');
      userPool.addTrigger(cognito.UserPoolOperation.POST_CONFIRMATION, fn);
      // A policy of its own, not the role's default policy: the function depends on its role's
      // default policy, and the pool on the function (LambdaConfig), so a pool ARN in that policy
      // would close a circle CloudFormation refuses (aws/aws-cdk#7016). This one depends on the
      // pool and the role, and nothing depends on it.
      new iam.Policy(this, 'AddToGroupPolicy', {
        roles: [fn.role as iam.IRole],
        statements: [
          new iam.PolicyStatement({ actions: ['cognito-idp:AdminAddUserToGroup'], resources: [userPool.userPoolArn] }),
        ],
      });
    }

    if (props.rolesClaim) {
      // "In user pools with the Essentials or Plus feature plan, you can generate the version two or
      // V2_0 trigger event" (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html).
      const version = props.featurePlan === cognito.FeaturePlan.LITE ? cognito.LambdaVersion.V1_0 : cognito.LambdaVersion.V2_0;
      const fn = trigger('pre-token-generation', { TOKEN_EVENT_VERSION: version });
      userPool.addTrigger(cognito.UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, fn, version);
      this.groupScopes = version === cognito.LambdaVersion.V2_0;
    }
  }
}

import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface MonitoringProps {
  /** The REST API, or with `-c api=http` the HTTP API's stage (lib/auth-http-api.ts). */
  readonly api: apigateway.RestApi | apigwv2.HttpStage;
  /** The stage's JSON access log (accessLogFormat in lib/auth-rest-api.ts or lib/auth-http-api.ts). */
  readonly accessLogs: logs.ILogGroup;
  /** Each handler by its name (`sign-in`, …). */
  readonly functions: Readonly<Record<string, lambda.IFunction & { readonly logGroup: logs.ILogGroup }>>;
  readonly userPool: cognito.IUserPool;
  readonly client: cognito.IUserPoolClient;
  /** Where alarms go: an address to subscribe to a new topic, or an existing topic. One of the two. */
  readonly alarmEmail?: string;
  readonly alarmTopicArn?: string;
}

/**
 * CloudWatch alarms for what should wake someone, and a dashboard of the same figures per route.
 * Hand-written with aws-cloudwatch rather than cdk-monitoring-constructs (docs/production.md,
 * "Alarms and a dashboard", says why). Each alarm's threshold and period has its reason beside it.
 * Alarm states: missing data is "not breaching", since a quiet API is a healthy one.
 */
export class Monitoring extends Construct {
  readonly topic: sns.ITopic;
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.topic = props.alarmTopicArn
      ? sns.Topic.fromTopicArn(this, 'Topic', props.alarmTopicArn)
      : this.newTopic(props.alarmEmail ?? '');
    const namespace = `CognitoAuthApi/${stack.stackName}`;
    const { metric: apiMetric, routeFields } = gatewayMetrics(props.api);

    // Every 5xx is ours: the handlers answer bad input with a 4xx and a failure they did not expect
    // with a 500 (lambda/api/handler.ts). Three in five minutes is past a lone cold-start timeout.
    const serverErrors = apiMetric('serverErrors', 'Sum');
    this.alarm('Api5xx', serverErrors, 3, 1, 'The API answered 5xx (server errors) three times or more in 5 minutes');

    // p99 of the stage: the guarded routes are most of its traffic once users are signed in, and a
    // per-route latency metric needs the stage's detailed metrics, billed per metric. The handlers'
    // timeout is 10 s (lib/handler-function.ts); 3 s at p99 for 15 minutes is far past a warm call
    // and a cold start (docs/performance.md) and still before requests time out.
    const latency = apiMetric('latency', 'p99');
    this.alarm('ApiLatencyP99', latency, 3_000, 3, 'The API p99 latency stayed above 3 s for 15 minutes');

    // Neither flavor has a throttle metric of its own: a 429 from the stage or a method throttle is
    // counted from the access log. 50 in 5 minutes is a client flood or a limit set too low, not a
    // retry or two (throttlingRateLimit, lib/config.ts).
    const throttled = this.logMetric('Throttled', props.accessLogs, '{ $.status = "429" }', namespace);
    this.alarm('ApiThrottled', throttled, 50, 1, 'The API answered 429 (throttled) 50 times or more in 5 minutes');

    // Failed sign-ins from the sign-in handler's own JSON line (lambda/api/handler.ts: outcome
    // NotAuthorized): 100 in 5 minutes is a password-guessing run rather than people mistyping.
    const signIn = props.functions['sign-in'];
    const failedSignIns = signIn
      ? this.logMetric(
          'FailedSignIns',
          signIn.logGroup,
          '{ $.message.resource = "/sign-in" && $.message.outcome = "NotAuthorized" }',
          namespace,
        )
      : undefined;
    if (failedSignIns)
      this.alarm('FailedSignIns', failedSignIns, 100, 1, 'Sign-ins with a wrong password: 100 or more in 5 minutes');

    // Cognito throttles each category of request on its own quota; any throttle is a user who could
    // not sign up, sign in or refresh (https://docs.aws.amazon.com/cognito/latest/developerguide/metrics-for-cognito-user-pools.html).
    const cognitoThrottles = new cloudwatch.MathExpression({
      expression: 'signUp + signIn + refresh',
      label: 'Cognito throttles',
      period: Duration.minutes(5),
      usingMetrics: Object.fromEntries(
        [
          ['signUp', 'SignUpThrottles'],
          ['signIn', 'SignInThrottles'],
          ['refresh', 'TokenRefreshThrottles'],
        ].map(([key, metricName]) => [
          key,
          new cloudwatch.Metric({
            namespace: 'AWS/Cognito',
            metricName,
            dimensionsMap: { UserPool: props.userPool.userPoolId, UserPoolClient: props.client.userPoolClientId },
            statistic: 'Sum',
            period: Duration.minutes(5),
          }),
        ]),
      ),
    });
    this.alarm('CognitoThrottles', cognitoThrottles, 1, 1, 'Cognito throttled sign-ups, sign-ins or refreshes');

    // Per function: Lambda counts an error only when the handler throws or times out, which ours
    // never do by design (they answer 500 themselves), so one is a crash; and one throttle is a user
    // turned away by the account's concurrency. One alarm of the two metrics a function, not two
    // alarms: the same metrics (and price), half the resources, which a stack has 500 of
    // (test/stack/resource-budget.test.ts).
    const functionWidgets: cloudwatch.IWidget[] = [];
    for (const [name, fn] of Object.entries(props.functions)) {
      const errors = fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' });
      const throttles = fn.metricThrottles({ period: Duration.minutes(5), statistic: 'Sum' });
      const failures = new cloudwatch.MathExpression({
        expression: 'errors + throttles',
        usingMetrics: { errors, throttles },
        period: Duration.minutes(5),
        label: `${name}: errors and throttles`,
      });
      this.alarm(
        `${pascal(name)}Failures`,
        failures,
        1,
        1,
        `Lambda function ${name}: an invocation failed (error or timeout) or was throttled`,
      );
      functionWidgets.push(new cloudwatch.GraphWidget({ title: name, left: [errors, throttles], width: 6, height: 4 }));
    }

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: `${stack.stackName}`,
      widgets: [
        [
          new cloudwatch.GraphWidget({
            title: 'Requests and errors',
            left: [apiMetric('count', 'Sum'), apiMetric('clientErrors', 'Sum'), serverErrors, throttled],
            width: 12,
          }),
          new cloudwatch.GraphWidget({ title: 'Latency', left: [apiMetric('latency', 'p50'), latency], width: 12 }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Sign-ins and Cognito',
            left: [...(failedSignIns ? [failedSignIns] : []), cognitoThrottles],
            width: 12,
          }),
          new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 12 }),
        ],
        // Per route from the access log, with no per-route metric to pay for: Logs Insights bills
        // the bytes a view scans (docs/COST.md).
        [
          new cloudwatch.LogQueryWidget({
            title: 'Per route: requests, 4xx, 5xx, p50 and p99 latency (ms)',
            logGroupNames: [props.accessLogs.logGroupName],
            queryLines: [
              `fields ${routeFields}, status, responseLatency`,
              'stats count(*) as requests, sum(status >= 400 and status < 500) as e4xx, sum(status >= 500) as e5xx, ' +
                `pct(responseLatency, 50) as p50, pct(responseLatency, 99) as p99 by ${routeFields}`,
              'sort requests desc',
            ],
            width: 24,
            height: 8,
          }),
        ],
        functionWidgets,
      ],
    });
  }

  /** A new topic for the alarms, with the address subscribed (it confirms by a link SNS mails). */
  private newTopic(email: string): sns.Topic {
    // enforceSSL: publishing only over TLS (cdk-nag AwsSolutions-SNS3).
    const topic = new sns.Topic(this, 'Topic', { enforceSSL: true, displayName: 'cognito-auth-api alarms' });
    topic.addSubscription(new subscriptions.EmailSubscription(email));
    Validations.of(topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        "Alarm notifications carry no user data. Encrypting the topic would take a customer managed KMS key ($1 a month) whose policy lets CloudWatch use it: the AWS managed key's policy does not (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html)",
    });
    return topic;
  }

  private alarm(id: string, metric: cloudwatch.IMetric, threshold: number, periods: number, description: string): void {
    const alarm = new cloudwatch.Alarm(this, id, {
      metric,
      threshold,
      evaluationPeriods: periods,
      datapointsToAlarm: periods,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    alarm.addAlarmAction(new actions.SnsAction(this.topic));
    alarm.addOkAction(new actions.SnsAction(this.topic));
    this.alarms.push(alarm);
  }

  /** A count of the log lines that match `pattern`, as a metric of our own namespace. */
  private logMetric(name: string, logGroup: logs.ILogGroup, pattern: string, namespace: string): cloudwatch.Metric {
    const filter = new logs.MetricFilter(this, `${name}Filter`, {
      logGroup,
      filterPattern: logs.FilterPattern.literal(pattern),
      metricNamespace: namespace,
      metricName: name,
      metricValue: '1',
    });
    return filter.metric({ statistic: 'Sum', period: Duration.minutes(5) });
  }
}

interface GatewayMetricNames {
  readonly count: string;
  readonly clientErrors: string;
  readonly serverErrors: string;
  readonly latency: string;
}

/**
 * The gateway's own figures in AWS/ApiGateway, by flavor. A REST API's are 4XXError, 5XXError, …
 * per ApiName and Stage (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-metrics-and-dimensions.html);
 * an HTTP API's are 4xx, 5xx, Count, Latency, … per ApiId and Stage
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-metrics.html), which HttpStage.metric
 * spells. The per-route log view groups by the access log's own route fields.
 */
function gatewayMetrics(api: apigateway.RestApi | apigwv2.HttpStage): {
  metric(name: keyof GatewayMetricNames, statistic: string): cloudwatch.Metric;
  readonly routeFields: string;
} {
  const period = Duration.minutes(5);
  if (api instanceof apigateway.RestApi) {
    const names: GatewayMetricNames = { count: 'Count', clientErrors: '4XXError', serverErrors: '5XXError', latency: 'Latency' };
    const dimensionsMap = { ApiName: api.restApiName, Stage: api.deploymentStage.stageName };
    return {
      metric: (name, statistic) =>
        new cloudwatch.Metric({ namespace: 'AWS/ApiGateway', metricName: names[name], dimensionsMap, statistic, period }),
      routeFields: 'httpMethod, resourcePath',
    };
  }
  const names: GatewayMetricNames = { count: 'Count', clientErrors: '4xx', serverErrors: '5xx', latency: 'Latency' };
  return { metric: (name, statistic) => api.metric(names[name], { statistic, period }), routeFields: 'routeKey' };
}

/** 'sign-in' → 'SignIn' */
function pascal(name: string): string {
  return name.replace(/(^|-)(\w)/g, (_, _dash, c: string) => c.toUpperCase());
}

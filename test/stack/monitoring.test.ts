import { Match, type Template } from 'aws-cdk-lib/assertions';
import { routes } from '../../contract/routes';
import { synthTemplate } from '../support/synth';

const topicArn = 'arn:aws:sns:us-east-1:123456789012:alarms';
type Properties = Record<string, any>;
const alarms = (template: Template): Properties[] =>
  Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((alarm) => alarm.Properties);
const alarmNamed = (template: Template, description: RegExp) => {
  const found = alarms(template).filter((alarm) => description.test(alarm.AlarmDescription));
  expect(found).toHaveLength(1);
  return found[0];
};

describe('alarms and a dashboard (-c alarmEmail or -c alarmTopicArn)', () => {
  const withEmail = synthTemplate({ alarmEmail: 'ops@example.com' });
  const functionCount = Object.keys(withEmail.findResources('AWS::Lambda::Function')).length;

  test('without either there are none: no alarm, topic, metric filter or dashboard', () => {
    const template = synthTemplate({});
    for (const type of ['AWS::CloudWatch::Alarm', 'AWS::CloudWatch::Dashboard', 'AWS::SNS::Topic', 'AWS::Logs::MetricFilter'])
      template.resourceCountIs(type, 0);
  });

  test('alarmEmail: a new topic, published to over TLS only, with the address subscribed', () => {
    withEmail.resourceCountIs('AWS::SNS::Topic', 1);
    withEmail.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com' });
    withEmail.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  test('every alarm notifies the topic when it fires and when it clears', () => {
    const [topic] = Object.keys(withEmail.findResources('AWS::SNS::Topic'));
    for (const alarm of alarms(withEmail)) {
      expect(alarm.AlarmActions).toEqual([{ Ref: topic }]);
      expect(alarm.OKActions).toEqual([{ Ref: topic }]);
      expect(alarm.TreatMissingData).toBe('notBreaching');
    }
  });

  test('alarmTopicArn: no topic of ours, the alarms go to the one named', () => {
    const template = synthTemplate({ alarmTopicArn: topicArn });
    template.resourceCountIs('AWS::SNS::Topic', 0);
    const all = alarms(template);
    expect(all.length).toBeGreaterThan(0);
    for (const alarm of all) expect(alarm.AlarmActions).toEqual([topicArn]);
  });

  test('API 5xx: 3 or more in 5 minutes', () => {
    expect(alarmNamed(withEmail, /5xx/)).toMatchObject({
      MetricName: '5XXError',
      Namespace: 'AWS/ApiGateway',
      Statistic: 'Sum',
      Period: 300,
      Threshold: 3,
      EvaluationPeriods: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  test('API p99 latency: 3 s or more for three 5-minute periods in a row', () => {
    expect(alarmNamed(withEmail, /p99 latency/)).toMatchObject({
      MetricName: 'Latency',
      ExtendedStatistic: 'p99',
      Period: 300,
      Threshold: 3000,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 3,
    });
  });

  test("throttled requests and failed sign-ins are counted from the logs' JSON lines", () => {
    const filters = Object.values(withEmail.findResources('AWS::Logs::MetricFilter')).map((f) => f.Properties);
    expect(filters.map((f) => [f.MetricTransformations[0].MetricName, f.FilterPattern]).sort()).toEqual([
      ['FailedSignIns', '{ $.message.resource = "/sign-in" && $.message.outcome = "NotAuthorized" }'],
      ['Throttled', '{ $.status = "429" }'],
    ]);
    expect(alarmNamed(withEmail, /429/)).toMatchObject({ MetricName: 'Throttled', Threshold: 50 });
    expect(alarmNamed(withEmail, /wrong password/)).toMatchObject({ MetricName: 'FailedSignIns', Threshold: 100 });
  });

  test("Cognito: any throttled sign-up, sign-in or refresh of the pool's client", () => {
    const alarm = alarmNamed(withEmail, /Cognito throttled/);
    expect(alarm.Threshold).toBe(1);
    const names = alarm.Metrics.filter((m: Properties) => m.MetricStat).map((m: Properties) => m.MetricStat.Metric.MetricName);
    expect(names.sort()).toEqual(['SignInThrottles', 'SignUpThrottles', 'TokenRefreshThrottles']);
  });

  test('each function has one alarm on its errors plus throttles, at one in 5 minutes', () => {
    type Query = {
      Id: string;
      Expression?: string;
      MetricStat?: { Metric: { Namespace: string; MetricName: string }; Period: number };
    };
    const perFunction = alarms(withEmail).filter((a) =>
      (a.Metrics as Query[] | undefined)?.some((m) => m.MetricStat?.Metric.Namespace === 'AWS/Lambda'),
    );
    expect(perFunction).toHaveLength(functionCount);
    for (const alarm of perFunction) {
      const metrics = alarm.Metrics as Query[];
      expect(
        metrics
          .filter((m) => m.MetricStat)
          .map((m) => m.MetricStat?.Metric.MetricName)
          .sort(),
      ).toEqual(['Errors', 'Throttles']);
      for (const m of metrics.filter((q) => q.MetricStat)) expect(m.MetricStat?.Period).toBe(300);
      expect(metrics.find((m) => m.Expression)?.Expression).toBe('errors + throttles');
      expect(alarm).toMatchObject({ Threshold: 1 });
    }
  });

  test('the dashboard shows every figure the alarms watch, and a per-route table from the access log', () => {
    const [dashboard] = Object.values(withEmail.findResources('AWS::CloudWatch::Dashboard'));
    const body = JSON.stringify(dashboard.Properties.DashboardBody);
    for (const figure of ['5XXError', 'Latency', 'Throttled', 'FailedSignIns', 'SignInThrottles', 'Errors', 'Throttles'])
      expect([figure, body.includes(figure)]).toEqual([figure, true]);
    expect(body).toContain('pct(responseLatency, 99) as p99 by httpMethod, resourcePath');
    // One graph per function, named by its handler.
    for (const route of routes.filter((r) => r.handler === 'sign-in' || r.handler === 'me'))
      expect(body).toContain(`\\"title\\":\\"${route.handler}\\"`);
  });
});

describe('alarms and a dashboard beside -c api=http', () => {
  const withHttp = synthTemplate({ api: 'http', alarmEmail: 'ops@example.com' });
  const [httpApi] = Object.keys(withHttp.findResources('AWS::ApiGatewayV2::Api'));
  const httpDimensions = [
    { Name: 'ApiId', Value: { Ref: httpApi } },
    { Name: 'Stage', Value: 'dev' },
  ];

  test("API 5xx and p99 latency from the HTTP API's own metrics (5xx, Latency) by ApiId and Stage", () => {
    expect(alarmNamed(withHttp, /5xx/)).toMatchObject({
      MetricName: '5xx',
      Namespace: 'AWS/ApiGateway',
      Dimensions: httpDimensions,
      Statistic: 'Sum',
      Period: 300,
      Threshold: 3,
    });
    expect(alarmNamed(withHttp, /p99 latency/)).toMatchObject({
      MetricName: 'Latency',
      Dimensions: httpDimensions,
      ExtendedStatistic: 'p99',
      Threshold: 3000,
      EvaluationPeriods: 3,
    });
  });

  test('the same alarms as the REST flavor: one per function, and the throttles counted from the HTTP access log', () => {
    const functions = Object.keys(withHttp.findResources('AWS::Lambda::Function')).length;
    const restAlarms = alarms(synthTemplate({ alarmEmail: 'ops@example.com' })).map((a) => a.AlarmDescription);
    expect(
      alarms(withHttp)
        .map((a) => a.AlarmDescription)
        .sort(),
    ).toEqual(restAlarms.sort());
    expect(alarms(withHttp).filter((a) => /Lambda function/.test(a.AlarmDescription))).toHaveLength(functions);
    const [accessLogs] = Object.keys(withHttp.findResources('AWS::Logs::LogGroup')).filter((id) =>
      id.startsWith('ApiAccessLogs'),
    );
    withHttp.hasResourceProperties('AWS::Logs::MetricFilter', {
      LogGroupName: { Ref: accessLogs },
      FilterPattern: '{ $.status = "429" }',
    });
  });

  test("the dashboard graphs the HTTP API's 4xx and 5xx, and its per-route table groups by route key", () => {
    const [dashboard] = Object.values(withHttp.findResources('AWS::CloudWatch::Dashboard'));
    const body = JSON.stringify(dashboard.Properties.DashboardBody);
    expect(body).toContain('\\"4xx\\"');
    expect(body).toContain('\\"5xx\\"');
    expect(body).not.toContain('5XXError');
    expect(body).toContain('pct(responseLatency, 99) as p99 by routeKey');
  });
});

import * as fs from 'node:fs';
import * as path from 'node:path';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { handler as signIn } from '../../lambda/sign-in';
import { localPorts } from '../../lib/local-ports';
import { apiEvent, captureLogs, lambdaContext } from '../support/events';
import { synthTemplate } from '../support/synth';

// Figures the docs state about our own code, held to the code (docs/claims.md lists what backs each claim).
const root = path.join(__dirname, '..', '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const docs = [
  'README.md',
  ...fs
    .readdirSync(path.join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const cost = read('docs/COST.md');

/** `$1,234.56` → 1234.56 */
const dollars = (text: string) => Number(text.replace(/[$,]/g, ''));

/** The rows of the Markdown table that follows `heading`, as cells. */
function table(markdown: string, heading: string): string[][] {
  const start = markdown.indexOf(heading);
  expect(start).toBeGreaterThanOrEqual(0);
  const lines = markdown.slice(start).split('\n');
  const first = lines.findIndex((line) => line.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

describe("local mode's default ports (lib/local-ports.ts)", () => {
  test('every loopback port the docs quote is one of them', () => {
    const defaults = new Set(Object.values(localPorts).map((p) => String(p.default)));
    for (const file of docs) {
      const quoted = [...read(file).matchAll(/(?:127\.0\.0\.1|localhost):(\d+)/g)].map((m) => m[1]);
      expect({ file, ports: quoted.filter((port) => !defaults.has(port)) }).toEqual({ file, ports: [] });
    }
  });

  test('each is documented at its default, beside the variable that moves it', () => {
    const all = docs.map(read).join('\n');
    for (const { default: port, variable } of Object.values(localPorts)) {
      const line = all.split('\n').find((l) => l.includes(`http://127.0.0.1:${port}`) && l.includes(`\`${variable}\``));
      expect({ variable, documented: line !== undefined }).toEqual({ variable, documented: true });
    }
  });
});

describe("docs/COST.md's totals are the sums of their own line items", () => {
  const unitPrice = (item: string) => {
    const row = table(cost, '| Unit price |').find(([name]) => name.startsWith(item));
    expect(row).toBeDefined();
    return dollars(/\$[\d.,]+/.exec(row?.[1] ?? '')?.[0] ?? 'NaN');
  };
  /** A cost cell, `$0.30 – $5.00` or `$3.50`, as [low, high]. */
  const range = (cell: string): [number, number] => {
    const values = [...cell.matchAll(/\$[\d.,]+/g)].map((m) => dollars(m[0]));
    expect(values.length).toBeGreaterThan(0);
    return [values[0], values.at(-1) ?? values[0]];
  };

  test.each([
    ['## One million sign-ins', '**Total, without Cognito**'],
    ['## One million `GET /secret` calls', '**Total**'],
  ])('%s', (heading, totalLabel) => {
    const rows = table(cost, heading);
    const totalAt = rows.findIndex(([item]) => item === totalLabel);
    expect(totalAt).toBeGreaterThan(0);
    const items = rows.slice(0, totalAt);
    const sum = items.map(([, , c]) => range(c)).reduce(([l, h], [a, b]) => [l + a, h + b], [0, 0]);
    const [low, high] = range(rows[totalAt][2]);
    // The totals are rounded to five cents ("≈").
    expect(Math.abs(low - sum[0])).toBeLessThanOrEqual(0.05);
    expect(Math.abs(high - sum[1])).toBeLessThanOrEqual(0.05);

    // And the priced items are their quantity times the unit price above.
    const duration = items.find(([item]) => item === 'Lambda duration');
    const gbSeconds = Number(/= ([\d,]+) GB-s/.exec(duration?.[1] ?? '')?.[1].replace(/,/g, ''));
    expect(Math.abs(gbSeconds * unitPrice('Lambda duration') - range(duration?.[2] ?? '')[0])).toBeLessThan(0.005);
    const logs = items.find(([item]) => item === 'Logs');
    const gb = Number(/= ([\d.]+) GB/.exec(logs?.[1] ?? '')?.[1]);
    expect(gb * unitPrice('CloudWatch Logs')).toBeCloseTo(range(logs?.[2] ?? '')[0], 2);
    const apiGateway = items.find(([item]) => item === 'API Gateway');
    expect(range(apiGateway?.[2] ?? '')[0]).toBeCloseTo(unitPrice('API Gateway REST API'), 2);
  });

  test('the WAF: one million sign-ins a month cost the ACL, its rules and the requests', () => {
    const rows = table(cost, '## The WAF');
    const [acl, rules, requests, total] = rows.map(([, , c]) => range(c)[0]);
    expect(total).toBeCloseTo(acl + rules + requests, 2);
    expect(rows[3][2]).toContain(`≈ $${range(table(cost, '## One million sign-ins').at(-2)?.[2] ?? '')[0].toFixed(2)}`);
  });
});

test('SES: each email row is its count × $0.10 per 1,000 (docs/COST.md)', () => {
  const rows = table(cost, '## Email through Amazon SES');
  expect(rows).toHaveLength(2);
  for (const [, computation, price] of rows) {
    const [count, perThousand] = [...computation.matchAll(/([\d,]+(?:\.\d+)?)/g)].map((m) => dollars(m[1]));
    expect(dollars((price.match(/\$[\d,.]+/) ?? [''])[0])).toBeCloseTo((count * perThousand) / 1000, 6);
  }
});

test("alarms: the alarm metrics counted in docs/COST.md are the template's, and the total is the sum of the items", () => {
  const rows = table(cost, '## Alarms and the dashboard');
  const template = synthTemplate({ alarmEmail: 'ops@example.com' });
  const alarmMetrics = Object.values(template.findResources('AWS::CloudWatch::Alarm')).reduce(
    (n, { Properties: alarm }) =>
      n + (alarm.Metrics ? alarm.Metrics.filter((m: { MetricStat?: unknown }) => m.MetricStat).length : 1),
    0,
  );
  expect(rows[0][1]).toMatch(new RegExp(`^${alarmMetrics} `));
  expect(Object.keys(template.findResources('AWS::Lambda::Function'))).toHaveLength(34);
  const priced = rows.slice(0, 3).map(([, computation, price]) => {
    const [count, unit] = [...computation.matchAll(/(\d+(?:\.\d+)?)(?![\d,])/g)].map((m) => Number(m[1]));
    expect(dollars((price.match(/\$[\d,.]+/) ?? [''])[0])).toBeCloseTo(
      count * (computation.includes('$') ? dollars((computation.match(/\$[\d.]+/) ?? [''])[0]) : unit),
      2,
    );
    return dollars((price.match(/\$[\d,.]+/) ?? [''])[0]);
  });
  expect(dollars((rows[3][2].match(/\$[\d,.]+/) ?? [''])[0])).toBeCloseTo(
    priced.reduce((a, b) => a + b, 0),
    2,
  );
});

describe('the log bytes per request (docs/COST.md)', () => {
  const rows = table(cost, '| Line | Bytes |');
  const bytesOf = (prefix: string) => Number(rows.find(([line]) => line.startsWith(prefix))?.[1].replace(/,/g, ''));
  const uuid = '8a6b3c1e-5f2d-4e7a-9b0c-1d2e3f4a5b6c';

  test("the access-log row is the stage's own format, filled in for a sign-in (±5 %)", () => {
    const stage = Object.values(synthTemplate({}).findResources('AWS::ApiGateway::Stage'))[0] as {
      Properties: { AccessLogSetting: { Format: string } };
    };
    // What API Gateway writes for a POST /sign-in that succeeded: no authorizer (userSub "-"), no
    // error, a body of three tokens. https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html
    const values: Record<string, string> = {
      '$context.requestId': uuid,
      '$context.identity.sourceIp': '203.0.113.10',
      '$context.requestTime': '07/Dec/2026:15:12:37 +0000',
      '$context.httpMethod': 'POST',
      '$context.resourcePath': '/sign-in',
      '$context.status': '200',
      '$context.responseLength': '4012',
      '$context.responseLatency': '118',
      '$context.integrationLatency': '112',
      '$context.error.responseType': '-',
      '$context.authorizer.claims.sub': '-',
    };
    const line = stage.Properties.AccessLogSetting.Format.replace(/\$context\.[\w.]+/g, (variable) => {
      expect(values).toHaveProperty([variable]);
      return values[variable];
    });
    const measured = Buffer.byteLength(`${line}\n`);
    expect(Math.abs(measured - bytesOf('access log')) / measured).toBeLessThanOrEqual(0.05);
  });

  test("the handler row is the line a sign-in's handler writes, in Lambda's JSON format (±5 %)", async () => {
    const cognito = mockClient(CognitoIdentityProviderClient);
    process.env.USER_POOL_CLIENT_ID = 'client-123';
    process.env._X_AMZN_TRACE_ID = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';
    cognito.onAnyCommand().resolves({
      AuthenticationResult: { IdToken: 'id', AccessToken: 'access', RefreshToken: 'refresh', ExpiresIn: 3600 },
    });
    const request = apiEvent({ resource: '/sign-in', body: { email: 'ada@example.com', password: 'correct-horse-1' } });
    const { logs } = await captureLogs(() => signIn(request, lambdaContext));
    cognito.restore();
    const lines = logs.trim().split('\n');
    expect(lines).toHaveLength(1);
    // The test ids are short; Lambda's and API Gateway's request ids are UUIDs.
    const real = lines[0].replace(lambdaContext.awsRequestId, uuid).replace('req-1234', uuid);
    const measured = Buffer.byteLength(`${real}\n`);
    expect(Math.abs(measured - bytesOf('handler line')) / measured).toBeLessThanOrEqual(0.05);
  });

  test('the total is the sum of the rows, and the cost tables use it', () => {
    const total = rows.find(([line]) => line === '**Total**');
    const stated = Number(/\*\*([\d,]+) ≈/.exec(total?.[1] ?? '')?.[1].replace(/,/g, ''));
    const sum = rows.filter(([line]) => line !== '**Total**').reduce((s, [, bytes]) => s + Number(bytes.replace(/,/g, '')), 0);
    expect(stated).toBe(sum);
    const kb = Math.round(sum / 100) / 10;
    expect(total?.[1]).toContain(`≈ ${kb} KB`);
    // Every "~1.8 KB" of the cost tables is this total.
    const quoted = [...cost.matchAll(/~([\d.]+) KB = ([\d.]+) GB/g)];
    expect(quoted.length).toBeGreaterThan(0);
    for (const [, perRequest, perMillion] of quoted) {
      expect(Number(perRequest)).toBe(kb);
      expect(Number(perMillion)).toBe(kb);
    }
  });
});

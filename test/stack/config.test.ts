import * as fs from 'node:fs';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import {
  configFromContext,
  configKeys,
  InvalidContextError,
  loadConfig,
  unknownContextKeys,
  unknownContextKeyWarnings,
} from '../../lib/config';

/** The message configFromContext throws for this context, or '' when it accepts it. */
function rejection(context: Record<string, unknown>): string {
  try {
    configFromContext(context);
    return '';
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidContextError);
    return (error as Error).message;
  }
}

describe('a bad context value is one line naming the key, what it allows and what it got', () => {
  test.each([
    [
      { stage: 'Prod' },
      'Context key stage must be 1 to 20 lower-case letters, digits and dashes, starting with a letter (received: "Prod")',
    ],
    [{ passwordMinLength: 'abc' }, 'Context key passwordMinLength must be an integer from 8 to 99 (received: "abc")'],
    [{ passwordMinLength: 5 }, 'Context key passwordMinLength must be an integer from 8 to 99 (received: 5)'],
    [{ site: 'maybe' }, 'Context key site must be true or false (received: "maybe")'],
    [{ tokenValidityMinutes: '2.5' }, 'Context key tokenValidityMinutes must be an integer from 5 to 1440 (received: "2.5")'],
    [
      { refreshTokenGracePeriodSeconds: '61' },
      'Context key refreshTokenGracePeriodSeconds must be an integer from 0 to 60 (received: "61")',
    ],
    [
      { refreshTokenGracePeriodSeconds: -1 },
      'Context key refreshTokenGracePeriodSeconds must be an integer from 0 to 60 (received: -1)',
    ],
    [{ refreshTokenRotation: 'on' }, 'Context key refreshTokenRotation must be true or false (received: "on")'],
    [
      { mfa: 'yes' },
      'Context key mfa must be one of off, optional, required (true and false still mean optional and off) (received: "yes")',
    ],
    [
      { groups: 'editor' },
      'Context key groups must be comma-separated group names (letters, digits, . _ -, at most 128 each), no repeats, one of them admin (received: "editor")',
    ],
    [
      { groups: 'admin,admin' },
      'Context key groups must be comma-separated group names (letters, digits, . _ -, at most 128 each), no repeats, one of them admin (received: "admin,admin")',
    ],
    [
      { groups: 'admin,a/b' },
      'Context key groups must be comma-separated group names (letters, digits, . _ -, at most 128 each), no repeats, one of them admin (received: "admin,a/b")',
    ],
  ])('%j', (context, message) => {
    expect(rejection(context)).toBe(message);
  });

  test('groups: admin by default, a list in its order from the command line', () => {
    expect(configFromContext({}).groups).toEqual(['admin']);
    expect(configFromContext({ groups: 'editor, admin' }).groups).toEqual(['editor', 'admin']);
  });

  test('logRetentionDays lists the periods CloudWatch Logs accepts', () => {
    expect(rejection({ logRetentionDays: '2' })).toMatch(
      /^Context key logRetentionDays must be one of the retention periods CloudWatch Logs accepts: 1, 3, 5, 7, 14, 30, .*, 3653, 9999 \(received: "2"\)$/,
    );
  });

  test('corsOrigins takes origins only: a path, a trailing slash or "*" beside an origin would never do what it says', () => {
    for (const corsOrigins of [
      'not a url',
      'https://app.example/',
      'https://app.example/app',
      'ftp://app.example',
      '*,https://app.example',
    ]) {
      expect(rejection({ corsOrigins })).toBe(
        'Context key corsOrigins must be comma-separated origins such as https://app.example.com (scheme, host and port, no path), ' +
          `or * alone (received: ${JSON.stringify(corsOrigins)})`,
      );
    }
    expect(configFromContext({ corsOrigins: 'https://app.example, http://localhost:8080' }).corsOrigins).toEqual([
      'https://app.example',
      'http://localhost:8080',
    ]);
  });

  test('several bad values: one line each, and nothing else', () => {
    const lines = rejection({ stage: 'Prod', mfa: 'yes', passwordMinLength: 100 }).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.map((line) => line.match(/^Context key (\w+) must be /)?.[1])).toEqual(['stage', 'passwordMinLength', 'mfa']);
  });

  test('cdk.json and the command line go through the same check (loadConfig on an App)', () => {
    expect(() => loadConfig(new App({ context: { throttlingRateLimit: 'fast' } }).node)).toThrow(
      'Context key throttlingRateLimit must be an integer from 1 to 10000 (received: "fast")',
    );
  });
});

describe('mfa', () => {
  test.each([
    [undefined, 'optional'],
    ['off', 'off'],
    ['optional', 'optional'],
    ['required', 'required'],
    // The flag's older values, from the command line (strings) and from cdk.json (booleans).
    ['true', 'optional'],
    ['false', 'off'],
    [true, 'optional'],
    [false, 'off'],
  ])('%j reads as %s', (mfa, mode) => {
    expect(configFromContext({ mfa }).mfa).toBe(mode);
  });
});

describe('refresh-token rotation', () => {
  test('is on by default, with a 10-second grace period', () => {
    expect(configFromContext({})).toMatchObject({ refreshTokenRotation: true, refreshTokenGracePeriodSeconds: 10 });
  });

  test.each([
    [{ refreshTokenRotation: 'false' }, { refreshTokenRotation: false, refreshTokenGracePeriodSeconds: 10 }],
    [{ refreshTokenRotation: false }, { refreshTokenRotation: false, refreshTokenGracePeriodSeconds: 10 }],
    [{ refreshTokenGracePeriodSeconds: '0' }, { refreshTokenRotation: true, refreshTokenGracePeriodSeconds: 0 }],
    [{ refreshTokenGracePeriodSeconds: 60 }, { refreshTokenRotation: true, refreshTokenGracePeriodSeconds: 60 }],
  ])('%j reads as %j', (context, expected) => {
    expect(configFromContext(context)).toMatchObject(expected);
  });
});

describe('waf', () => {
  test('is off unless asked for, from the command line (strings) or cdk.json (booleans)', () => {
    expect([undefined, 'false', false, 'true', true].map((waf) => configFromContext({ waf }).waf)).toEqual([
      false,
      false,
      false,
      true,
      true,
    ]);
  });

  test('any other value is one line naming the key', () => {
    expect(rejection({ waf: 'yes' })).toBe('Context key waf must be true or false (received: "yes")');
  });
});

describe('email through Amazon SES', () => {
  test('unset, or set empty (-c emailFrom=), leaves Cognito as the sender', () => {
    expect(configFromContext({}).emailFrom).toBeUndefined();
    expect(configFromContext({ emailFrom: '' }).emailFrom).toBeUndefined();
  });

  test.each([
    [
      { emailFrom: 'no-reply' },
      'Context key emailFrom must be an email address such as no-reply@example.com (received: "no-reply")',
    ],
    [
      { emailFrom: 'a@example.com', replyTo: 'support' },
      'Context key replyTo must be an email address such as no-reply@example.com (received: "support")',
    ],
    [
      { emailFrom: 'a@example.com', emailFromName: 'Evil <x@example.com>' },
      'Context key emailFromName must be a display name of 1 to 64 characters, without <, >, @ or line breaks (received: "Evil <x@example.com>")',
    ],
    [
      { emailFrom: 'a@example.com', sesRegion: 'Ireland' },
      'Context key sesRegion must be an AWS Region such as eu-west-1 (received: "Ireland")',
    ],
    [
      { emailFrom: 'a@example.com', sesConfigurationSet: 'has space' },
      'Context key sesConfigurationSet must be an SES configuration set name: 1 to 64 letters, digits, _ and - (received: "has space")',
    ],
  ])('%j is refused with one line', (context, message) => {
    expect(rejection(context)).toBe(message);
  });

  test('a sender setting without emailFrom would do nothing, so it is refused, naming both keys', () => {
    expect(rejection({ replyTo: 'support@example.com', sesRegion: 'eu-west-1' })).toBe(
      [
        'Context key replyTo needs emailFrom too (received: "support@example.com", emailFrom unset)',
        'Context key sesRegion needs emailFrom too (received: "eu-west-1", emailFrom unset)',
      ].join('\n'),
    );
  });
});

describe('a custom domain', () => {
  const certificateArn = 'arn:aws:acm:eu-west-1:123456789012:certificate/0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';

  test.each([
    [
      { domainName: 'API.example.com', certificateArn },
      'Context key domainName must be a lower-case DNS name such as api.example.com (received: "API.example.com")',
    ],
    [
      { domainName: 'api.example.com', certificateArn: 'arn:aws:acm:eu-west-1:123456789012:cert/x' },
      'Context key certificateArn must be an ACM certificate ARN such as arn:aws:acm:eu-west-1:123456789012:certificate/<uuid> (received: "arn:aws:acm:eu-west-1:123456789012:cert/x")',
    ],
    [
      { domainName: 'api.example.com', certificateArn, hostedZoneId: 'example.com' },
      'Context key hostedZoneId must be a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ (received: "example.com")',
    ],
  ])('%j is refused with one line', (context, message) => {
    expect(rejection(context)).toBe(message);
  });

  test('domainName and certificateArn go together, and a hosted zone needs the domain', () => {
    expect(rejection({ domainName: 'api.example.com' })).toBe(
      'Context key domainName needs certificateArn too (received: "api.example.com", certificateArn unset)',
    );
    expect(rejection({ certificateArn, hostedZoneId: 'Z0123456789ABCDEFGHIJ' })).toBe(
      [
        `Context key certificateArn needs domainName too (received: "${certificateArn}", domainName unset)`,
        'Context key hostedZoneId needs domainName too (received: "Z0123456789ABCDEFGHIJ", domainName unset)',
      ].join('\n'),
    );
  });
});

describe('alarms', () => {
  test('go to an address or to an existing topic, not both', () => {
    expect(configFromContext({ alarmEmail: 'ops@example.com' }).alarmEmail).toBe('ops@example.com');
    expect(rejection({ alarmEmail: 'ops@example.com', alarmTopicArn: 'arn:aws:sns:eu-west-1:123456789012:alarms' })).toBe(
      'Context key alarmTopicArn must be left out with alarmEmail: alarms go to one or the other (received: "arn:aws:sns:eu-west-1:123456789012:alarms")',
    );
    expect(rejection({ alarmTopicArn: 'alarms' })).toBe(
      'Context key alarmTopicArn must be an SNS topic ARN such as arn:aws:sns:eu-west-1:123456789012:alarms (received: "alarms")',
    );
  });
});

describe('CORS origins by default', () => {
  test('the dev stage allows the page npm start serves', () => {
    expect(configFromContext({}).corsOrigins).toEqual(['http://127.0.0.1:5173', 'http://localhost:5173']);
    expect(configFromContext({ stage: 'dev' }).corsOrigins).toEqual(['http://127.0.0.1:5173', 'http://localhost:5173']);
  });

  test('any other stage allows no browser origin unless told', () => {
    expect(configFromContext({ stage: 'prod' }).corsOrigins).toEqual([]);
    expect(configFromContext({ stage: 'staging' }).corsOrigins).toEqual([]);
    expect(configFromContext({ stage: 'prod', corsOrigins: 'https://app.example.com' }).corsOrigins).toEqual([
      'https://app.example.com',
    ]);
  });

  test('an empty corsOrigins allows none, in dev too', () => {
    expect(configFromContext({ corsOrigins: '' }).corsOrigins).toEqual([]);
  });
});

describe('an unknown context key is a warning naming the key it meant, or the known keys', () => {
  const known =
    'stage, passwordMinLength, tokenValidityMinutes, refreshTokenValidityDays, refreshTokenRotation, ' +
    'refreshTokenGracePeriodSeconds, corsOrigins, throttlingRateLimit, ' +
    'throttlingBurstLimit, logRetentionDays, threatProtection, mfa, site, apiGatewayAccountRole, identityPool, waf, groups, ' +
    'allowedEmailDomains, defaultGroup, rolesClaim, ' +
    'emailFrom, emailFromName, replyTo, sesRegion, sesConfigurationSet, domainName, certificateArn, hostedZoneId, alarmEmail, alarmTopicArn, ' +
    'passwordless, passkeyRelyingPartyId, api';

  test('a misspelt key is named with the known key it most likely meant', () => {
    expect(unknownContextKeyWarnings({ passwordMinLenght: '16', stage: 'dev' })).toEqual([
      'Unknown context key passwordMinLenght (ignored): did you mean passwordMinLength?',
    ]);
  });

  test.each([
    ['passwordMinLenght', 'passwordMinLength'],
    ['Stage', 'stage'],
    ['stag', 'stage'],
    ['MFA', 'mfa'],
    ['identitypool', 'identityPool'],
    ['tokenValidityMinute', 'tokenValidityMinutes'],
    ['throttlingBurstLimt', 'throttlingBurstLimit'],
    ['logRetention', undefined],
    ['region', undefined],
    ['x', undefined],
  ])('%s: the key it meant is %s', (key, meant) => {
    expect(unknownContextKeys({ [key]: 'v' })).toEqual([{ key, meant }]);
  });

  test('a key near none of ours is named beside every known key', () => {
    expect(unknownContextKeyWarnings({ region: 'eu-west-1' })).toEqual([
      `Unknown context key region (ignored); the known keys are ${known}`,
    ]);
  });

  test("the CDK's own keys are not ours to judge: feature flags, the keys the CLI injects, cli-telemetry", () => {
    const cdkKeys = {
      '@aws-cdk/aws-lambda:recognizeLayerVersion': true,
      'aws:cdk:enable-path-metadata': true,
      'aws:cdk:bundling-stacks': ['**'],
      'cli-telemetry': false,
      'acknowledged-issue-numbers': [16603],
    };
    expect(unknownContextKeyWarnings(cdkKeys)).toEqual([]);
  });

  test('loadConfig writes the warning to stderr, which cdk synth shows, and goes on with the defaults', () => {
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const config = loadConfig(new App({ context: { passwordMinLenght: '16' } }).node);
      expect(config.passwordMinLength).toBe(12);
      expect(stderr.mock.calls.map(([chunk]) => String(chunk))).toEqual([
        'Warning: Unknown context key passwordMinLenght (ignored): did you mean passwordMinLength?\n',
      ]);
    } finally {
      stderr.mockRestore();
    }
  });
});

test("docs/settings.md's table names every context key with the default the schema gives it", () => {
  const settings = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'settings.md'), 'utf8');
  const table = settings.slice(settings.indexOf('| Context key | Default |'));
  const documented: Record<string, string> = {};
  for (const row of table.split('\n').slice(2)) {
    if (!row.startsWith('|')) break;
    const [keys, defaults] = row.split(' | ').map((cell) => cell.replace(/^\| /, ''));
    const keyList = [...keys.matchAll(/`(\w+)`/g)].map((m) => m[1]);
    const defaultList = defaults.split(' / ');
    for (const [i, key] of keyList.entries()) documented[key] = defaultList[i] ?? defaults;
  }
  expect(Object.keys(documented).sort()).toEqual([...configKeys].sort());
  const dev = configFromContext({});
  for (const key of configKeys) {
    if (key === 'corsOrigins' || key === 'passwordless') continue;
    // An unset or empty default (a list of none, no group) is written "none".
    const shown = dev[key] === undefined || String(dev[key]) === '' ? 'none' : `\`${String(dev[key])}\``;
    expect([key, documented[key]]).toEqual([key, shown]);
  }
  // A list and an unset value, which the table spells as -c would and in words.
  expect([dev.passwordless, documented.passwordless]).toEqual([[], '`off`']);
  expect([dev.emailFrom, documented.emailFrom]).toEqual([undefined, 'none']);
  expect(documented.corsOrigins).toContain(`\`dev\`: \`${dev.corsOrigins.join(',')}\``);
  expect(configFromContext({ stage: 'prod' }).corsOrigins).toEqual([]);
  expect(documented.corsOrigins).toContain('any other stage: none');
});

describe('the trigger settings', () => {
  test('allowedEmailDomains takes lower-case domains, comma-separated, and refuses anything else naming the key', () => {
    expect(configFromContext({ allowedEmailDomains: 'example.com, example.org' }).allowedEmailDomains).toEqual([
      'example.com',
      'example.org',
    ]);
    expect(configFromContext({}).allowedEmailDomains).toEqual([]);
    expect(() => configFromContext({ allowedEmailDomains: '@example.com' })).toThrow(
      /^Context key allowedEmailDomains must be comma-separated lower-case email domains/,
    );
  });

  test('defaultGroup must be one of the groups, and the error names the groups', () => {
    expect(configFromContext({ groups: 'admin,editor', defaultGroup: 'editor' }).defaultGroup).toBe('editor');
    expect(() => configFromContext({ defaultGroup: 'editor' })).toThrow(
      'Context key defaultGroup must be one of the groups (admin) (received: "editor")',
    );
  });
});

test.each([
  [
    {
      domainName: 'api.example.com',
      certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d',
    },
    'domainName',
  ],
  [{ alarmEmail: 'ops@example.com' }, 'alarmEmail'],
  [{ alarmTopicArn: 'arn:aws:sns:us-east-1:123456789012:alarms' }, 'alarmTopicArn'],
])('the production settings are taken beside api=http as beside api=rest: %j (%s)', (context, _key) => {
  expect(configFromContext({ ...context, api: 'http' })).toMatchObject({ ...context, api: 'http' });
  expect(configFromContext({ ...context, api: 'http', site: 'true' }).site).toBe(true);
});

test('waf=true is refused beside api=http, citing AWS: WAF cannot be associated with an HTTP API', () => {
  expect(() => configFromContext({ api: 'http', waf: 'true' })).toThrow(
    'Context keys: waf=true needs api=rest: AWS WAF cannot be associated with an HTTP API (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-vs-rest.html, "Security")',
  );
  expect(configFromContext({ waf: 'true' }).waf).toBe(true);
});

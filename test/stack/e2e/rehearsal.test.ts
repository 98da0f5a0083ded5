import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { configDefaults, configKeys } from '../../../lib/config';
import { compatible, documentedOptions, environments, everyPair, everyTriple, profiles } from '../../../scripts/rehearse/matrix';
import { type RehearsalResult, synthRehearsal } from '../../../scripts/rehearse/synth';

// The deploy rehearsal: the app synthesized as `cdk synth` runs it for a user (cdk-nag and
// aws-cdk-lib's CloudFormation validation included), over a set of option combinations and
// environments in which every pair of settings meets. CI also runs every combination, through the
// real CLI for this set, and cfn-lint over every template (`npm run rehearse`). In the end-to-end
// tier: the validation's engine alone takes seconds to start, a fifth of `npm test`'s CPU.
const rehearsals = everyPair();
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'rehearsal-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const resourcesOf = (result: RehearsalResult, type: string) =>
  result.ok ? Object.values<any>(result.template.Resources).filter((resource) => resource.Type === type) : [];

describe.each(rehearsals)('cdk synth, $name', (rehearsal) => {
  const result = synthRehearsal(rehearsal, fs.mkdtempSync(path.join(scratch, 'synth-')));

  test('succeeds, with every cdk-nag finding acknowledged', () => {
    expect(result.ok ? '' : result.error).toBe('');
  });

  if (rehearsal.environment.region) {
    test(`names no region but ${rehearsal.environment.region}`, () => {
      const otherRegions = Object.values(environments)
        .map((env) => ('region' in env ? env.region : undefined))
        .filter((region) => region && region !== rehearsal.environment.region);
      for (const region of otherRegions) expect(JSON.stringify(result.ok && result.template)).not.toContain(region);
    });
  }

  if (rehearsal.context.site === 'true') {
    test('names its account-global CloudFront resources after the stack and the region', () => {
      const names = [
        ...resourcesOf(result, 'AWS::CloudFront::ResponseHeadersPolicy').map(
          (r) => r.Properties.ResponseHeadersPolicyConfig.Name,
        ),
        ...resourcesOf(result, 'AWS::CloudFront::OriginAccessControl').map((r) => r.Properties.OriginAccessControlConfig.Name),
      ];
      expect(names).toHaveLength(2);
      const region = rehearsal.environment.region ?? { Ref: 'AWS::Region' };
      for (const name of names) expect(JSON.stringify(name)).toContain(JSON.stringify(region).replace(/^"|"$/g, ''));
      expect(JSON.stringify(names)).toContain(`CognitoAuthApi-${rehearsal.context.stage}-`);
    });
  }

  test(`builds the ${rehearsal.context.api} API`, () => {
    const http = rehearsal.context.api === 'http';
    expect(resourcesOf(result, 'AWS::ApiGatewayV2::Api')).toHaveLength(http ? 1 : 0);
    expect(resourcesOf(result, 'AWS::ApiGateway::RestApi')).toHaveLength(http ? 0 : 1);
  });

  test(`${rehearsal.context.waf === 'true' ? 'associates' : 'leaves out'} a WAF web ACL on the stage`, () => {
    const expected = rehearsal.context.waf === 'true' ? 1 : 0;
    expect(resourcesOf(result, 'AWS::WAFv2::WebACL')).toHaveLength(expected);
    expect(resourcesOf(result, 'AWS::WAFv2::WebACLAssociation')).toHaveLength(expected);
  });

  test(`declares the groups ${rehearsal.context.groups} as UserPoolGroups`, () => {
    const names = resourcesOf(result, 'AWS::Cognito::UserPoolGroup').map((g) => g.Properties.GroupName);
    expect(names).toEqual(rehearsal.context.groups.split(','));
  });

  test(`has the Lambda triggers its settings ask for (allowedEmailDomains ${rehearsal.context.allowedEmailDomains || 'none'}, defaultGroup ${rehearsal.context.defaultGroup || 'none'}, rolesClaim ${rehearsal.context.rolesClaim})`, () => {
    const [pool] = resourcesOf(result, 'AWS::Cognito::UserPool');
    const configured = Object.keys(pool?.Properties.LambdaConfig ?? {}).sort();
    const expected = [
      ...(rehearsal.context.defaultGroup ? ['PostConfirmation'] : []),
      ...(rehearsal.context.allowedEmailDomains ? ['PreSignUp'] : []),
      ...(rehearsal.context.rolesClaim === 'true' ? ['PreTokenGenerationConfig'] : []),
    ];
    expect(configured).toEqual(expected);
  });

  // An HTTP API has no execution logging, so no use for the account's logging role.
  const accountRole = rehearsal.context.apiGatewayAccountRole !== 'false' && rehearsal.context.api !== 'http';
  test(`${accountRole ? 'sets' : 'leaves out'} the account-wide API Gateway logging role`, () => {
    expect(resourcesOf(result, 'AWS::ApiGateway::Account')).toHaveLength(accountRole ? 1 : 0);
  });
  test(`${rehearsal.factors.domain === 'none' ? 'has no custom domain' : `serves api.example.com (${rehearsal.factors.domain})`}`, () => {
    const expected = rehearsal.factors.domain === 'none' ? 0 : 1;
    // Each flavor's own kind of domain: an HTTP API's is API Gateway v2's, with an API mapping.
    const http = rehearsal.context.api === 'http';
    expect(resourcesOf(result, 'AWS::ApiGateway::DomainName')).toHaveLength(http ? 0 : expected);
    expect(resourcesOf(result, 'AWS::ApiGatewayV2::DomainName')).toHaveLength(http ? expected : 0);
    expect(resourcesOf(result, 'AWS::ApiGatewayV2::ApiMapping')).toHaveLength(http ? expected : 0);
    expect(resourcesOf(result, 'AWS::Route53::RecordSet')).toHaveLength(rehearsal.factors.domain === 'route53' ? 1 : 0);
  });

  test(`${rehearsal.factors.alarms === 'off' ? 'has no alarms' : `has alarms and a dashboard (${rehearsal.factors.alarms})`}`, () => {
    const on = rehearsal.factors.alarms !== 'off';
    expect(resourcesOf(result, 'AWS::CloudWatch::Dashboard')).toHaveLength(on ? 1 : 0);
    expect(resourcesOf(result, 'AWS::SNS::Topic')).toHaveLength(rehearsal.factors.alarms === 'email' ? 1 : 0);
    expect(resourcesOf(result, 'AWS::CloudWatch::Alarm').length > 0).toBe(on);
  });

  // An SES sender from the email profile, or the one passwordless=email-otp brings (companionsOf).
  const ses = rehearsal.context.emailFrom !== undefined;
  test(`${ses ? 'sends email through Amazon SES' : "sends Cognito's email itself"}`, () => {
    const [pool] = resourcesOf(result, 'AWS::Cognito::UserPool');
    expect(pool.Properties.EmailConfiguration?.EmailSendingAccount ?? 'COGNITO_DEFAULT').toBe(
      ses ? 'DEVELOPER' : 'COGNITO_DEFAULT',
    );
  });
});

describe('the rehearsal matrix', () => {
  const factorsOf = (r: (typeof rehearsals)[number]) => r.factors;

  test('every profile is rehearsed with each of its values, and names only keys of lib/config.ts', () => {
    for (const [name, values] of Object.entries(profiles)) {
      expect(new Set(rehearsals.map((r) => r.factors[name]))).toEqual(new Set(Object.keys(values)));
      for (const context of Object.values(values)) for (const key of Object.keys(context)) expect(configKeys).toContain(key);
    }
  });

  test('every on/off setting of lib/config.ts with both values, each mfa mode, both stages, one and two groups and each trigger setting off and on are rehearsed', () => {
    const flags = Object.keys(configDefaults).filter(
      (key) => typeof (configDefaults as Record<string, unknown>)[key] === 'boolean',
    );
    const options = documentedOptions();
    expect(Object.keys(options).sort()).toEqual(
      [
        'stage',
        'groups',
        'allowedEmailDomains',
        'defaultGroup',
        'mfa',
        'passwordless',
        'api',
        ...flags,
        ...Object.keys(profiles),
      ].sort(),
    );
    expect(options.api).toEqual(['rest', 'http']);
    expect(options.groups).toEqual(['admin', 'admin,editor']);
    expect(options.allowedEmailDomains).toEqual(['', 'example.com,example.org']);
    expect(options.defaultGroup).toEqual(['', 'admin']);
    for (const flag of flags) expect([flag, options[flag]]).toEqual([flag, ['false', 'true']]);
    expect(options.mfa).toEqual(['off', 'optional', 'required']);
    expect(options.passwordless).toEqual(['off', 'passkey', 'email-otp', 'passkey,email-otp']);
    expect(options.stage).toEqual(['dev', 'prod']);
  });

  test('the only values that cannot meet are passwordless with mfa=required, and api=http with waf=true, which the synth refuses', () => {
    const options = documentedOptions();
    const refused = Object.entries(options).flatMap(([a, values]) =>
      values.flatMap((va) =>
        Object.entries(options)
          .filter(([b]) => a < b)
          .flatMap(([b, others]) =>
            others.filter((vb) => !compatible({ [a]: va, [b]: vb })).map((vb) => `${a}=${va} ${b}=${vb}`),
          ),
      ),
    );
    expect(refused.sort()).toEqual(
      [
        ...['passkey', 'email-otp', 'passkey,email-otp'].map((factors) => `mfa=required passwordless=${factors}`),
        // docs/http-api.md: AWS WAF cannot be associated with an HTTP API.
        'api=http waf=true',
      ].sort(),
    );
  });

  test('the covering set holds every pair of values of any two factors that can meet', () => {
    const factors = { ...documentedOptions(), environment: Object.keys(environments), qualifier: ['default', 'custom'] };
    const rows = rehearsals.map(factorsOf) as Record<string, string>[];
    const names = Object.keys(factors) as Array<keyof typeof factors>;
    for (const [i, a] of names.entries()) {
      for (const b of names.slice(i + 1)) {
        for (const va of factors[a])
          for (const vb of factors[b])
            expect([a, va, b, vb, rows.some((row) => row[a] === va && row[b] === vb)]).toEqual([
              a,
              va,
              b,
              vb,
              compatible({ [a]: va, [b]: vb }),
            ]);
      }
    }
  });

  test('the in-process set of npm run rehearse covers every triple of values of any three factors, in far fewer rows than the product', () => {
    const rows = everyTriple().map(factorsOf) as Record<string, string>[];
    const factors: Record<string, readonly string[]> = {
      ...documentedOptions(),
      environment: Object.keys(environments),
      qualifier: ['default', 'custom'],
    };
    const names = Object.keys(factors);
    const missing: string[] = [];
    for (const [i, a] of names.entries())
      for (const [j, b] of names.slice(i + 1).entries())
        for (const c of names.slice(i + j + 2))
          for (const va of factors[a])
            for (const vb of factors[b])
              for (const vc of factors[c])
                if (
                  compatible({ [a]: va, [b]: vb, [c]: vc }) &&
                  !rows.some((row) => row[a] === va && row[b] === vb && row[c] === vc)
                )
                  missing.push(`${a}=${va} ${b}=${vb} ${c}=${vc}`);
    expect(missing).toEqual([]);
    const product = Object.values(factors).reduce((n, values) => n * values.length, 1);
    expect(rows.length).toBeLessThan(product / 10);
  });
});

import * as fs from 'node:fs';
import * as path from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { type RouteSpec, routes } from '../../contract/routes';
import { stackNameFor, synthError, synthTemplate } from '../support/synth';

const template = synthTemplate();
type Resources = Record<string, { Properties: Record<string, any>; DeletionPolicy?: string }>;
const all = (type: string, t = template) => Object.values(t.findResources(type) as Resources);

describe('stages', () => {
  test('each stage is its own stack, CognitoAuthApi-<stage>', () => {
    expect(stackNameFor({ stage: 'prod' })).toBe('CognitoAuthApi-prod');
    expect(stackNameFor({})).toBe('CognitoAuthApi-dev');
  });

  test('prod turns on the user pool deletion protection; dev does not', () => {
    synthTemplate({ stage: 'prod' }).hasResourceProperties('AWS::Cognito::UserPool', { DeletionProtection: 'ACTIVE' });
    template.hasResourceProperties('AWS::Cognito::UserPool', { DeletionProtection: 'INACTIVE' });
  });

  test.each(['dev', 'prod'])('in %s every log group and the pool are retained when the stack goes', (stage) => {
    const t = synthTemplate({ stage });
    for (const type of ['AWS::Logs::LogGroup', 'AWS::Cognito::UserPool']) {
      for (const r of all(type, t)) expect(r.DeletionPolicy).toBe('Retain');
    }
  });

  // docs/deploy.md's "Clean up" list, resource for resource.
  test.each([
    [{}, ['AWS::ApiGateway::Account', 'AWS::Cognito::UserPool', 'AWS::IAM::Role', 'AWS::Logs::LogGroup']],
    [{ apiGatewayAccountRole: 'false' }, ['AWS::Cognito::UserPool', 'AWS::Logs::LogGroup']],
    [
      { site: 'true', stage: 'prod' },
      ['AWS::ApiGateway::Account', 'AWS::Cognito::UserPool', 'AWS::IAM::Role', 'AWS::Logs::LogGroup'],
    ],
  ])('with %j a destroy keeps the pool, every log group and the account-wide API Gateway role, nothing else', (context, kept) => {
    const resources = Object.values(
      synthTemplate(context).toJSON().Resources as Record<string, { Type: string; DeletionPolicy?: string }>,
    );
    const retained = resources.filter((r) => r.DeletionPolicy === 'Retain' || r.DeletionPolicy === 'RetainExceptOnCreate');
    expect([...new Set(retained.map((r) => r.Type))].sort()).toEqual(kept);
    const logGroups = resources.filter((r) => r.Type === 'AWS::Logs::LogGroup');
    expect(retained.filter((r) => r.Type === 'AWS::Logs::LogGroup')).toHaveLength(logGroups.length);
    expect(retained.filter((r) => r.Type === 'AWS::IAM::Role')).toHaveLength(kept.includes('AWS::IAM::Role') ? 1 : 0);
  });

  test('a malformed context value fails the synth, naming the key', () => {
    expect(synthError({ throttlingRateLimit: 'fast' })).toMatch(/throttlingRateLimit/);
    expect(synthError({ logRetentionDays: '31' })).toMatch(/logRetentionDays/);
    expect(synthError({ corsOrigins: 'not a url' })).toMatch(/corsOrigins/);
  });
});

describe('request validation', () => {
  // API Gateway's own check would answer before the handler, with a message that cannot both name
  // the field and keep the value out (lib/auth-rest-api.ts); test/local/e2e/bad-bodies.test.ts
  // proves what the handler answers instead.
  test('no request validator or model: every body reaches its handler, which validates it alone', () => {
    template.resourceCountIs('AWS::ApiGateway::RequestValidator', 0);
    template.resourceCountIs('AWS::ApiGateway::Model', 0);
    for (const method of all('AWS::ApiGateway::Method')) {
      expect(method.Properties.RequestValidatorId).toBeUndefined();
      expect(method.Properties.RequestModels).toBeUndefined();
    }
  });

  test('no gateway response for BAD_REQUEST_BODY, which only a request validator raises', () => {
    expect(all('AWS::ApiGateway::GatewayResponse').map((r) => r.Properties.ResponseType)).not.toContain('BAD_REQUEST_BODY');
  });
});

describe('stage', () => {
  test('throttles at the configured rate and burst (100/200 by default)', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: Match.arrayWith([
        Match.objectLike({ HttpMethod: '*', ResourcePath: '/*', ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 }),
      ]),
    });
    synthTemplate({ throttlingRateLimit: '5', throttlingBurstLimit: '10' }).hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: Match.arrayWith([
        Match.objectLike({ HttpMethod: '*', ResourcePath: '/*', ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 }),
      ]),
    });
  });

  const publicCognitoRoutes = (routes as readonly RouteSpec[]).filter(
    (route) =>
      route.authorization === 'public' &&
      fs.readFileSync(path.join(__dirname, '../../lambda', `${route.handler}.ts`), 'utf8').includes('Command('),
  );
  const methodSettingsOf = (t: typeof template) => all('AWS::ApiGateway::Stage', t)[0].Properties.MethodSettings as any[];
  const settingOf = (t: typeof template, route: RouteSpec) =>
    methodSettingsOf(t).find((s) => s.HttpMethod === route.method && s.ResourcePath === `/${route.path.replaceAll('/', '~1')}`);

  test('each unauthenticated route that reaches Cognito has a method throttle of its own, lower than the stage’s; no other route has one', () => {
    expect(publicCognitoRoutes.map((route) => route.path)).toEqual(
      expect.arrayContaining(['/sign-in', '/sign-up', '/reset-password']),
    );
    // A configuration that deploys every public route: the two-factor ones (mfa optional) and the passwordless ones.
    const t = synthTemplate({
      passwordless: 'passkey,email-otp',
      emailFrom: 'no-reply@example.com',
      passkeyRelyingPartyId: 'app.example.com',
    });
    for (const route of publicCognitoRoutes) {
      expect([route.path, settingOf(t, route)]).toEqual([
        route.path,
        expect.objectContaining({
          ThrottlingRateLimit: 10,
          ThrottlingBurstLimit: 20,
          LoggingLevel: 'ERROR',
          DataTraceEnabled: false,
        }),
      ]);
    }
    expect(methodSettingsOf(t)).toHaveLength(1 + publicCognitoRoutes.length);
  });

  test('a method throttle is a tenth of the stage’s, at least one request: it follows a stage throttle set lower', () => {
    const t = synthTemplate({ throttlingRateLimit: '5', throttlingBurstLimit: '10' });
    for (const route of publicCognitoRoutes.filter((r) => !r.requires)) {
      expect(settingOf(t, route)).toMatchObject({ ThrottlingRateLimit: 1, ThrottlingBurstLimit: 1 });
    }
  });

  test('logs execution errors only, never request data, on every method, and traces with X-Ray', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', { TracingEnabled: true });
    for (const setting of methodSettingsOf(template))
      expect(setting).toMatchObject({ LoggingLevel: 'ERROR', DataTraceEnabled: false });
  });

  test('writes JSON access logs with the request id, status and caller, and no header or body', () => {
    const [stage] = all('AWS::ApiGateway::Stage');
    const format = JSON.parse(stage.Properties.AccessLogSetting.Format);
    expect(format).toMatchObject({
      requestId: '$context.requestId',
      status: '$context.status',
      userSub: '$context.authorizer.claims.sub',
    });
    expect(stage.Properties.AccessLogSetting.Format).not.toMatch(/header|input\.body/i);
    expect(JSON.stringify(stage.Properties.AccessLogSetting.DestinationArn)).toMatch(/"Ref":"ApiAccessLogs\w+"/);
  });

  test('log groups keep logs for the configured retention (365 days by default), the page deployment’s too', () => {
    for (const group of all('AWS::Logs::LogGroup')) expect(group.Properties.RetentionInDays).toBe(365);
    // With the page: its deployment's log group joins the API's and the handlers'.
    const withSite = all('AWS::Logs::LogGroup', synthTemplate({ site: 'true', logRetentionDays: '30' }));
    expect(withSite.length).toBeGreaterThan(all('AWS::Logs::LogGroup').length);
    for (const group of withSite) expect(group.Properties.RetentionInDays).toBe(30);
  });
});

describe('CORS', () => {
  test('every resource answers preflights for the configured origins', () => {
    const resources = all('AWS::ApiGateway::Resource').length + 1;
    const preflights = all('AWS::ApiGateway::Method').filter((m) => m.Properties.HttpMethod === 'OPTIONS');
    expect(preflights).toHaveLength(resources);
    expect(JSON.stringify(preflights[0].Properties.Integration)).toContain('http://127.0.0.1:5173');
  });

  test('every gateway response, 401 included, lets the browser read it', () => {
    for (const r of all('AWS::ApiGateway::GatewayResponse')) {
      expect(r.Properties.ResponseParameters['gatewayresponse.header.Access-Control-Allow-Origin']).toBe(
        'method.request.header.Origin',
      );
    }
    const single = synthTemplate({ stage: 'prod', corsOrigins: 'https://app.example' });
    for (const r of all('AWS::ApiGateway::GatewayResponse', single)) {
      expect(r.Properties.ResponseParameters['gatewayresponse.header.Access-Control-Allow-Origin']).toBe("'https://app.example'");
    }
  });

  test('the handlers learn the allowed origins from their environment', () => {
    for (const fn of all('AWS::Lambda::Function'))
      expect(fn.Properties.Environment.Variables.CORS_ALLOWED_ORIGINS).toBe(
        JSON.stringify(['http://127.0.0.1:5173', 'http://localhost:5173']),
      );
  });
});

describe('functions', () => {
  test('time out well under API Gateway’s 29 s and trace with X-Ray', () => {
    for (const fn of all('AWS::Lambda::Function')) {
      expect(fn.Properties.Timeout).toBeLessThanOrEqual(15);
      expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
    }
  });

  test('roles use no AWS-managed policy and may write only their own log group', () => {
    const fnRoles = all('AWS::IAM::Role').filter(
      (r) => r.Properties.AssumeRolePolicyDocument.Statement[0].Principal.Service === 'lambda.amazonaws.com',
    );
    expect(fnRoles.length).toBe(all('AWS::Lambda::Function').length);
    for (const role of fnRoles) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      const [statement] = role.Properties.Policies[0].PolicyDocument.Statement;
      expect(statement).toEqual({
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': [expect.stringMatching(/Logs/), 'Arn'] },
      });
    }
  });

  test('each function logs to its own retained log group', () => {
    for (const fn of all('AWS::Lambda::Function'))
      expect(fn.Properties.LoggingConfig.LogGroup).toEqual({ Ref: expect.stringMatching(/Logs/) });
  });

  test("each function logs in Lambda's JSON format, its own lines and Lambda's START/END/REPORT records from INFO up", () => {
    for (const fn of all('AWS::Lambda::Function')) {
      expect(fn.Properties.LoggingConfig).toMatchObject({
        LogFormat: 'JSON',
        ApplicationLogLevel: 'INFO',
        SystemLogLevel: 'INFO',
      });
    }
  });
});

describe('optional Cognito hardening', () => {
  test('threat protection moves the pool to the Plus plan and enforces it, with rotation or without', () => {
    for (const context of [{ threatProtection: 'true' }, { threatProtection: 'true', refreshTokenRotation: 'false' }]) {
      synthTemplate(context).hasResourceProperties('AWS::Cognito::UserPool', {
        UserPoolTier: 'PLUS',
        UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      });
    }
  });

  // Refresh-token rotation needs the Essentials or Plus plan (docs/COST.md); without it, Lite.
  test('refresh-token rotation (the default) puts the pool on Essentials; without it, Lite', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', { UserPoolTier: 'ESSENTIALS', UserPoolAddOns: Match.absent() });
    synthTemplate({ refreshTokenRotation: 'false' }).hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolTier: 'LITE',
      UserPoolAddOns: Match.absent(),
    });
  });

  // optional is the default; true and false read as optional and off (test/stack/config.test.ts).
  test.each([
    [{ mfa: 'off' }, 'OFF'],
    [{}, 'OPTIONAL'],
    [{ mfa: 'required' }, 'ON'],
  ])('%j sets the pool’s MFA to %s, TOTP the only factor (no SMS)', (context, configuration) => {
    const pool = all('AWS::Cognito::UserPool', synthTemplate(context))[0].Properties;
    expect(pool.MfaConfiguration).toBe(configuration);
    expect(pool.EnabledMfas).toEqual(configuration === 'OFF' ? undefined : ['SOFTWARE_TOKEN_MFA']);
    expect(pool.SmsConfiguration).toBeUndefined();
  });

  test('by default the pool offers TOTP to every user (OPTIONAL)', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
    });
  });

  test('a sign-in step (the password, the authenticator setup, the code) may take 10 minutes, not Cognito’s 3', () => {
    for (const context of [{ mfa: 'off' }, {}, { mfa: 'required' }]) {
      synthTemplate(context).hasResourceProperties('AWS::Cognito::UserPoolClient', { AuthSessionValidity: 10 });
    }
  });
});

describe('authorizer', () => {
  test('caches no verdict, so a token is never honoured past its expiry', () => {
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', { AuthorizerResultTtlInSeconds: 0 });
  });
});

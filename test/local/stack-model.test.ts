import { readFunctions } from '../../local/stack-model/functions';
import { readGatewayResponses } from '../../local/stack-model/gateway-responses';
import { localIdsOf, readPool } from '../../local/stack-model/pool';
import { readPreflights } from '../../local/stack-model/preflights';
import { readRoutes } from '../../local/stack-model/routes';
import { readStage } from '../../local/stack-model/stage';
import { type Resource, TemplateResources } from '../../local/stack-model/template';

// Each reader alone, on the smallest template that shows what it reads; the e2e suites read the real one.
const resource = (Type: string, Properties: Record<string, unknown>, Metadata?: Record<string, unknown>): Resource => ({
  Type,
  Properties,
  Metadata,
});
const api = {
  Root: resource('AWS::ApiGateway::RestApi', {}),
  Secret: resource('AWS::ApiGateway::Resource', { PathPart: 'secret', ParentId: { 'Fn::GetAtt': ['Root', 'RootResourceId'] } }),
  Nested: resource('AWS::ApiGateway::Resource', { PathPart: 'totp', ParentId: { Ref: 'Secret' } }),
};

test('the stage: its name and its default throttling, burst defaulting to the rate', () => {
  const stage = (MethodSettings?: unknown[]) =>
    new TemplateResources({ S: resource('AWS::ApiGateway::Stage', { StageName: 'dev', MethodSettings }) });
  expect(readStage(stage([{ HttpMethod: '*', ResourcePath: '/*', ThrottlingRateLimit: 5, ThrottlingBurstLimit: 9 }]))).toEqual({
    stageName: 'dev',
    throttle: { rateLimit: 5, burstLimit: 9 },
    methodThrottles: {},
  });
  expect(readStage(stage([{ HttpMethod: '*', ResourcePath: '/*', ThrottlingRateLimit: 5 }])).throttle).toEqual({
    rateLimit: 5,
    burstLimit: 5,
  });
  expect(readStage(stage()).throttle).toBeUndefined();
  expect(() => readStage(new TemplateResources({}))).toThrow('exactly one AWS::ApiGateway::Stage');
});

test("the stage: a method's own throttle, by method and path, apart from the stage's; a method setting without one is not a throttle", () => {
  const stage = new TemplateResources({
    S: resource('AWS::ApiGateway::Stage', {
      StageName: 'dev',
      MethodSettings: [
        { HttpMethod: '*', ResourcePath: '/*', ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 },
        { HttpMethod: 'POST', ResourcePath: '/~1sign-in~1totp', ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 },
        { HttpMethod: 'POST', ResourcePath: '/~1sign-up', ThrottlingRateLimit: 3 },
        { HttpMethod: 'GET', ResourcePath: '/~1me', LoggingLevel: 'ERROR' },
      ],
    }),
  });
  expect(readStage(stage)).toEqual({
    stageName: 'dev',
    throttle: { rateLimit: 100, burstLimit: 200 },
    methodThrottles: {
      'POST /sign-in/totp': { rateLimit: 10, burstLimit: 20 },
      'POST /sign-up': { rateLimit: 3, burstLimit: 3 },
    },
  });
});

test('routes: the path from nested resources, the function, and the Cognito authorizer with its scopes', () => {
  const resources = new TemplateResources({
    ...api,
    Auth: resource('AWS::ApiGateway::Authorizer', { IdentitySource: 'method.request.header.Authorization' }),
    Get: resource('AWS::ApiGateway::Method', {
      HttpMethod: 'POST',
      ResourceId: { Ref: 'Nested' },
      AuthorizationType: 'COGNITO_USER_POOLS',
      AuthorizerId: { Ref: 'Auth' },
      AuthorizationScopes: ['aws.cognito.signin.user.admin'],
      Integration: { Type: 'AWS_PROXY', Uri: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Fn', 'Arn'] }]] } },
    }),
    Preflight: resource('AWS::ApiGateway::Method', {
      HttpMethod: 'OPTIONS',
      ResourceId: { Ref: 'Secret' },
      Integration: { Type: 'MOCK' },
    }),
  });
  expect(readRoutes(resources, new Set(['Fn']))).toEqual([
    {
      method: 'POST',
      path: '/secret/totp',
      functionId: 'Fn',
      authorizer: { identityHeader: 'Authorization', scopes: ['aws.cognito.signin.user.admin'] },
    },
  ]);
  expect(() => readRoutes(resources, new Set())).toThrow('does not integrate a function of this stack');
});

test('preflights: status, unquoted headers and the origins the template swaps in', () => {
  const resources = new TemplateResources({
    ...api,
    Preflight: resource('AWS::ApiGateway::Method', {
      HttpMethod: 'OPTIONS',
      ResourceId: { Ref: 'Secret' },
      Integration: {
        Type: 'MOCK',
        IntegrationResponses: [
          {
            StatusCode: '204',
            ResponseParameters: { 'method.response.header.Access-Control-Allow-Origin': "'https://a.example'" },
            ResponseTemplates: { 'application/json': '#if($origin == "https://b.example") override #end' },
          },
        ],
      },
    }),
  });
  expect(readPreflights(resources)).toEqual({
    '/secret': {
      status: 204,
      headers: { 'Access-Control-Allow-Origin': 'https://a.example' },
      alsoAllowedOrigins: ['https://b.example'],
    },
  });
});

test('gateway responses: status, static and copied headers, the template', () => {
  const resources = new TemplateResources({
    R: resource('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'UNAUTHORIZED',
      StatusCode: '401',
      ResponseParameters: {
        'gatewayresponse.header.Vary': "'Origin'",
        'gatewayresponse.header.Access-Control-Allow-Origin': 'method.request.header.origin',
      },
      ResponseTemplates: { 'application/json': '{"code":"Unauthorized"}' },
    }),
  });
  expect(readGatewayResponses(resources)).toEqual({
    UNAUTHORIZED: {
      statusCode: 401,
      headers: { Vary: { value: 'Origin' }, 'Access-Control-Allow-Origin': { fromRequestHeader: 'origin' } },
      template: '{"code":"Unauthorized"}',
    },
  });
});

test("the pool: Cognito's and CloudFormation's defaults where the template is silent, stable local ids", () => {
  const resources = new TemplateResources({
    Pool: resource('AWS::Cognito::UserPool', { UsernameAttributes: ['email'] }),
    Client: resource('AWS::Cognito::UserPoolClient', { IdTokenValidity: 15, TokenValidityUnits: { IdToken: 'minutes' } }),
  });
  const ids = localIdsOf(resources, 'eu-west-1');
  expect(ids).toEqual(localIdsOf(resources, 'eu-west-1'));
  expect(ids.Pool).toMatch(/^eu-west-1_[A-Za-z0-9]{9}$/);
  expect(ids.Client).toMatch(/^[a-z0-9]{26}$/);
  const pool = readPool(resources, 'eu-west-1', ids);
  expect(pool).toMatchObject({
    poolId: ids.Pool,
    caseSensitiveUsernames: true,
    passwordPolicy: { minimumLength: 8, requireSymbols: false },
    mfaConfiguration: 'OFF',
    enabledMfas: [],
  });
  expect(pool.clients).toEqual([
    expect.objectContaining({
      clientId: ids.Client,
      idTokenValidityMinutes: 15,
      accessTokenValidityMinutes: 60,
      refreshTokenValidityMinutes: 43_200,
      authSessionValidityMinutes: 3,
    }),
  ]);
});

test("the pool: its groups, highest precedence first, a group without precedence last; another pool's left out", () => {
  const resources = new TemplateResources({
    Pool: resource('AWS::Cognito::UserPool', { UsernameAttributes: ['email'] }),
    Client: resource('AWS::Cognito::UserPoolClient', {}),
    Readers: resource('AWS::Cognito::UserPoolGroup', { UserPoolId: { Ref: 'Pool' }, GroupName: 'readers' }),
    Editors: resource('AWS::Cognito::UserPoolGroup', { UserPoolId: { Ref: 'Pool' }, GroupName: 'editor', Precedence: 1 }),
    Admins: resource('AWS::Cognito::UserPoolGroup', { UserPoolId: { Ref: 'Pool' }, GroupName: 'admin', Precedence: 0 }),
    Elsewhere: resource('AWS::Cognito::UserPoolGroup', { UserPoolId: 'eu-west-1_other', GroupName: 'x', Precedence: 0 }),
  });
  expect(readPool(resources, 'eu-west-1', localIdsOf(resources, 'eu-west-1')).groups).toEqual([
    { groupName: 'admin', precedence: 0 },
    { groupName: 'editor', precedence: 1 },
    { groupName: 'readers' },
  ]);
});

test('the pool: its MFA configuration, the factors it enables, and the lifetime of a sign-in challenge', () => {
  const resources = new TemplateResources({
    Pool: resource('AWS::Cognito::UserPool', { MfaConfiguration: 'ON', EnabledMfas: ['SOFTWARE_TOKEN_MFA'] }),
    Client: resource('AWS::Cognito::UserPoolClient', { AuthSessionValidity: 10 }),
  });
  const pool = readPool(resources, 'eu-west-1', localIdsOf(resources, 'eu-west-1'));
  expect(pool).toMatchObject({ mfaConfiguration: 'ON', enabledMfas: ['SOFTWARE_TOKEN_MFA'] });
  expect(pool.clients[0].authSessionValidityMinutes).toBe(10);
});

test("the pool: the code email is the template's VerificationMessageTemplate, else the older EmailVerification* properties", () => {
  const poolWith = (properties: Record<string, unknown>) => {
    const resources = new TemplateResources({
      Pool: resource('AWS::Cognito::UserPool', properties),
      Client: resource('AWS::Cognito::UserPoolClient', {}),
    });
    return readPool(resources, 'eu-west-1', localIdsOf(resources, 'eu-west-1'));
  };
  expect(
    poolWith({
      VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_CODE', EmailSubject: 'S', EmailMessage: '<b>{####}</b>' },
      EmailVerificationSubject: 'old',
      EmailVerificationMessage: 'old {####}',
    }).codeMessage,
  ).toEqual({ subject: 'S', body: '<b>{####}</b>' });
  expect(poolWith({ EmailVerificationSubject: 'old', EmailVerificationMessage: 'old {####}' }).codeMessage).toEqual({
    subject: 'old',
    body: 'old {####}',
  });
  expect(() => poolWith({ VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_LINK' } })).toThrow(
    'The Cognito twin sends codes, not links',
  );
});

test('functions: the bundle directory, the environment resolved to local ids, the logging config', () => {
  const resources = new TemplateResources({
    Pool: resource('AWS::Cognito::UserPool', {}),
    Fn: resource(
      'AWS::Lambda::Function',
      {
        Handler: 'index.handler',
        Environment: { Variables: { POOL: { Ref: 'Pool' }, WHERE: { 'Fn::Join': ['-', [{ Ref: 'AWS::Region' }, 'x']] } } },
        LoggingConfig: { LogFormat: 'JSON' },
      },
      { 'aws:asset:path': 'asset.abc' },
    ),
  });
  const [fn] = Object.values(readFunctions(resources, '/out', 'eu-west-1', { Pool: 'eu-west-1_local' }, 'dev'));
  expect(fn).toEqual({
    logicalId: 'Fn',
    codeDir: '/out/asset.abc',
    handler: 'index.handler',
    environment: { POOL: 'eu-west-1_local', WHERE: 'eu-west-1-x' },
    timeoutSeconds: 3,
    memoryMb: 128,
    logging: { format: 'JSON', applicationLogLevel: 'INFO' },
    role: undefined,
  });
});

test("functions: the execution role's ARN and its policies, the pool's ARN resolved to the local pool's", () => {
  const resources = new TemplateResources({
    Pool: resource('AWS::Cognito::UserPool', {}),
    Logs: resource('AWS::Logs::LogGroup', {}),
    Role: resource('AWS::IAM::Role', {
      Policies: [
        {
          PolicyDocument: {
            Statement: [{ Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: { 'Fn::GetAtt': ['Logs', 'Arn'] } }],
          },
        },
      ],
    }),
    Policy: resource('AWS::IAM::Policy', {
      Roles: [{ Ref: 'Role' }],
      PolicyDocument: {
        Statement: [{ Effect: 'Allow', Action: 'cognito-idp:ListUsers', Resource: { 'Fn::GetAtt': ['Pool', 'Arn'] } }],
      },
    }),
    Fn: resource(
      'AWS::Lambda::Function',
      { Handler: 'index.handler', Role: { 'Fn::GetAtt': ['Role', 'Arn'] } },
      { 'aws:asset:path': 'a' },
    ),
  });
  const [fn] = Object.values(readFunctions(resources, '/out', 'eu-west-1', { Pool: 'eu-west-1_local' }, 'dev'));
  expect(fn.role).toEqual({
    arn: 'arn:aws:iam::000000000000:role/Role',
    statements: [
      {
        effect: 'Allow',
        actions: ['cognito-idp:ListUsers'],
        resources: ['arn:aws:cognito-idp:eu-west-1:000000000000:userpool/eu-west-1_local'],
      },
      { effect: 'Allow', actions: ['logs:PutLogEvents'], resources: ['arn:aws:logs:eu-west-1:000000000000:Logs'] },
    ],
  });
});

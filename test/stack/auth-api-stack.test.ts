import { Match, type Template } from 'aws-cdk-lib/assertions';
import { routes as contractRoutes, type RouteSpec } from '../../contract/routes';
import { synthError, synthTemplate } from '../support/synth';

const template = synthTemplate();

type Resources = Record<string, { Properties: Record<string, any> }>;

/** The API's methods, CORS preflights (OPTIONS) left out, each with its full path (/mfa/totp/verify). */
function methods(t: Template = template): Array<{ path: string; method: string; props: Record<string, any> }> {
  const resources = t.findResources('AWS::ApiGateway::Resource') as Resources;
  const pathOf = (id: string | undefined): string => {
    const resource = id === undefined ? undefined : resources[id];
    return resource ? `${pathOf(resource.Properties.ParentId.Ref)}/${resource.Properties.PathPart}` : '';
  };
  return Object.values(t.findResources('AWS::ApiGateway::Method') as Resources)
    .filter(({ Properties }) => Properties.HttpMethod !== 'OPTIONS')
    .map(({ Properties }) => ({
      path: pathOf(Properties.ResourceId.Ref) || '/',
      method: Properties.HttpMethod,
      props: Properties,
    }));
}

/** The routes of two-factor sign-in: there with mfa optional (the default) or required, not with mfa off. */
const mfaRoutes = [
  'DELETE /mfa/totp',
  'POST /mfa/totp',
  'POST /mfa/totp/verify',
  'POST /sign-in/totp',
  'POST /sign-in/totp-setup',
];
const mfaAccessTokenRoutes = ['DELETE /mfa/totp', 'POST /mfa/totp', 'POST /mfa/totp/verify'];
/** The admin API: access-token routes for the group admin, whose handlers' roles may call the Admin* operations. */
const adminRoutes = (contractRoutes as readonly RouteSpec[])
  .filter((route) => route.request?.group === 'admin')
  .map((route) => `${route.method} ${route.path}`);

describe('user pool groups (-c groups)', () => {
  test('by default one group, admin, at the highest precedence', () => {
    const groups = Object.values(template.findResources('AWS::Cognito::UserPoolGroup') as Resources);
    expect(groups.map((g) => [g.Properties.GroupName, g.Properties.Precedence])).toEqual([['admin', 0]]);
    expect(groups[0].Properties.UserPoolId.Ref).toMatch(/^UsersUserPool/);
  });

  test('-c groups=admin,editor: one resource per group, precedence in the order given', () => {
    const groups = Object.values(
      synthTemplate({ groups: 'admin,editor' }).findResources('AWS::Cognito::UserPoolGroup') as Resources,
    );
    expect(groups.map((g) => [g.Properties.GroupName, g.Properties.Precedence])).toEqual([
      ['admin', 0],
      ['editor', 1],
    ]);
  });
});

describe('user pool', () => {
  test('people sign themselves up, with their email as the case-insensitive sign-in name', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
      UsernameAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
    });
  });

  test('email is required and verified by a code before the account is confirmed', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AutoVerifiedAttributes: ['email'],
      Schema: Match.arrayWith([Match.objectLike({ Name: 'email', Required: true })]),
      VerificationMessageTemplate: Match.objectLike({ DefaultEmailOption: 'CONFIRM_WITH_CODE' }),
    });
  });

  test('accounts are recovered by email only', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
    });
  });

  test('the password policy asks for length (12 by default), not composition', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: 12,
          RequireLowercase: false,
          RequireUppercase: false,
          RequireNumbers: false,
          RequireSymbols: false,
        }),
      },
    });
  });

  test('the minimum password length is configurable through context', () => {
    synthTemplate({ passwordMinLength: '16' }).hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 16 }) },
    });
  });

  test('a minimum password length below 8 fails the synth', () => {
    expect(synthError({ passwordMinLength: '6' })).toMatch(/passwordMinLength/);
  });

  test('an email change waits for the new address to be verified', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
    });
  });

  test('the pool is retained when the stack is deleted, so users are never lost', () => {
    template.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });
});

describe('app client', () => {
  test('is a public client: no secret', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', { GenerateSecret: false });
  });

  const clientOf = (t: Template) => Object.values(t.findResources('AWS::Cognito::UserPoolClient') as Resources)[0].Properties;

  // Cognito refuses REFRESH_TOKEN_AUTH on a rotating client; /refresh calls GetTokensFromRefreshToken either way.
  test('rotates refresh tokens by default, with a 10-second grace period, and allows the password flow alone', () => {
    const client = clientOf(template);
    expect(client.RefreshTokenRotation).toEqual({ Feature: 'ENABLED', RetryGracePeriodSeconds: 10 });
    expect(client.ExplicitAuthFlows).toEqual(['ALLOW_USER_PASSWORD_AUTH']);
  });

  test('a grace period of 0 is written as 0: the rotated-out token ends at once', () => {
    expect(clientOf(synthTemplate({ refreshTokenGracePeriodSeconds: '0' })).RefreshTokenRotation).toEqual({
      Feature: 'ENABLED',
      RetryGracePeriodSeconds: 0,
    });
  });

  test('without rotation: no RefreshTokenRotation, and the password flow and REFRESH_TOKEN_AUTH', () => {
    const client = clientOf(synthTemplate({ refreshTokenRotation: 'false' }));
    expect(client.RefreshTokenRotation).toBeUndefined();
    expect([...client.ExplicitAuthFlows].sort()).toEqual(['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_PASSWORD_AUTH']);
  });

  test('a grace period outside 0 to 60 fails the synth, naming the key', () => {
    expect(synthError({ refreshTokenGracePeriodSeconds: '61' })).toMatch(
      /Context key refreshTokenGracePeriodSeconds must be an integer from 0 to 60 \(received: "61"\)/,
    );
  });

  test('hides whether a user exists and can revoke tokens', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
    });
  });

  test('issues id and access tokens for 60 minutes and refresh tokens for 30 days', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      IdTokenValidity: 60,
      AccessTokenValidity: 60,
      RefreshTokenValidity: 30 * 24 * 60,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' },
    });
  });

  test('has no OAuth flows or hosted UI', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlowsUserPoolClient: false,
      AllowedOAuthFlows: Match.absent(),
      CallbackURLs: Match.absent(),
    });
  });
});

describe('lambda functions', () => {
  const functionsById = Object.entries(template.findResources('AWS::Lambda::Function') as Resources);
  const functions = functionsById.map(([, fn]) => fn);

  test('there is one function per route: the seventeen of the account lifecycle and self-service, POST /credentials and GET /private, the five of two-factor sign-in, the example GET /notes/{id} and the nine of the admin API', () => {
    expect(functions).toHaveLength(34);
    expect(Object.keys(synthTemplate({ identityPool: 'false' }).findResources('AWS::Lambda::Function'))).toHaveLength(32);
    expect(Object.keys(synthTemplate({ mfa: 'off' }).findResources('AWS::Lambda::Function'))).toHaveLength(29);
  });

  const environmentOf = (t: Template, handler: string) =>
    Object.entries(t.findResources('AWS::Lambda::Function') as Resources).find(([id]) =>
      id.startsWith(`Api${handler}Function`),
    )?.[1].Properties.Environment.Variables;

  test('the two routes that hand out a TOTP key name its issuer, the API and its stage', () => {
    for (const handler of ['MfaTotp', 'SignInTotpSetup']) {
      expect(environmentOf(template, handler).TOTP_ISSUER).toBe('cognito-auth-api (dev)');
      expect(environmentOf(synthTemplate({ stage: 'prod' }), handler).TOTP_ISSUER).toBe('cognito-auth-api (prod)');
    }
  });

  test('DELETE /mfa/totp knows the deployment’s mfa mode, which decides whether it refuses', () => {
    expect(environmentOf(template, 'MfaTotpDelete').MFA_MODE).toBe('optional');
    expect(environmentOf(synthTemplate({ mfa: 'required' }), 'MfaTotpDelete').MFA_MODE).toBe('required');
  });

  test.each(functionsById)('every function runs Node.js 24 on arm64 with an explicit timeout and memory (%s)', (_, fn) => {
    expect(fn.Properties).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Timeout: 10,
      MemorySize: expect.any(Number),
    });
  });

  test('every function knows the app client id', () => {
    for (const fn of functions) {
      expect(fn.Properties.Environment.Variables.USER_POOL_CLIENT_ID).toEqual({
        Ref: expect.stringMatching(/^UsersUserPoolAppClient/),
      });
    }
  });

  test("the only Cognito actions granted are each admin route's own, named in its row, on this pool's ARN alone", () => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy') as Resources);
    const adminRows = (contractRoutes as readonly RouteSpec[]).filter((route) => route.cognitoActions);
    expect(adminRows).toHaveLength(9);
    const granted = policies.flatMap((p) =>
      (p.Properties.PolicyDocument.Statement as any[])
        .filter((s) => [s.Action].flat().some((a: string) => /^cognito/i.test(a)))
        .map((s) => ({ actions: [s.Action].flat(), resource: s.Resource, role: p.Properties.Roles[0].Ref as string })),
    );
    expect(granted.map((g) => g.actions.join(',')).sort()).toEqual(
      adminRows
        .map((route) =>
          [...(route.cognitoActions ?? [])]
            .sort()
            .map((a) => `cognito-idp:${a}`)
            .join(','),
        )
        .sort(),
    );
    for (const g of granted) {
      expect(g.resource).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^UsersUserPool/), 'Arn'] });
      expect(g.role).toMatch(/^ApiAdmin/);
    }
  });

  test('no other IAM statement grants any Cognito action: the other operations are public or authorized by the user’s token', () => {
    const statements = Object.values(template.findResources('AWS::IAM::Policy') as Resources)
      .flatMap((p) => p.Properties.PolicyDocument.Statement)
      .filter((s) => ![s.Action].flat().some((a: string) => /^cognito-idp:(Admin|ListUsers)/.test(a)));
    // The identity pool's own roles are trusted by Cognito Identity (test/stack/identity-pool.test.ts).
    const roles = Object.entries(template.findResources('AWS::IAM::Role') as Resources)
      .filter(([id]) => !id.startsWith('IdentityIdentityPool'))
      .map(([, role]) => role);
    const inline = roles.flatMap((r) => (r.Properties.Policies ?? []).flatMap((p: any) => p.PolicyDocument.Statement));
    const actions = [...statements, ...inline].flatMap((s) => [s.Action].flat());
    expect(actions.filter((a) => /cognito/i.test(String(a)))).toEqual([]);
    expect(JSON.stringify(roles)).not.toMatch(/Cognito/i);
  });

  test('every function has a log group with a retention', () => {
    const groups = Object.values(template.findResources('AWS::Logs::LogGroup') as Resources);
    expect(groups.length).toBeGreaterThanOrEqual(functions.length);
    for (const group of groups) expect(group.Properties.RetentionInDays).toEqual(expect.any(Number));
  });
});

describe('REST API', () => {
  const lifecycle = [
    'DELETE /me',
    'GET /me',
    'GET /public',
    'GET /secret',
    'PATCH /me',
    'POST /change-email',
    'POST /change-password',
    'POST /confirm',
    'POST /forgot-password',
    'POST /refresh',
    'POST /resend-code',
    'POST /reset-password',
    'POST /sign-in',
    'POST /sign-out',
    'POST /sign-out-everywhere',
    'POST /sign-up',
    'POST /verify-email',
  ];
  // docs/add-a-route.md's example, served like any other row.
  const example = ['GET /notes/{id}'];

  const routes = (t: Template) => methods(t).map((m) => `${m.method} ${m.path}`);

  test('serves the seventeen routes of the account lifecycle and self-service, POST /credentials and GET /private with the identity pool, the five of two-factor sign-in and the example', () => {
    expect(routes(template).sort()).toEqual(
      [...lifecycle, 'GET /private', 'POST /credentials', ...mfaRoutes, ...example, ...adminRoutes].sort(),
    );
    expect(routes(synthTemplate({ identityPool: 'false' })).sort()).toEqual(
      [...lifecycle, ...mfaRoutes, ...example, ...adminRoutes].sort(),
    );
  });

  // optional is the default; true and false read as optional and off (test/stack/config.test.ts).
  test.each([
    [{ mfa: 'off' }, false],
    [{}, true],
    [{ mfa: 'required' }, true],
  ])('with %j the routes of two-factor sign-in are there: %s', (context, present) => {
    const served = routes(synthTemplate(context));
    expect(mfaRoutes.filter((route) => served.includes(route))).toEqual(present ? mfaRoutes : []);
    expect(served).toEqual(expect.arrayContaining(lifecycle));
  });

  test('the Cognito authorizer reads the Authorization header of the pool', () => {
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'COGNITO_USER_POOLS',
      IdentitySource: 'method.request.header.Authorization',
      ProviderARNs: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^UsersUserPool'), 'Arn'] }],
    });
  });

  const name = (m: { method: string; path: string }) => `${m.method} ${m.path}`;
  const accessTokenRoutes = [
    'DELETE /me',
    'PATCH /me',
    'POST /change-email',
    'POST /change-password',
    'POST /sign-out-everywhere',
    'POST /verify-email',
  ];

  test('the authorizer guards GET /secret, GET /me, GET /notes/{id}, POST /credentials, the six account routes, the three of /mfa/totp and the admin API, and nothing else', () => {
    const guarded = methods().filter((m) => m.props.AuthorizationType === 'COGNITO_USER_POOLS');
    expect(guarded.map(name).sort()).toEqual(
      [
        'GET /me',
        'GET /notes/{id}',
        'GET /secret',
        'POST /credentials',
        ...accessTokenRoutes,
        ...mfaAccessTokenRoutes,
        ...adminRoutes,
      ].sort(),
    );
    for (const m of guarded) expect(m.props.AuthorizerId).toEqual({ Ref: expect.stringMatching(/Authorizer/) });
  });

  test('the scope aws.cognito.signin.user.admin, which wants an access token, is on exactly the six account routes, /mfa/totp and the admin API', () => {
    const scoped = methods().filter((m) => m.props.AuthorizationScopes !== undefined);
    expect(scoped.map(name).sort()).toEqual([...accessTokenRoutes, ...mfaAccessTokenRoutes, ...adminRoutes].sort());
    for (const m of scoped) expect(m.props.AuthorizationScopes).toEqual(['aws.cognito.signin.user.admin']);
  });

  // With -c rolesClaim on the Essentials plan the pre token generation trigger puts group/<name> in
  // members' access tokens, and the admin API's authorizer requires group/admin instead.
  const scopesOf = (type: string, context: Record<string, string>) =>
    Object.values(synthTemplate(context).findResources(type) as Record<string, { Properties: any }>)
      .map(({ Properties }) => Properties.AuthorizationScopes)
      .filter((scopes) => scopes !== undefined)
      .map((scopes) => scopes.join(' '));
  const count = (scopes: string[], scope: string) => scopes.filter((s) => s === scope).length;
  test.each([
    [
      'REST',
      'AWS::ApiGateway::Method',
      { groups: 'admin,editor', allowedEmailDomains: 'example.com,example.org', defaultGroup: 'editor' },
    ],
    ['HTTP', 'AWS::ApiGatewayV2::Route', { api: 'http' }],
  ])('-c rolesClaim: the %s API requires group/admin on exactly the admin API', (_flavor, type, context) => {
    const scopes = scopesOf(type, { ...context, rolesClaim: 'true' });
    expect(count(scopes, 'group/admin')).toBe(adminRoutes.length);
    expect(count(scopes, 'aws.cognito.signin.user.admin')).toBe(accessTokenRoutes.length + mfaAccessTokenRoutes.length);
    expect(scopes).toHaveLength(adminRoutes.length + accessTokenRoutes.length + mfaAccessTokenRoutes.length);
  });

  test('-c rolesClaim on Lite: V1_0 events cannot add scopes, so the function alone refuses non-members', () => {
    const scopes = scopesOf('AWS::ApiGateway::Method', { rolesClaim: 'true', refreshTokenRotation: 'false' });
    expect(count(scopes, 'group/admin')).toBe(0);
    expect(count(scopes, 'aws.cognito.signin.user.admin')).toBe(
      adminRoutes.length + accessTokenRoutes.length + mfaAccessTokenRoutes.length,
    );
  });

  test('GET /secret and GET /me name no scope, so the authorizer wants an id token there', () => {
    const idTokenRoutes = methods().filter((m) => m.method === 'GET' && (m.path === '/secret' || m.path === '/me'));
    expect(idTokenRoutes).toHaveLength(2);
    for (const m of idTokenRoutes) expect(m.props.AuthorizationScopes).toBeUndefined();
  });

  test('every other route needs no authorization: it is how a caller gets, renews or gives up a token', () => {
    const open = methods().filter((m) => !['COGNITO_USER_POOLS', 'AWS_IAM'].includes(m.props.AuthorizationType));
    // The nine of sign-up, sign-in, refresh, sign-out, recovery and /public, and the two steps after a sign-in's password.
    expect(open).toHaveLength(11);
    expect(open.map(name)).toEqual(expect.arrayContaining(['POST /sign-in/totp', 'POST /sign-in/totp-setup']));
    for (const m of open) expect(m.props.AuthorizationType).toBe('NONE');
  });

  test('each route proxies to its own function', () => {
    for (const m of methods()) {
      expect(m.props.Integration).toMatchObject({ Type: 'AWS_PROXY', IntegrationHttpMethod: 'POST' });
    }
    const functionRefs = methods().map((m) => JSON.stringify(m.props.Integration.Uri).match(/Api(\w+?)Function/)?.[1]);
    expect(new Set(functionRefs).size).toBe(34);
  });
});

describe('gateway responses', () => {
  const responses = Object.values(template.findResources('AWS::ApiGateway::GatewayResponse') as Resources).map(
    (r) => r.Properties,
  );
  const byType = (type: string) => responses.find((r) => r.ResponseType === type);

  test.each([
    ['UNAUTHORIZED', '401', 'Unauthorized'],
    ['MISSING_AUTHENTICATION_TOKEN', '404', 'NotFound'],
    ['THROTTLED', '429', 'TooManyRequests'],
    ['REQUEST_TOO_LARGE', '413', 'InvalidRequest'],
    ['INTEGRATION_FAILURE', '502', 'InternalError'],
    ['INTEGRATION_TIMEOUT', '504', 'InternalError'],
  ])('%s answers %s with code %s in the JSON envelope', (type, status, code) => {
    const response = byType(type);
    expect(response?.StatusCode).toBe(status);
    const body = response?.ResponseTemplates['application/json'] as string;
    expect(body).toMatch(new RegExp(`^\\{"code":"${code}","message":`));
    expect(response?.ResponseParameters['gatewayresponse.header.Content-Type']).toBe("'application/json'");
  });

  test('the 4XX and 5XX defaults keep their status and use the envelope', () => {
    expect(byType('DEFAULT_4XX')?.StatusCode).toBeUndefined();
    expect(byType('DEFAULT_5XX')?.StatusCode).toBeUndefined();
    expect(byType('DEFAULT_4XX')?.ResponseTemplates['application/json']).toBe(
      '{"code":"InvalidRequest","message":$context.error.messageString}',
    );
    expect(byType('DEFAULT_5XX')?.ResponseTemplates['application/json']).toContain('"code":"InternalError"');
  });

  test('a 5xx body names the request id and nothing else of the failure', () => {
    expect(byType('DEFAULT_5XX')?.ResponseTemplates['application/json']).toBe(
      '{"code":"InternalError","message":"Something went wrong on our side (request id $context.requestId)."}',
    );
  });

  test('every gateway response template is valid JSON once its variables are filled in', () => {
    for (const r of responses) {
      const filled = (r.ResponseTemplates['application/json'] as string)
        .replace('$context.error.messageString', '"Forbidden"')
        .replace('$context.requestId', 'a1b2-c3');
      expect(() => JSON.parse(filled)).not.toThrow();
    }
  });
});

describe('outputs', () => {
  test('give a client what it needs: the API URL and flavor, pool id, client id, region and identity pool id', () => {
    const outputs = template.findOutputs('*');
    expect(Object.keys(outputs).sort()).toEqual([
      'ApiFlavor',
      'ApiUrl',
      'IdentityPoolId',
      'Region',
      'UserPoolClientId',
      'UserPoolId',
    ]);
    expect(outputs.ApiFlavor.Value).toBe('rest');
    expect(outputs.IdentityPoolId.Value).toEqual({ Ref: expect.stringMatching(/^IdentityIdentityPool/) });
    expect(Object.keys(synthTemplate({ identityPool: 'false' }).findOutputs('*')).sort()).toEqual([
      'ApiFlavor',
      'ApiUrl',
      'Region',
      'UserPoolClientId',
      'UserPoolId',
    ]);
    expect(outputs.UserPoolId.Value).toEqual({ Ref: expect.stringMatching(/^UsersUserPool/) });
    expect(outputs.UserPoolClientId.Value).toEqual({ Ref: expect.stringMatching(/^UsersUserPoolAppClient/) });
    expect(JSON.stringify(outputs.ApiUrl.Value)).toContain('execute-api');
    expect(outputs.ApiUrl.Value['Fn::Join'][1].slice(-2)).toEqual([{ Ref: expect.stringMatching(/Stagedev/) }, '/']);
  });
});

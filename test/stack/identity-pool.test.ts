import { synthTemplate } from '../support/synth';

const template = synthTemplate();
const withoutPool = synthTemplate({ identityPool: 'false' });

type Resources = Record<string, { Type: string; Properties: Record<string, any> }>;
const resources = (t = template) => Object.entries(t.toJSON().Resources as Resources);
const ofType = (type: string, t = template) => resources(t).filter(([, r]) => r.Type === type);

const [[poolId, pool]] = ofType('AWS::Cognito::IdentityPool');
const [[, attachment]] = ofType('AWS::Cognito::IdentityPoolRoleAttachment');
const authenticatedRoleId = attachment.Properties.Roles.authenticated['Fn::GetAtt'][0] as string;
const unauthenticatedRoleId = attachment.Properties.Roles.unauthenticated['Fn::GetAtt'][0] as string;
const roleOf = (id: string) => template.toJSON().Resources[id] as Resources[string];
/** Every IAM statement that applies to a role: its inline policies and the AWS::IAM::Policy resources attached to it. */
const statementsOf = (roleId: string) => [
  ...(roleOf(roleId).Properties.Policies ?? []).flatMap((p: any) => p.PolicyDocument.Statement),
  ...ofType('AWS::IAM::Policy')
    .filter(([, p]) => JSON.stringify(p.Properties.Roles).includes(`"${roleId}"`))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement),
];
const restApiId = ofType('AWS::ApiGateway::RestApi')[0][0];

describe('identity pool', () => {
  test('there is one, and none with -c identityPool=false', () => {
    expect(ofType('AWS::Cognito::IdentityPool')).toHaveLength(1);
    expect(ofType('AWS::Cognito::IdentityPool', withoutPool)).toEqual([]);
    expect(ofType('AWS::Cognito::IdentityPoolRoleAttachment', withoutPool)).toEqual([]);
  });

  test('accepts the app client of the user pool as its only provider, with the server-side token check', () => {
    expect(pool.Properties.CognitoIdentityProviders).toEqual([
      {
        ClientId: { Ref: expect.stringMatching(/^UsersUserPoolAppClient/) },
        ProviderName: {
          'Fn::Join': [
            '',
            [
              'cognito-idp.',
              { Ref: 'AWS::Region' },
              '.',
              { Ref: 'AWS::URLSuffix' },
              '/',
              { Ref: expect.stringMatching(/^UsersUserPool/) },
            ],
          ],
        },
        ServerSideTokenCheck: true,
      },
    ]);
    for (const other of ['SupportedLoginProviders', 'OpenIdConnectProviderARNs', 'SamlProviderARNs', 'DeveloperProviderName']) {
      expect(pool.Properties[other]).toBeUndefined();
    }
  });

  test('has no guest (unauthenticated) identities and no basic (classic) flow', () => {
    expect(pool.Properties).toMatchObject({ AllowUnauthenticatedIdentities: false, AllowClassicFlow: false });
  });
});

describe("the identity pool's authenticated role", () => {
  test('is trusted only by Cognito Identity, for this identity pool (aud) and authenticated identities (amr)', () => {
    expect(roleOf(authenticatedRoleId).Properties.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { Federated: 'cognito-identity.amazonaws.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { 'cognito-identity.amazonaws.com:aud': { Ref: poolId } },
          'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
        },
      },
    ]);
  });

  test('may invoke GET /private of this API and stage, and nothing else', () => {
    expect(statementsOf(authenticatedRoleId)).toEqual([
      {
        Effect: 'Allow',
        Action: 'execute-api:Invoke',
        Resource: {
          'Fn::Join': [
            '',
            [
              'arn:',
              { Ref: 'AWS::Partition' },
              ':execute-api:',
              { Ref: 'AWS::Region' },
              ':',
              { Ref: 'AWS::AccountId' },
              ':',
              { Ref: restApiId },
              '/dev/GET/private',
            ],
          ],
        },
      },
    ]);
    expect(roleOf(authenticatedRoleId).Properties.ManagedPolicyArns).toBeUndefined();
  });

  test('names the stage it is deployed as', () => {
    const prod = synthTemplate({ stage: 'prod' });
    const [[, policy]] = ofType('AWS::IAM::Policy', prod).filter(([id]) => id.startsWith('IdentityIdentityPoolAuthenticated'));
    expect(JSON.stringify(policy.Properties.PolicyDocument)).toContain('"/prod/GET/private"');
  });

  test('the unauthenticated role the construct also creates is trusted only for guests, whom the pool refuses, and allows nothing', () => {
    expect(roleOf(unauthenticatedRoleId).Properties.AssumeRolePolicyDocument.Statement[0].Condition).toEqual({
      StringEquals: { 'cognito-identity.amazonaws.com:aud': { Ref: poolId } },
      'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'unauthenticated' },
    });
    expect(statementsOf(unauthenticatedRoleId)).toEqual([]);
    expect(roleOf(unauthenticatedRoleId).Properties.ManagedPolicyArns).toBeUndefined();
  });
});

describe('AWS_IAM authorization', () => {
  const methodsByAuthorization = (t = template) =>
    ofType('AWS::ApiGateway::Method', t)
      .filter(([, m]) => m.Properties.AuthorizationType === 'AWS_IAM')
      .map(([, m]) => {
        const resource = t.toJSON().Resources[m.Properties.ResourceId.Ref] as Resources[string];
        return `${m.Properties.HttpMethod} /${resource.Properties.PathPart}`;
      });

  test('guards GET /private and nothing else', () => {
    expect(methodsByAuthorization()).toEqual(['GET /private']);
  });

  test('guards nothing with -c identityPool=false', () => {
    expect(methodsByAuthorization(withoutPool)).toEqual([]);
  });
});

describe('the functions of the identity routes', () => {
  const environmentOf = (route: string, t = template) =>
    ofType('AWS::Lambda::Function', t)
      .filter(([id]) => id.startsWith(`Api${route}`))
      .map(([, fn]) => fn.Properties.Environment.Variables)[0];

  test('POST /credentials is told the user pool and the identity pool; GET /private the user pool', () => {
    expect(environmentOf('Credentials')).toMatchObject({
      USER_POOL_ID: { Ref: expect.stringMatching(/^UsersUserPool/) },
      IDENTITY_POOL_ID: { Ref: poolId },
    });
    expect(environmentOf('Private')).toMatchObject({ USER_POOL_ID: { Ref: expect.stringMatching(/^UsersUserPool/) } });
    expect(environmentOf('Private').IDENTITY_POOL_ID).toBeUndefined();
  });

  test('no other function is told the identity pool', () => {
    const others = ofType('AWS::Lambda::Function').filter(([id]) => !id.startsWith('ApiCredentials'));
    for (const [, fn] of others) expect(fn.Properties.Environment.Variables.IDENTITY_POOL_ID).toBeUndefined();
  });
});

describe('gateway responses to a SigV4 request API Gateway refuses', () => {
  const responseOf = (type: string, t = template) =>
    ofType('AWS::ApiGateway::GatewayResponse', t).find(([, r]) => r.Properties.ResponseType === type)?.[1].Properties;

  test.each([
    ['INVALID_SIGNATURE', '401', 'Unauthorized', /SigV4 signature does not match/],
    ['EXPIRED_TOKEN', '401', 'Unauthorized', /credentials have expired: get new ones from POST \/credentials/],
    ['ACCESS_DENIED', '403', 'AccessDenied', /may not call this route/],
    ['MISSING_AUTHENTICATION_TOKEN', '404', 'NotFound', /No such route.*needs a SigV4 signature \(GET \/private\).*not signed/],
  ])('%s answers %s %s with a message that says what to do', (type, status, code, message) => {
    const response = responseOf(type);
    expect(response?.StatusCode).toBe(status);
    const body = JSON.parse(response?.ResponseTemplates['application/json']);
    expect(body.code).toBe(code);
    expect(body.message).toMatch(message);
  });

  test('with -c identityPool=false there are none, and the unknown-route answer mentions no signature', () => {
    for (const type of ['INVALID_SIGNATURE', 'EXPIRED_TOKEN', 'ACCESS_DENIED'])
      expect(responseOf(type, withoutPool)).toBeUndefined();
    expect(JSON.parse(responseOf('MISSING_AUTHENTICATION_TOKEN', withoutPool)?.ResponseTemplates['application/json'])).toEqual({
      code: 'NotFound',
      message: 'No such route: check the method and path.',
    });
  });
});

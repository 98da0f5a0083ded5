import { readIdentityPool } from '../../local/stack-model/identity-pool';
import { localIdsOf } from '../../local/stack-model/pool';
import { readRoutes } from '../../local/stack-model/routes';
import { type Resource, TemplateResources } from '../../local/stack-model/template';
import { synthTemplate } from '../support/synth';

// The shapes aws-cdk-lib/aws-cognito-identitypool and RestApi.arnForExecuteApi synthesize, by hand.
const resource = (Type: string, Properties: Record<string, unknown>): Resource => ({ Type, Properties });
const localIds = { Pool: 'us-east-1_Local1234', Client: 'localclient', IdPool: 'us-east-1:11111111-2222-3333-4444-555555555555' };
const executeApiArn = (method: string, path: string) => ({
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
      { Ref: 'Api' },
    ].concat(['/', { Ref: 'Stage' }, `/${method}${path}`]),
  ],
});
const trust = (amr: string) => ({
  Statement: [
    {
      Effect: 'Allow',
      Action: 'sts:AssumeRoleWithWebIdentity',
      Principal: { Federated: 'cognito-identity.amazonaws.com' },
      Condition: {
        StringEquals: { 'cognito-identity.amazonaws.com:aud': { Ref: 'IdPool' } },
        'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': amr },
      },
    },
  ],
});
const template = (amr = 'authenticated') =>
  new TemplateResources({
    Pool: resource('AWS::Cognito::UserPool', {}),
    Client: resource('AWS::Cognito::UserPoolClient', {}),
    Api: resource('AWS::ApiGateway::RestApi', {}),
    Stage: resource('AWS::ApiGateway::Stage', { StageName: 'dev' }),
    IdPool: resource('AWS::Cognito::IdentityPool', {
      AllowUnauthenticatedIdentities: false,
      CognitoIdentityProviders: [{ ClientId: { Ref: 'Client' }, ProviderName: { 'Fn::GetAtt': ['Pool', 'ProviderName'] } }],
    }),
    AuthRole: resource('AWS::IAM::Role', { AssumeRolePolicyDocument: trust(amr) }),
    AuthPolicy: resource('AWS::IAM::Policy', {
      Roles: [{ Ref: 'AuthRole' }],
      PolicyDocument: {
        Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: executeApiArn('GET', '/private') }],
      },
    }),
    Attachment: resource('AWS::Cognito::IdentityPoolRoleAttachment', {
      IdentityPoolId: { Ref: 'IdPool' },
      Roles: { authenticated: { 'Fn::GetAtt': ['AuthRole', 'Arn'] } },
    }),
  });

test('the identity pool: a stable <region>:<uuid> id, its user pool client as provider, its role and the role’s policy', () => {
  const model = readIdentityPool(template(), 'us-east-1', localIds, 'dev');
  expect(model).toEqual({
    identityPoolId: 'us-east-1:11111111-2222-3333-4444-555555555555',
    allowUnauthenticated: false,
    providers: [
      {
        providerName: 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Local1234',
        clientId: 'localclient',
        serverSideTokenCheck: false,
      },
    ],
    authenticatedRole: {
      logicalId: 'AuthRole',
      arn: 'arn:aws:iam::000000000000:role/AuthRole',
      trustsAuthenticatedIdentities: true,
      statements: [
        {
          effect: 'Allow',
          actions: ['execute-api:Invoke'],
          resources: ['arn:aws:execute-api:us-east-1:000000000000:local/dev/GET/private'],
        },
      ],
    },
  });
});

test('a provider’s ServerSideTokenCheck is read as the template sets it, and as off where it is absent', () => {
  const resources = template();
  const [provider] = resources.all.IdPool.Properties.CognitoIdentityProviders;
  provider.ServerSideTokenCheck = true;
  expect(readIdentityPool(resources, 'us-east-1', localIds, 'dev')?.providers).toEqual([
    expect.objectContaining({ clientId: 'localclient', serverSideTokenCheck: true }),
  ]);
});

test('a role whose trust policy names only unauthenticated identities is read as not trusting authenticated ones', () => {
  expect(readIdentityPool(template('unauthenticated'), 'us-east-1', localIds, 'dev')?.authenticatedRole).toMatchObject({
    trustsAuthenticatedIdentities: false,
  });
});

test('the identity pool’s local id: stable, Cognito-shaped <region>:<uuid>, in the ids function environments resolve', () => {
  const ids = localIdsOf(template(), 'us-east-1');
  expect(ids.IdPool).toMatch(/^us-east-1:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  expect(localIdsOf(template(), 'us-east-1').IdPool).toBe(ids.IdPool);
});

test('no identity pool in the template: none in the model', () => {
  const resources = new TemplateResources({ Pool: resource('AWS::Cognito::UserPool', {}) });
  expect(readIdentityPool(resources, 'us-east-1', localIds, 'dev')).toBeUndefined();
});

test('routes: AWS_IAM authorization is read as { kind: "iam" }, and only there', () => {
  const resources = new TemplateResources({
    Api: resource('AWS::ApiGateway::RestApi', {}),
    Private: resource('AWS::ApiGateway::Resource', {
      PathPart: 'private',
      ParentId: { 'Fn::GetAtt': ['Api', 'RootResourceId'] },
    }),
    Public: resource('AWS::ApiGateway::Resource', { PathPart: 'public', ParentId: { 'Fn::GetAtt': ['Api', 'RootResourceId'] } }),
    GetPrivate: resource('AWS::ApiGateway::Method', {
      HttpMethod: 'GET',
      ResourceId: { Ref: 'Private' },
      AuthorizationType: 'AWS_IAM',
      Integration: { Type: 'AWS_PROXY', Uri: { 'Fn::GetAtt': ['Fn', 'Arn'] } },
    }),
    GetPublic: resource('AWS::ApiGateway::Method', {
      HttpMethod: 'GET',
      ResourceId: { Ref: 'Public' },
      AuthorizationType: 'NONE',
      Integration: { Type: 'AWS_PROXY', Uri: { 'Fn::GetAtt': ['Fn', 'Arn'] } },
    }),
  });
  expect(readRoutes(resources, new Set(['Fn']))).toEqual([
    { method: 'GET', path: '/private', functionId: 'Fn', authorization: { kind: 'iam' } },
    { method: 'GET', path: '/public', functionId: 'Fn' },
  ]);
});

test('the synthesized stack with -c identityPool=false: no identity pool and no IAM route for local mode to serve', () => {
  const resources = new TemplateResources(synthTemplate({ identityPool: 'false' }).toJSON().Resources);
  expect(readIdentityPool(resources, 'us-east-1', localIdsOf(resources, 'us-east-1'), 'dev')).toBeUndefined();
  const functionIds = new Set(resources.ofType('AWS::Lambda::Function').map(([id]) => id));
  expect(readRoutes(resources, functionIds).filter((route) => route.authorization)).toEqual([]);
});

import { claimList, signedInClaims } from '../../lambda/api/claims';
import { handler as getNote } from '../../lambda/get-note';
import { handler as me } from '../../lambda/me';
import { handler as privateRoute } from '../../lambda/private';
import { handler as secret } from '../../lambda/secret';
import { handler as signUp } from '../../lambda/sign-up';
import { apiEvent, apiEventV2, captureLogs, lambdaContext, parse } from '../support/events';

// One handler per route serves a REST API's event (payload 1.0) and an HTTP API's (2.0): each pair
// below sends the same request in both shapes and wants the same answer.

// An id token's claims as the HTTP API's JWT authorizer hands them over: every value a string.
const idClaims = {
  sub: 'sub-1',
  email: 'ada@example.com',
  email_verified: 'true',
  token_use: 'id',
  aud: 'client-1',
  auth_time: '1796662000',
  exp: '1796665600',
  'cognito:groups': '[admins readers]',
};

describe('the signed-in routes read the JWT authorizer’s claims from payload 2.0', () => {
  test('GET /secret answers the same body from either format', async () => {
    const v1 = await secret(
      apiEvent({ method: 'GET', resource: '/secret', claims: { sub: 'sub-1', email: 'ada@example.com' } }),
      lambdaContext,
    );
    const v2 = await secret(apiEventV2({ method: 'GET', route: '/secret', claims: idClaims }), lambdaContext);
    expect(v2.statusCode).toBe(200);
    expect(parse(v2)).toEqual(parse(v1));
    expect(parse(v2)).toEqual({
      message: 'Hello from a route only signed-in users reach.',
      user: { sub: 'sub-1', email: 'ada@example.com' },
    });
  });

  test('GET /me reads email_verified as the string AWS writes, and a raw boolean the same way', async () => {
    expect(parse(await me(apiEventV2({ method: 'GET', route: '/me', claims: idClaims }), lambdaContext))).toEqual({
      sub: 'sub-1',
      email: 'ada@example.com',
      emailVerified: true,
    });
    const raw = await me(
      apiEventV2({ method: 'GET', route: '/me', claims: { ...idClaims, email_verified: true } }),
      lambdaContext,
    );
    expect(parse(raw).emailVerified).toBe(true);
  });

  test('an access token on an id-token route is refused 401 in both formats: the JWT authorizer cannot tell them apart', async () => {
    const accessClaims = { sub: 'sub-1', token_use: 'access', client_id: 'client-1', scope: 'aws.cognito.signin.user.admin' };
    const v2 = await secret(apiEventV2({ method: 'GET', route: '/secret', claims: accessClaims, scopes: null }), lambdaContext);
    const v1 = await secret(apiEvent({ method: 'GET', resource: '/secret', claims: accessClaims }), lambdaContext);
    for (const response of [v1, v2]) expect([response.statusCode, parse(response).code]).toEqual([401, 'Unauthorized']);
  });

  test('no authorizer in a 2.0 event is a 401, never a guess', async () => {
    const response = await secret(apiEventV2({ method: 'GET', route: '/secret' }), lambdaContext);
    expect([response.statusCode, parse(response).code]).toEqual([401, 'Unauthorized']);
  });

  test('claims that are not strings are written as 2.0 writes them: numbers as digits, lists as [a b]', () => {
    const claims = signedInClaims(
      apiEventV2({
        method: 'GET',
        route: '/secret',
        claims: { ...idClaims, auth_time: 1796662000, 'cognito:groups': ['admins', 'readers'] },
      }),
    );
    expect(claims.auth_time).toBe('1796662000');
    expect(claims['cognito:groups']).toBe('[admins readers]');
  });
});

describe('cognito:groups from either format', () => {
  test.each([
    ['[admins readers]', ['admins', 'readers']],
    ['admins readers', ['admins', 'readers']],
    ['[admins]', ['admins']],
    ['[]', []],
    [undefined, []],
  ])('%j → %j', (value, groups) => {
    expect(claimList(value)).toEqual(groups);
  });
});

describe('GET /private reads the IAM authorizer’s identity from payload 2.0', () => {
  beforeEach(() => {
    process.env.USER_POOL_ID = 'eu-west-1_Pool1';
  });
  const identityId = 'eu-west-1:7a8b9c0d-0000-4000-8000-000000000000';
  const sub = '5f1c6a4e-0000-4000-8000-000000000000';
  const amr = [
    'authenticated',
    'cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Pool1',
    `cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Pool1:CognitoSignIn:${sub}`,
  ];
  const signed = (cognitoIdentity: { amr: string[]; identityId: string; identityPoolId: string } | null) =>
    apiEventV2({ method: 'GET', route: '/private', iam: { accessKey: 'ASIA1', accountId: '123456789012', cognitoIdentity } });

  test('answers the identity id and the sub, as from 1.0', async () => {
    const response = await privateRoute(signed({ amr, identityId, identityPoolId: 'eu-west-1:pool' }), lambdaContext);
    expect(response.statusCode).toBe(200);
    expect(parse(response)).toMatchObject({ identityId, user: { sub } });
  });

  test.each([
    ['no cognito identity (signed with other credentials)', null],
    ['a guest identity', { amr: ['unauthenticated'], identityId, identityPoolId: 'eu-west-1:pool' }],
    ['another pool’s sign-in', { amr: amr.map((e) => e.replaceAll('Pool1', 'Pool2')), identityId, identityPoolId: 'p' }],
  ])('refuses %s with 401', async (_, identity) => {
    const response = await privateRoute(signed(identity), lambdaContext);
    expect([response.statusCode, parse(response).code]).toEqual([401, 'Unauthorized']);
  });
});

describe('the wrapper reads a 2.0 request and logs its route', () => {
  test('path parameters and a base64 body come from their 2.0 fields', async () => {
    const response = await getNote(
      apiEventV2({ method: 'GET', route: '/notes/{id}', rawPath: '/notes/n-1', pathParameters: { id: 'n-1' }, claims: idClaims }),
      lambdaContext,
    );
    expect(parse(response)).toMatchObject({ id: 'n-1', owner: 'sub-1' });
    const refused = await signUp(
      apiEventV2({ rawBody: Buffer.from('{"email": 1}').toString('base64'), isBase64Encoded: true }),
      lambdaContext,
    );
    expect([refused.statusCode, parse(refused).code]).toEqual([400, 'InvalidRequest']);
  });

  test('the request log names the method and the route from the route key', async () => {
    const { logs } = await captureLogs(() =>
      secret(apiEventV2({ method: 'GET', route: '/secret', claims: idClaims }), lambdaContext),
    );
    const line = JSON.parse(logs.trim().split('\n').at(-1) ?? '{}');
    expect(line.message).toMatchObject({ method: 'GET', resource: '/secret', status: 200, apiRequestId: 'req-v2-1234' });
  });

  test('CORS: the lower-case origin header of 2.0 is echoed when allowed', async () => {
    process.env.CORS_ALLOWED_ORIGINS = JSON.stringify(['https://app.example']);
    try {
      const response = await secret(
        apiEventV2({ method: 'GET', route: '/secret', claims: idClaims, headers: { Origin: 'https://app.example' } }),
        lambdaContext,
      );
      expect(response.headers).toMatchObject({ 'Access-Control-Allow-Origin': 'https://app.example', Vary: 'Origin' });
    } finally {
      delete process.env.CORS_ALLOWED_ORIGINS;
    }
  });
});

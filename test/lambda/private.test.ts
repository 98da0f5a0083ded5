import { handler } from '../../lambda/private';
import { apiEvent, lambdaContext, parse } from '../support/events';

beforeEach(() => {
  process.env.USER_POOL_ID = 'eu-west-1_Pool1';
});

const identityId = 'eu-west-1:7a8b9c0d-0000-4000-8000-000000000000';
const sub = '5f1c6a4e-0000-4000-8000-000000000000';
const provider = (poolId = 'eu-west-1_Pool1', userSub = sub) =>
  `cognito-idp.eu-west-1.amazonaws.com/${poolId},cognito-idp.eu-west-1.amazonaws.com/${poolId}:CognitoSignIn:${userSub}`;
const signed = (identity: Record<string, string | null>, headers?: Record<string, string>) =>
  apiEvent({ method: 'GET', resource: '/private', identity, headers });
const authenticated = { cognitoIdentityId: identityId, cognitoAuthenticationType: 'authenticated' };

describe('GET /private', () => {
  test('answers 200 with the identity id and the sub API Gateway established from the signature', async () => {
    const response = await handler(signed({ ...authenticated, cognitoAuthenticationProvider: provider() }), lambdaContext);
    expect(response.statusCode).toBe(200);
    expect(parse(response)).toEqual({
      message: 'Hello from a route only signed requests reach.',
      identityId,
      user: { sub },
    });
  });

  test('never takes the caller from anything the caller wrote: headers and body are ignored', async () => {
    const event = signed(
      { ...authenticated, cognitoAuthenticationProvider: provider() },
      { 'x-amz-cognito-identity-id': 'eu-west-1:forged', 'x-sub': 'forged' },
    );
    event.body = JSON.stringify({ identityId: 'eu-west-1:forged', sub: 'forged' });
    expect(parse(await handler(event, lambdaContext))).toMatchObject({ identityId, user: { sub } });
  });

  test.each([
    ['no identity at all', {}],
    ['no identity id', { cognitoAuthenticationType: 'authenticated', cognitoAuthenticationProvider: provider() }],
    ['an unauthenticated (guest) identity', { ...authenticated, cognitoAuthenticationType: 'unauthenticated' }],
    ['no authentication provider', { ...authenticated, cognitoAuthenticationProvider: null }],
    ['the provider of another user pool', { ...authenticated, cognitoAuthenticationProvider: provider('eu-west-1_Other') }],
    ['a provider that is not a user pool sign-in', { ...authenticated, cognitoAuthenticationProvider: 'graph.facebook.com' }],
    ['an empty sub', { ...authenticated, cognitoAuthenticationProvider: provider('eu-west-1_Pool1', '') }],
  ])('with %s answers 401 Unauthorized rather than guess', async (_, identity) => {
    const response = await handler(signed(identity), lambdaContext);
    expect([response.statusCode, parse(response).code]).toEqual([401, 'Unauthorized']);
    expect(parse(response).message).toMatch(/POST \/credentials/);
  });
});

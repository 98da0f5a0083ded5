import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { handler } from '../../lambda/refresh';
import { cognitoError } from '../support/cognito-errors';
import { apiEvent, lambdaContext, parse } from '../support/events';

const cognito = mockClient(CognitoIdentityProviderClient);
const refresh = (body: unknown) => handler(apiEvent({ resource: '/refresh', body }), lambdaContext);

beforeEach(() => {
  cognito.reset();
  process.env.USER_POOL_CLIENT_ID = 'client-123';
});

describe('POST /refresh answers 200 with new tokens', () => {
  test('a live refresh token gets a new id and access token, their lifetime and the Bearer type, and no refresh token', async () => {
    cognito
      .on(InitiateAuthCommand)
      .resolves({ AuthenticationResult: { IdToken: 'id.jwt', AccessToken: 'access.jwt', ExpiresIn: 3600, TokenType: 'Bearer' } });
    const response = await refresh({ refreshToken: 'eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIn0.refresh' });
    expect(response.statusCode).toBe(200);
    expect(response.headers?.['Cache-Control']).toBe('no-store');
    expect(parse(response)).toEqual({ idToken: 'id.jwt', accessToken: 'access.jwt', expiresIn: 3600, tokenType: 'Bearer' });
  });

  test('Cognito is asked for REFRESH_TOKEN_AUTH with the token alone: a client without a secret needs no USERNAME', async () => {
    cognito
      .on(InitiateAuthCommand)
      .resolves({ AuthenticationResult: { IdToken: 'id.jwt', AccessToken: 'access.jwt', ExpiresIn: 3600 } });
    await refresh({ refreshToken: 'the-refresh-token' });
    expect(cognito).toHaveReceivedCommandWith(InitiateAuthCommand, {
      ClientId: 'client-123',
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      AuthParameters: { REFRESH_TOKEN: 'the-refresh-token' },
    });
  });
});

describe('POST /refresh errors', () => {
  test.each([
    ['a garbage token', 'Invalid Refresh Token.'],
    ['a token revoked by sign-out', 'Refresh Token has been revoked'],
    ['an expired token', 'Refresh Token has expired'],
  ])('%s answers 401 NotAuthorized, saying to sign in again', async (_, message) => {
    cognito.on(InitiateAuthCommand).rejects(cognitoError('NotAuthorizedException', message));
    const response = await refresh({ refreshToken: 'the-refresh-token' });
    expect(response.statusCode).toBe(401);
    expect(parse(response)).toEqual({
      code: 'NotAuthorized',
      message: 'The refresh token is invalid, expired or revoked: sign in again.',
    });
  });

  test('no error answer repeats the refresh token', async () => {
    cognito.on(InitiateAuthCommand).rejects(cognitoError('NotAuthorizedException', 'Invalid Refresh Token: the-refresh-token'));
    const response = await refresh({ refreshToken: 'the-refresh-token' });
    expect(response.body).not.toContain('the-refresh-token');
  });

  test('Cognito throttling answers 429 TooManyRequests', async () => {
    cognito.on(InitiateAuthCommand).rejects(cognitoError('TooManyRequestsException', 'Rate exceeded'));
    const response = await refresh({ refreshToken: 'the-refresh-token' });
    expect(response.statusCode).toBe(429);
    expect(parse(response).code).toBe('TooManyRequests');
  });

  test('a challenge instead of tokens is a server fault: 500 with the request id only', async () => {
    cognito.on(InitiateAuthCommand).resolves({ ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: 'session' });
    const response = await refresh({ refreshToken: 'the-refresh-token' });
    expect(response.statusCode).toBe(500);
    expect(parse(response)).toEqual({
      code: 'InternalError',
      message: 'Something went wrong on our side (request id req-1234).',
    });
  });
});

import { CognitoIdentityProviderClient, RevokeTokenCommand } from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { handler } from '../../lambda/sign-out';
import { cognitoError } from '../support/cognito-errors';
import { apiEvent, lambdaContext, parse } from '../support/events';

const cognito = mockClient(CognitoIdentityProviderClient);
const signOut = (body: unknown) => handler(apiEvent({ resource: '/sign-out', body }), lambdaContext);

beforeEach(() => {
  cognito.reset();
  process.env.USER_POOL_CLIENT_ID = 'client-123';
});

test('POST /sign-out revokes the refresh token with the app client id and answers 204 with an empty body', async () => {
  cognito.on(RevokeTokenCommand).resolves({});
  const response = await signOut({ refreshToken: 'the-refresh-token' });
  expect(response.statusCode).toBe(204);
  expect(response.body).toBe('');
  expect(cognito).toHaveReceivedCommandWith(RevokeTokenCommand, { ClientId: 'client-123', Token: 'the-refresh-token' });
  expect(cognito.calls()).toHaveLength(1);
});

describe('POST /sign-out errors', () => {
  test('an id or access token instead of the refresh token answers 400 InvalidRequest', async () => {
    cognito.on(RevokeTokenCommand).rejects(cognitoError('UnsupportedTokenTypeException', 'Only refresh tokens can be revoked.'));
    const response = await signOut({ refreshToken: 'eyJ.access.token' });
    expect(response.statusCode).toBe(400);
    expect(parse(response)).toEqual({
      code: 'InvalidRequest',
      message: 'Only a refresh token can be revoked: send the one sign-in returned.',
    });
  });

  test('a refresh token of another app client answers 401 NotAuthorized, as it would at /refresh', async () => {
    cognito.on(RevokeTokenCommand).rejects(cognitoError('UnauthorizedException', 'The token was not issued to this client.'));
    const response = await signOut({ refreshToken: 'the-refresh-token' });
    expect(response.statusCode).toBe(401);
    expect(parse(response)).toEqual({
      code: 'NotAuthorized',
      message: 'The refresh token is invalid, expired or revoked: sign in again.',
    });
  });

  test('Cognito throttling answers 429 TooManyRequests', async () => {
    cognito.on(RevokeTokenCommand).rejects(cognitoError('TooManyRequestsException', 'Rate exceeded'));
    const response = await signOut({ refreshToken: 'the-refresh-token' });
    expect(response.statusCode).toBe(429);
    expect(parse(response).code).toBe('TooManyRequests');
  });

  test('revocation switched off for the client is a deployment fault: 500 with the request id only', async () => {
    cognito
      .on(RevokeTokenCommand)
      .rejects(cognitoError('UnsupportedOperationException', 'Token revocation is not enabled for this client.'));
    const response = await signOut({ refreshToken: 'the-refresh-token' });
    expect(response.statusCode).toBe(500);
    expect(parse(response)).toEqual({
      code: 'InternalError',
      message: 'Something went wrong on our side (request id req-1234).',
    });
  });
});

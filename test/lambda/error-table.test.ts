import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../lambda/sign-in';
import { cognitoError } from '../support/cognito-errors';
import { apiEvent, lambdaContext, parse } from '../support/events';

const cognito = mockClient(CognitoIdentityProviderClient);
beforeEach(() => {
  cognito.reset();
  process.env.USER_POOL_CLIENT_ID = 'client-123';
});

// The contract's error table, row by row: Cognito's exception in, our status and code out.
test.each([
  ['InvalidPasswordException', 'Password did not conform with policy: Password not long enough', 400, 'InvalidPassword'],
  ['UsernameExistsException', 'An account with the given email already exists.', 409, 'UserExists'],
  ['AliasExistsException', 'An account with the email already exists.', 409, 'UserExists'],
  ['CodeMismatchException', 'Invalid verification code provided, please try again.', 400, 'CodeMismatch'],
  ['ExpiredCodeException', 'Invalid code provided, please request a code again.', 400, 'CodeExpired'],
  ['NotAuthorizedException', 'Incorrect username or password.', 401, 'NotAuthorized'],
  ['UserNotFoundException', 'User does not exist.', 401, 'NotAuthorized'],
  ['PasswordResetRequiredException', 'Password reset required for the user', 401, 'NotAuthorized'],
  ['UserNotConfirmedException', 'User is not confirmed.', 403, 'UserNotConfirmed'],
  ['TooManyRequestsException', 'Rate exceeded', 429, 'TooManyRequests'],
  ['LimitExceededException', 'Attempt limit exceeded, please try after some time.', 429, 'TooManyRequests'],
  ['TooManyFailedAttemptsException', 'Too many failed attempts.', 429, 'TooManyRequests'],
  ['NotAuthorizedException', 'Password attempts exceeded', 401, 'NotAuthorized'],
  ['InvalidParameterException', 'Cannot reset password for the user as there is no registered/verified email', 400, 'InvalidRequest'],
  ['InvalidParameterException', 'User is already confirmed.', 401, 'NotAuthorized'],
  ['NotAuthorizedException', 'Invalid Refresh Token.', 401, 'NotAuthorized'],
  ['NotAuthorizedException', 'Refresh Token has been revoked', 401, 'NotAuthorized'],
  ['NotAuthorizedException', 'Refresh Token has expired', 401, 'NotAuthorized'],
  ['UnsupportedTokenTypeException', 'Only refresh tokens can be revoked.', 400, 'InvalidRequest'],
  ['UnauthorizedException', 'The token was not issued to this client.', 401, 'NotAuthorized'],
])('%s ("%s") answers %i %s', async (name, message, status, code) => {
  cognito.onAnyCommand().rejects(cognitoError(name, message));
  const response = await handler(apiEvent({ body: { email: 'ada@example.com', password: 'correct horse battery' } }), lambdaContext);
  expect(response.statusCode).toBe(status);
  expect(parse(response)).toEqual({ code, message: expect.any(String) });
  expect(response.body).not.toContain(message);
});

test.each([
  ['an exception the table does not know', cognitoError('InternalErrorException', 'at Object.<anonymous> (/var/task/index.js:1:1)')],
  ['a network failure', Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443\n    at TCPConnectWrap'), { name: 'Error' })],
  ['a thrown string', 'boom'],
])('%s answers a bare 500 InternalError naming only the request id', async (_, error) => {
  cognito.onAnyCommand().rejects(error);
  const response = await handler(apiEvent({ body: { email: 'ada@example.com', password: 'correct horse battery' } }), lambdaContext);
  expect(response.statusCode).toBe(500);
  expect(parse(response)).toEqual({ code: 'InternalError', message: 'Something went wrong on our side (request id req-1234).' });
});

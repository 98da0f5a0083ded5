import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { INCORRECT_CREDENTIALS } from '../../lambda/api/errors';
import { handler } from '../../lambda/sign-in';
import { cognitoError } from '../support/cognito-errors';
import { apiEvent, lambdaContext, parse } from '../support/events';

const cognito = mockClient(CognitoIdentityProviderClient);
beforeEach(() => {
  cognito.reset();
  process.env.USER_POOL_CLIENT_ID = 'client-123';
  process.env.PASSWORD_MIN_LENGTH = '12';
});

const REFRESH_AGAIN = 'The refresh token is invalid, expired or revoked: sign in again.';

// The contract's error table, row by row: Cognito's exception in, our status, code and message out.
test.each([
  [
    'InvalidPasswordException',
    'Password did not conform with policy: Password not long enough',
    400,
    'InvalidPassword',
    'Passwords need at least 12 characters.',
  ],
  [
    'InvalidPasswordException',
    'Password did not conform with policy: Password must have uppercase characters',
    400,
    'InvalidPassword',
    'The password does not meet the policy: Password must have uppercase characters.',
  ],
  [
    'UsernameExistsException',
    'An account with the given email already exists.',
    409,
    'UserExists',
    'An account with this email already exists.',
  ],
  [
    'AliasExistsException',
    'An account with the email already exists.',
    409,
    'UserExists',
    'An account with this email already exists.',
  ],
  [
    'CodeMismatchException',
    'Invalid verification code provided, please try again.',
    400,
    'CodeMismatch',
    'The code is not valid for this email.',
  ],
  [
    'ExpiredCodeException',
    'Invalid code provided, please request a code again.',
    400,
    'CodeExpired',
    'The code has expired: request a new one.',
  ],
  ['NotAuthorizedException', 'Incorrect username or password.', 401, 'NotAuthorized', INCORRECT_CREDENTIALS],
  ['UserNotFoundException', 'User does not exist.', 401, 'NotAuthorized', INCORRECT_CREDENTIALS],
  ['PasswordResetRequiredException', 'Password reset required for the user', 401, 'NotAuthorized', INCORRECT_CREDENTIALS],
  [
    'UserNotConfirmedException',
    'User is not confirmed.',
    403,
    'UserNotConfirmed',
    'Confirm your email with the code we sent before signing in.',
  ],
  ['TooManyRequestsException', 'Rate exceeded', 429, 'TooManyRequests', 'Too many requests: slow down and try again later.'],
  [
    'LimitExceededException',
    'Attempt limit exceeded, please try after some time.',
    429,
    'TooManyRequests',
    'Too many attempts: try again later.',
  ],
  [
    'TooManyFailedAttemptsException',
    'Too many failed attempts.',
    429,
    'TooManyRequests',
    'Too many failed attempts: try again later.',
  ],
  ['NotAuthorizedException', 'Password attempts exceeded', 401, 'NotAuthorized', INCORRECT_CREDENTIALS],
  [
    'InvalidParameterException',
    'Cannot reset password for the user as there is no registered/verified email',
    400,
    'InvalidRequest',
    'The request was not accepted: check the fields and try again.',
  ],
  [
    'InvalidParameterException',
    'User is already confirmed.',
    401,
    'NotAuthorized',
    'This account is already confirmed: sign in.',
  ],
  ['NotAuthorizedException', 'Invalid Refresh Token.', 401, 'NotAuthorized', REFRESH_AGAIN],
  ['NotAuthorizedException', 'Refresh Token has been revoked', 401, 'NotAuthorized', REFRESH_AGAIN],
  ['NotAuthorizedException', 'Refresh Token has expired', 401, 'NotAuthorized', REFRESH_AGAIN],
  [
    'UnsupportedTokenTypeException',
    'Only refresh tokens can be revoked.',
    400,
    'InvalidRequest',
    'Only a refresh token can be revoked: send the one sign-in returned.',
  ],
  ['UnauthorizedException', 'The token was not issued to this client.', 401, 'NotAuthorized', REFRESH_AGAIN],
  [
    'RefreshTokenReuseException',
    'Refresh token has been invalidated by refresh token rotation.',
    401,
    'NotAuthorized',
    REFRESH_AGAIN,
  ],
])('%s ("%s") answers %i %s: "%s"', async (name, message, status, code, ourMessage) => {
  cognito.onAnyCommand().rejects(cognitoError(name, message));
  const response = await handler(
    apiEvent({ body: { email: 'ada@example.com', password: 'correct horse battery' } }),
    lambdaContext,
  );
  expect(response.statusCode).toBe(status);
  expect(parse(response)).toEqual({ code, message: ourMessage });
  expect(response.body).not.toContain(message);
});

test.each([
  [
    'an exception the table does not know',
    cognitoError('InternalErrorException', 'at Object.<anonymous> (/var/task/index.js:1:1)'),
  ],
  ['a network failure', Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443\n    at TCPConnectWrap'), { name: 'Error' })],
  ['a thrown string', 'boom'],
])('%s answers a bare 500 InternalError naming only the request id', async (_, error) => {
  cognito.onAnyCommand().rejects(error);
  const response = await handler(
    apiEvent({ body: { email: 'ada@example.com', password: 'correct horse battery' } }),
    lambdaContext,
  );
  expect(response.statusCode).toBe(500);
  expect(parse(response)).toEqual({ code: 'InternalError', message: 'Something went wrong on our side (request id req-1234).' });
});

import { CognitoIdentityProviderClient, ConfirmForgotPasswordCommand } from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { handler } from '../../lambda/reset-password';
import { cognitoError } from '../support/cognito-errors';
import { apiEvent, lambdaContext, parse } from '../support/events';

const cognito = mockClient(CognitoIdentityProviderClient);
const reset = (body: unknown) => handler(apiEvent({ resource: '/reset-password', body }), lambdaContext);
const request = { email: 'ada@example.com', code: '123456', newPassword: 'a new passphrase, long enough' };

beforeEach(() => {
  cognito.reset();
  process.env.USER_POOL_CLIENT_ID = 'client-123';
  process.env.PASSWORD_MIN_LENGTH = '12';
});

test('the right code answers 200 {"reset":true} and Cognito gets the code and the new password', async () => {
  cognito.on(ConfirmForgotPasswordCommand).resolves({});
  const response = await reset(request);
  expect(response.statusCode).toBe(200);
  expect(parse(response)).toEqual({ reset: true });
  expect(cognito).toHaveReceivedCommandWith(ConfirmForgotPasswordCommand, {
    ClientId: 'client-123',
    Username: 'ada@example.com',
    ConfirmationCode: '123456',
    Password: 'a new passphrase, long enough',
  });
});

describe('POST /reset-password errors', () => {
  test('a wrong code (or an unknown email, which Cognito answers alike) answers 400 CodeMismatch', async () => {
    cognito
      .on(ConfirmForgotPasswordCommand)
      .rejects(cognitoError('CodeMismatchException', 'Invalid verification code provided, please try again.'));
    const response = await reset(request);
    expect(response.statusCode).toBe(400);
    expect(parse(response)).toEqual({ code: 'CodeMismatch', message: 'The code is not valid for this email.' });
  });

  test('an expired or already used code answers 400 CodeExpired', async () => {
    cognito
      .on(ConfirmForgotPasswordCommand)
      .rejects(cognitoError('ExpiredCodeException', 'Invalid code provided, please request a code again.'));
    const response = await reset(request);
    expect(response.statusCode).toBe(400);
    expect(parse(response)).toEqual({ code: 'CodeExpired', message: 'The code has expired: request a new one.' });
  });

  test('a new password the pool refuses answers 400 InvalidPassword and the message states the policy', async () => {
    cognito
      .on(ConfirmForgotPasswordCommand)
      .rejects(cognitoError('InvalidPasswordException', 'Password did not conform with policy: Password not long enough'));
    const response = await reset({ ...request, newPassword: 'short' });
    expect(response.statusCode).toBe(400);
    expect(parse(response)).toEqual({
      code: 'InvalidPassword',
      message: 'Passwords need at least 12 characters. (Password not long enough)',
    });
  });

  test.each([
    ['TooManyFailedAttemptsException', 'Too many failed attempts.'],
    ['LimitExceededException', 'Attempt limit exceeded, please try after some time.'],
  ])('too many wrong codes (%s) answers 429 TooManyRequests', async (name, message) => {
    cognito.on(ConfirmForgotPasswordCommand).rejects(cognitoError(name, message));
    const response = await reset(request);
    expect(response.statusCode).toBe(429);
    expect(parse(response).code).toBe('TooManyRequests');
  });
});

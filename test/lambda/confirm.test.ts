import { CognitoIdentityProviderClient, ConfirmSignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { handler } from '../../lambda/confirm';
import { cognitoError } from '../support/cognito-errors';
import { apiEvent, lambdaContext, parse } from '../support/events';

const cognito = mockClient(CognitoIdentityProviderClient);
const confirm = (body: unknown) => handler(apiEvent({ resource: '/confirm', body }), lambdaContext);

beforeEach(() => {
  cognito.reset();
  process.env.USER_POOL_CLIENT_ID = 'client-123';
});

test('the right code answers 200 {"confirmed":true}', async () => {
  cognito.on(ConfirmSignUpCommand).resolves({});
  const response = await confirm({ email: 'ada@example.com', code: '123456' });
  expect(response.statusCode).toBe(200);
  expect(parse(response)).toEqual({ confirmed: true });
  expect(cognito).toHaveReceivedCommandWith(ConfirmSignUpCommand, {
    ClientId: 'client-123',
    Username: 'ada@example.com',
    ConfirmationCode: '123456',
  });
});

test('a wrong code answers 400 CodeMismatch', async () => {
  cognito
    .on(ConfirmSignUpCommand)
    .rejects(cognitoError('CodeMismatchException', 'Invalid verification code provided, please try again.'));
  const response = await confirm({ email: 'ada@example.com', code: '000000' });
  expect(response.statusCode).toBe(400);
  expect(parse(response).code).toBe('CodeMismatch');
});

test('an expired code answers 400 CodeExpired', async () => {
  cognito
    .on(ConfirmSignUpCommand)
    .rejects(cognitoError('ExpiredCodeException', 'Invalid code provided, please request a code again.'));
  const response = await confirm({ email: 'ada@example.com', code: '123456' });
  expect(response.statusCode).toBe(400);
  expect(parse(response).code).toBe('CodeExpired');
});

test('confirming an account twice answers 401 NotAuthorized, saying it is already confirmed', async () => {
  cognito
    .on(ConfirmSignUpCommand)
    .rejects(cognitoError('NotAuthorizedException', 'User cannot be confirmed. Current status is CONFIRMED'));
  const response = await confirm({ email: 'ada@example.com', code: '123456' });
  expect(response.statusCode).toBe(401);
  expect(parse(response)).toEqual({ code: 'NotAuthorized', message: 'This account is already confirmed: sign in.' });
});

test('a code with spaces in it is refused before Cognito is called', async () => {
  const response = await confirm({ email: 'ada@example.com', code: '12 34' });
  expect(response.statusCode).toBe(400);
  expect(parse(response)).toEqual({ code: 'InvalidRequest', message: '"code" must not contain spaces.' });
  expect(cognito).not.toHaveReceivedAnyCommand();
});

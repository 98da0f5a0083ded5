import { CognitoIdentityProviderClient, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { handler } from '../../lambda/sign-up';
import { cognitoError } from '../support/cognito-errors';
import { apiEvent, lambdaContext, parse } from '../support/events';

const cognito = mockClient(CognitoIdentityProviderClient);
const signUp = (body: unknown) => handler(apiEvent({ resource: '/sign-up', body }), lambdaContext);

beforeEach(() => {
  cognito.reset();
  process.env.USER_POOL_CLIENT_ID = 'client-123';
  process.env.PASSWORD_MIN_LENGTH = '12';
});

test('a new email answers 201 with the user sub and where the code went (masked, as Cognito gives it)', async () => {
  cognito.on(SignUpCommand).resolves({
    UserSub: 'sub-1',
    UserConfirmed: false,
    CodeDeliveryDetails: { DeliveryMedium: 'EMAIL', Destination: 'a***@e***', AttributeName: 'email' },
  });
  const response = await signUp({ email: 'ada@example.com', password: 'correct horse battery' });
  expect(response.statusCode).toBe(201);
  expect(response.headers).toMatchObject({ 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  expect(parse(response)).toEqual({
    userSub: 'sub-1',
    userConfirmed: false,
    codeDelivery: { medium: 'EMAIL', destination: 'a***@e***' },
  });
  expect(cognito).toHaveReceivedCommandWith(SignUpCommand, {
    ClientId: 'client-123',
    Username: 'ada@example.com',
    Password: 'correct horse battery',
    UserAttributes: [{ Name: 'email', Value: 'ada@example.com' }],
  });
});

test('an email already signed up answers 409 UserExists', async () => {
  cognito.on(SignUpCommand).rejects(cognitoError('UsernameExistsException', 'An account with the given email already exists.'));
  const response = await signUp({ email: 'ada@example.com', password: 'correct horse battery' });
  expect(response.statusCode).toBe(409);
  expect(parse(response)).toEqual({ code: 'UserExists', message: 'An account with this email already exists.' });
});

test('a password the pool refuses answers 400 InvalidPassword and the message states the policy', async () => {
  cognito
    .on(SignUpCommand)
    .rejects(cognitoError('InvalidPasswordException', 'Password did not conform with policy: Password not long enough'));
  const response = await signUp({ email: 'ada@example.com', password: 'short' });
  expect(response.statusCode).toBe(400);
  expect(parse(response)).toEqual({
    code: 'InvalidPassword',
    message: 'Passwords need at least 12 characters. (Password not long enough)',
  });
});

import {
  ChangePasswordCommand,
  CognitoIdentityProviderClient,
  DeleteUserCommand,
  GlobalSignOutCommand,
  UpdateUserAttributesCommand,
  VerifyUserAttributeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import type { RouteHandler, RouteName } from '../../lambda/api/handler';
import { handler as changeEmail } from '../../lambda/change-email';
import { handler as changePassword } from '../../lambda/change-password';
import { handler as deleteMe } from '../../lambda/delete-me';
import { handler as signOutEverywhere } from '../../lambda/sign-out-everywhere';
import { handler as verifyEmail } from '../../lambda/verify-email';
import { cognitoError } from '../support/cognito-errors';
import { apiEvent, lambdaContext, parse } from '../support/events';

const cognito = mockClient(CognitoIdentityProviderClient);
beforeEach(() => {
  cognito.reset();
  process.env.USER_POOL_CLIENT_ID = 'client-123';
});

// The access token's claims as the authorizer hands them over; the handlers must not use them to pick the account.
const claims = { sub: 'someone-else', username: 'someone-else', scope: 'aws.cognito.signin.user.admin' };
const call = (
  handler: RouteHandler<RouteName>,
  method: string,
  resource: string,
  body?: unknown,
  authorization = 'Bearer the-access-token',
) => handler(apiEvent({ method, resource, body, claims, headers: { Authorization: authorization } }), lambdaContext);

const BAD_TOKEN = { code: 'Unauthorized', message: 'The access token is invalid, expired or revoked: sign in again.' };

describe('POST /change-password', () => {
  const change = (body: unknown = { currentPassword: 'old horse battery staple', newPassword: 'new horse battery staple' }) =>
    call(changePassword, 'POST', '/change-password', body);

  test('changes the password of the access token’s user and answers 200 {"changed":true}', async () => {
    cognito.on(ChangePasswordCommand).resolves({});
    const response = await change();
    expect(response.statusCode).toBe(200);
    expect(parse(response)).toEqual({ changed: true });
    expect(cognito).toHaveReceivedCommandWith(ChangePasswordCommand, {
      AccessToken: 'the-access-token',
      PreviousPassword: 'old horse battery staple',
      ProposedPassword: 'new horse battery staple',
    });
    expect(cognito.calls()).toHaveLength(1);
  });

  test('takes the token bare as well as after "Bearer " (lower-case header too)', async () => {
    cognito.on(ChangePasswordCommand).resolves({});
    const event = apiEvent({
      resource: '/change-password',
      body: { currentPassword: 'a', newPassword: 'b' },
      headers: { authorization: 'bare-token' },
    });
    expect((await changePassword(event, lambdaContext)).statusCode).toBe(200);
    expect(cognito).toHaveReceivedCommandWith(ChangePasswordCommand, { AccessToken: 'bare-token' });
  });

  test('a wrong current password answers 401 NotAuthorized saying so, not the bad-token answer', async () => {
    cognito.on(ChangePasswordCommand).rejects(cognitoError('NotAuthorizedException', 'Incorrect username or password.'));
    const response = await change();
    expect(response.statusCode).toBe(401);
    expect(parse(response)).toEqual({ code: 'NotAuthorized', message: 'The current password is incorrect.' });
  });

  test.each(['Invalid Access Token', 'Access Token has expired', 'Access Token has been revoked'])(
    'Cognito refusing the token ("%s") answers 401 Unauthorized, not a wrong password',
    async (message) => {
      cognito.on(ChangePasswordCommand).rejects(cognitoError('NotAuthorizedException', message));
      const response = await change();
      expect(response.statusCode).toBe(401);
      expect(parse(response)).toEqual(BAD_TOKEN);
    },
  );

  test('a new password against the policy answers 400 InvalidPassword naming the rule', async () => {
    process.env.PASSWORD_MIN_LENGTH = '12';
    cognito
      .on(ChangePasswordCommand)
      .rejects(cognitoError('InvalidPasswordException', 'Password did not conform with policy: Password not long enough'));
    const response = await change();
    expect(response.statusCode).toBe(400);
    expect(parse(response)).toEqual({
      code: 'InvalidPassword',
      message: 'Passwords need at least 12 characters.',
    });
  });

  test.each([
    ['LimitExceededException', 'Attempt limit exceeded, please try after some time.'],
    ['NotAuthorizedException', 'Password attempts exceeded'],
    ['TooManyRequestsException', 'Rate exceeded'],
  ])('Cognito’s attempt limit (%s) answers 429 TooManyRequests', async (name, message) => {
    cognito.on(ChangePasswordCommand).rejects(cognitoError(name, message));
    const response = await change();
    expect(response.statusCode).toBe(429);
    expect(parse(response).code).toBe('TooManyRequests');
  });

  test('a body with a field more (e.g. another user’s email) answers 400 InvalidRequest before Cognito is called', async () => {
    const response = await change({ currentPassword: 'a', newPassword: 'b', email: 'victim@example.com' });
    expect(response.statusCode).toBe(400);
    expect(parse(response)).toEqual({ code: 'InvalidRequest', message: 'Unknown field "email".' });
    expect(cognito.calls()).toHaveLength(0);
  });

  test('a missing current password answers 400 InvalidRequest naming it', async () => {
    const response = await change({ newPassword: 'b' });
    expect(parse(response)).toEqual({ code: 'InvalidRequest', message: '"currentPassword" is required.' });
  });

  test('no Authorization header (never past the authorizer, but) answers 401 Unauthorized without calling Cognito', async () => {
    const event = apiEvent({ resource: '/change-password', body: { currentPassword: 'a', newPassword: 'b' }, claims });
    const response = await changePassword(event, lambdaContext);
    expect(response.statusCode).toBe(401);
    expect(parse(response)).toEqual(BAD_TOKEN);
    expect(cognito.calls()).toHaveLength(0);
  });
});

describe('POST /change-email', () => {
  const change = (body: unknown = { email: 'new@example.com' }) => call(changeEmail, 'POST', '/change-email', body);

  test('asks Cognito to change the token user’s email and answers 200 with where the code went (the new address)', async () => {
    cognito.on(UpdateUserAttributesCommand).resolves({
      CodeDeliveryDetailsList: [{ DeliveryMedium: 'EMAIL', Destination: 'n***@e***', AttributeName: 'email' }],
    });
    const response = await change();
    expect(response.statusCode).toBe(200);
    expect(parse(response)).toEqual({ codeDelivery: { medium: 'EMAIL', destination: 'n***@e***' } });
    expect(cognito).toHaveReceivedCommandWith(UpdateUserAttributesCommand, {
      AccessToken: 'the-access-token',
      UserAttributes: [{ Name: 'email', Value: 'new@example.com' }],
    });
  });

  test('an email another account uses answers 409 UserExists', async () => {
    cognito
      .on(UpdateUserAttributesCommand)
      .rejects(cognitoError('AliasExistsException', 'An account with the given email already exists.'));
    const response = await change();
    expect(response.statusCode).toBe(409);
    expect(parse(response).code).toBe('UserExists');
  });

  test('a revoked token answers 401 Unauthorized', async () => {
    cognito.on(UpdateUserAttributesCommand).rejects(cognitoError('NotAuthorizedException', 'Access Token has been revoked'));
    expect(parse(await change())).toEqual(BAD_TOKEN);
  });

  test('the code limit answers 429 TooManyRequests', async () => {
    cognito.on(UpdateUserAttributesCommand).rejects(cognitoError('LimitExceededException', 'Attempt limit exceeded'));
    expect((await change()).statusCode).toBe(429);
  });

  test('not an email answers 400 InvalidRequest without calling Cognito', async () => {
    const response = await change({ email: 'not-an-email' });
    expect(parse(response)).toEqual({ code: 'InvalidRequest', message: '"email" must be an email address.' });
    expect(cognito.calls()).toHaveLength(0);
  });
});

describe('POST /verify-email', () => {
  const verify = (body: unknown = { code: '123456' }) => call(verifyEmail, 'POST', '/verify-email', body);

  test('verifies the token user’s email with the code and answers 200 {"verified":true}', async () => {
    cognito.on(VerifyUserAttributeCommand).resolves({});
    const response = await verify();
    expect(response.statusCode).toBe(200);
    expect(parse(response)).toEqual({ verified: true });
    expect(cognito).toHaveReceivedCommandWith(VerifyUserAttributeCommand, {
      AccessToken: 'the-access-token',
      AttributeName: 'email',
      Code: '123456',
    });
  });

  test.each([
    ['CodeMismatchException', 400, 'CodeMismatch'],
    ['ExpiredCodeException', 400, 'CodeExpired'],
    ['AliasExistsException', 409, 'UserExists'],
    ['TooManyFailedAttemptsException', 429, 'TooManyRequests'],
    ['LimitExceededException', 429, 'TooManyRequests'],
  ])('%s answers %i %s', async (name, status, code) => {
    cognito.on(VerifyUserAttributeCommand).rejects(cognitoError(name));
    const response = await verify();
    expect(response.statusCode).toBe(status);
    expect(parse(response).code).toBe(code);
  });

  test('an expired token answers 401 Unauthorized', async () => {
    cognito.on(VerifyUserAttributeCommand).rejects(cognitoError('NotAuthorizedException', 'Access Token has expired'));
    expect(parse(await verify())).toEqual(BAD_TOKEN);
  });

  test('a code with a space answers 400 InvalidRequest', async () => {
    expect(parse(await verify({ code: '12 34' })).code).toBe('InvalidRequest');
    expect(cognito.calls()).toHaveLength(0);
  });
});

describe('POST /sign-out-everywhere', () => {
  test('signs the token’s user out everywhere and answers 204 with an empty body', async () => {
    cognito.on(GlobalSignOutCommand).resolves({});
    const response = await call(signOutEverywhere, 'POST', '/sign-out-everywhere');
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
    expect(cognito).toHaveReceivedCommandWith(GlobalSignOutCommand, { AccessToken: 'the-access-token' });
  });

  test.each([
    ['NotAuthorizedException', 'Access Token has been revoked'],
    ['UserNotFoundException', 'User does not exist.'],
    ['InvalidParameterException', 'Invalid access token format'],
  ])('%s answers 401 Unauthorized', async (name, message) => {
    cognito.on(GlobalSignOutCommand).rejects(cognitoError(name, message));
    const response = await call(signOutEverywhere, 'POST', '/sign-out-everywhere');
    expect(response.statusCode).toBe(401);
    expect(parse(response)).toEqual(BAD_TOKEN);
  });

  test('throttling answers 429 TooManyRequests', async () => {
    cognito.on(GlobalSignOutCommand).rejects(cognitoError('TooManyRequestsException'));
    expect((await call(signOutEverywhere, 'POST', '/sign-out-everywhere')).statusCode).toBe(429);
  });
});

describe('DELETE /me', () => {
  test('deletes the token’s user and answers 204 with an empty body', async () => {
    cognito.on(DeleteUserCommand).resolves({});
    const response = await call(deleteMe, 'DELETE', '/me');
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
    expect(cognito).toHaveReceivedCommandWith(DeleteUserCommand, { AccessToken: 'the-access-token' });
    expect(cognito.calls()).toHaveLength(1);
  });

  test.each([
    ['NotAuthorizedException', 'Access Token has been revoked'],
    ['NotAuthorizedException', 'User is disabled.'],
    ['UserNotFoundException', 'User does not exist.'],
  ])('%s ("%s") answers 401 Unauthorized, never the sign-in’s "Incorrect email or password."', async (name, message) => {
    cognito.on(DeleteUserCommand).rejects(cognitoError(name, message));
    const response = await call(deleteMe, 'DELETE', '/me');
    expect(response.statusCode).toBe(401);
    expect(parse(response)).toEqual(BAD_TOKEN);
  });

  test('throttling answers 429 TooManyRequests', async () => {
    cognito.on(DeleteUserCommand).rejects(cognitoError('TooManyRequestsException'));
    expect((await call(deleteMe, 'DELETE', '/me')).statusCode).toBe(429);
  });
});

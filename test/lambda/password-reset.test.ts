import {
  CognitoIdentityProviderClient,
  ConfirmForgotPasswordCommand,
  ForgotPasswordCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { handler as forgotPasswordHandler } from '../../lambda/forgot-password';
import { handler as resetPasswordHandler } from '../../lambda/reset-password';
import { handler as signUpHandler } from '../../lambda/sign-up';
import { cognitoError } from '../support/cognito-errors';
import { apiEvent, lambdaContext, parse } from '../support/events';

// A forgotten password: the reset code, the new password, and the rule on its whitespace.

const cognito = mockClient(CognitoIdentityProviderClient);

beforeEach(() => {
  cognito.reset();
  process.env.USER_POOL_CLIENT_ID = 'client-123';
  process.env.PASSWORD_MIN_LENGTH = '12';
});

describe('POST /forgot-password', () => {
  const forgot = (body: unknown) => forgotPasswordHandler(apiEvent({ resource: '/forgot-password', body }), lambdaContext);

  describe('answers 200 with where the reset code went', () => {
    test('the masked destination and medium come from Cognito as they are', async () => {
      cognito
        .on(ForgotPasswordCommand)
        .resolves({ CodeDeliveryDetails: { DeliveryMedium: 'EMAIL', Destination: 'a***@e***.com', AttributeName: 'email' } });
      const response = await forgot({ email: 'ada@example.com' });
      expect(response.statusCode).toBe(200);
      expect(parse(response)).toEqual({ codeDelivery: { medium: 'EMAIL', destination: 'a***@e***.com' } });
      expect(cognito).toHaveReceivedCommandWith(ForgotPasswordCommand, { ClientId: 'client-123', Username: 'ada@example.com' });
    });

    test('an unknown email, for which Cognito simulates a delivery, answers byte for byte like a known one', async () => {
      const delivery = {
        CodeDeliveryDetails: { DeliveryMedium: 'EMAIL' as const, Destination: 'a***@e***.com', AttributeName: 'email' },
      };
      cognito.on(ForgotPasswordCommand, { Username: 'ada@example.com' }).resolves(delivery);
      cognito.on(ForgotPasswordCommand, { Username: 'ann@example.com' }).resolves(delivery);
      expect(await forgot({ email: 'ann@example.com' })).toEqual(await forgot({ email: 'ada@example.com' }));
    });
  });

  describe('errors', () => {
    test('asking too often answers 429 TooManyRequests', async () => {
      cognito
        .on(ForgotPasswordCommand)
        .rejects(cognitoError('LimitExceededException', 'Attempt limit exceeded, please try after some time.'));
      const response = await forgot({ email: 'ada@example.com' });
      expect(response.statusCode).toBe(429);
      expect(parse(response).code).toBe('TooManyRequests');
    });

    test('Cognito refusing the request (no verified email, with existence errors on) answers 400 InvalidRequest without its wording', async () => {
      const message = 'Cannot reset password for the user as there is no registered/verified email or phone_number';
      cognito.on(ForgotPasswordCommand).rejects(cognitoError('InvalidParameterException', message));
      const response = await forgot({ email: 'ada@example.com' });
      expect(response.statusCode).toBe(400);
      expect(parse(response).code).toBe('InvalidRequest');
      expect(response.body).not.toContain('verified');
    });
  });
});

describe('POST /reset-password', () => {
  const reset = (body: unknown) => resetPasswordHandler(apiEvent({ resource: '/reset-password', body }), lambdaContext);
  const request = { email: 'ada@example.com', code: '123456', newPassword: 'a new passphrase, long enough' };

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

  describe('errors', () => {
    // Each as Cognito answers it with PreventUserExistenceErrors on (cognito-user-pool-managing-errors):
    // an unknown email is a wrong code, a known one without a pending code an expired one.
    const refusals = [
      ['a wrong code', 'CodeMismatchException', 'Invalid verification code provided, please try again.'],
      ['an expired or used code', 'ExpiredCodeException', 'Invalid code provided, please request a code again.'],
      ['an unknown email', 'CodeMismatchException', 'Invalid verification code provided, please try again.'],
      ['a known email with no pending code', 'ExpiredCodeException', 'Invalid code provided, please request a code again.'],
      ['an unconfirmed account', 'UserNotConfirmedException', 'User is not confirmed.'],
    ] as const;

    test('a wrong code, an expired one, an unknown email, a known email with no pending code and an unconfirmed account answer byte for byte alike: 400 CodeMismatch "…wrong or has expired…"', async () => {
      const answers = [];
      for (const [, name, message] of refusals) {
        cognito.reset();
        cognito.on(ConfirmForgotPasswordCommand).rejects(cognitoError(name, message));
        answers.push(await reset(request));
      }
      expect(answers[0].statusCode).toBe(400);
      expect(parse(answers[0])).toEqual({
        code: 'CodeMismatch',
        message: 'The code is wrong or has expired: request a new one.',
      });
      for (const [i, [situation]] of refusals.entries()) expect([situation, answers[i]]).toEqual([situation, answers[0]]);
    });

    test('a new password the pool refuses answers 400 InvalidPassword and the message states the policy', async () => {
      cognito
        .on(ConfirmForgotPasswordCommand)
        .rejects(cognitoError('InvalidPasswordException', 'Password did not conform with policy: Password not long enough'));
      const response = await reset({ ...request, newPassword: 'short' });
      expect(response.statusCode).toBe(400);
      expect(parse(response)).toEqual({
        code: 'InvalidPassword',
        message: 'Passwords need at least 12 characters.',
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
});

const RULE = { code: 'InvalidPassword', message: 'The password must not begin or end with a space or other whitespace.' };

describe('a new password with leading or trailing whitespace, which Cognito refuses, answers 400 InvalidPassword stating the rule', () => {
  test.each([' correct horse battery', 'correct horse battery ', '\tcorrect horse battery', 'correct horse battery\n'])(
    'sign-up with %j, without calling Cognito',
    async (password) => {
      const response = await signUpHandler(
        apiEvent({ resource: '/sign-up', body: { email: 'ada@example.com', password } }),
        lambdaContext,
      );
      expect(response.statusCode).toBe(400);
      expect(parse(response)).toEqual(RULE);
      expect(cognito.calls()).toHaveLength(0);
    },
  );

  test('reset-password with a trailing space, without calling Cognito', async () => {
    const body = { email: 'ada@example.com', code: '123456', newPassword: 'a brand new passphrase ' };
    const response = await resetPasswordHandler(apiEvent({ resource: '/reset-password', body }), lambdaContext);
    expect(response.statusCode).toBe(400);
    expect(parse(response)).toEqual(RULE);
    expect(cognito.calls()).toHaveLength(0);
  });
});

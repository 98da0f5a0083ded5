import {
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  ResendConfirmationCodeCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { handler as confirmHandler } from '../../lambda/confirm';
import { handler as resendCodeHandler } from '../../lambda/resend-code';
import { handler as signUpHandler } from '../../lambda/sign-up';
import { cognitoError } from '../support/cognito-errors';
import { apiEvent, lambdaContext, parse } from '../support/events';

// Signing up: the account, its confirmation code, and a new code when the first was lost.

const cognito = mockClient(CognitoIdentityProviderClient);

beforeEach(() => {
  cognito.reset();
  process.env.USER_POOL_CLIENT_ID = 'client-123';
  process.env.PASSWORD_MIN_LENGTH = '12';
});

describe('POST /sign-up', () => {
  const signUp = (body: unknown) => signUpHandler(apiEvent({ resource: '/sign-up', body }), lambdaContext);

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
      message: 'Passwords need at least 12 characters.',
    });
  });
});

describe('POST /confirm', () => {
  const confirm = (body: unknown) => confirmHandler(apiEvent({ resource: '/confirm', body }), lambdaContext);

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

  test('a wrong code, an expired one and an unknown email (a wrong code to Cognito) answer byte for byte alike: 400 CodeMismatch "…wrong or has expired…"', async () => {
    const refusals = [
      ['CodeMismatchException', 'Invalid verification code provided, please try again.'],
      ['ExpiredCodeException', 'Invalid code provided, please request a code again.'],
    ] as const;
    const answers = [];
    for (const [name, message] of refusals) {
      cognito.reset();
      cognito.on(ConfirmSignUpCommand).rejects(cognitoError(name, message));
      answers.push(await confirm({ email: 'ada@example.com', code: '000000' }));
    }
    expect(answers[0].statusCode).toBe(400);
    expect(parse(answers[0])).toEqual({ code: 'CodeMismatch', message: 'The code is wrong or has expired: request a new one.' });
    expect(answers[1]).toEqual(answers[0]);
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
});

describe('POST /resend-code', () => {
  const resend = (body: unknown) => resendCodeHandler(apiEvent({ resource: '/resend-code', body }), lambdaContext);

  describe('answers 200 with where the new code went', () => {
    test('the masked destination and medium come from Cognito as they are', async () => {
      cognito
        .on(ResendConfirmationCodeCommand)
        .resolves({ CodeDeliveryDetails: { DeliveryMedium: 'EMAIL', Destination: 'a***@e***.com', AttributeName: 'email' } });
      const response = await resend({ email: 'ada@example.com' });
      expect(response.statusCode).toBe(200);
      expect(parse(response)).toEqual({ codeDelivery: { medium: 'EMAIL', destination: 'a***@e***.com' } });
      expect(cognito).toHaveReceivedCommandWith(ResendConfirmationCodeCommand, {
        ClientId: 'client-123',
        Username: 'ada@example.com',
      });
    });

    test('an unknown email, for which Cognito simulates a delivery, answers byte for byte like a known one', async () => {
      const delivery = {
        CodeDeliveryDetails: { DeliveryMedium: 'EMAIL' as const, Destination: 'a***@e***.com', AttributeName: 'email' },
      };
      cognito.on(ResendConfirmationCodeCommand, { Username: 'ada@example.com' }).resolves(delivery);
      cognito.on(ResendConfirmationCodeCommand, { Username: 'ann@example.com' }).resolves(delivery);
      expect(await resend({ email: 'ann@example.com' })).toEqual(await resend({ email: 'ada@example.com' }));
    });
  });

  describe('errors', () => {
    test('an account that is already confirmed answers 401 NotAuthorized, as confirming it twice does', async () => {
      cognito.on(ResendConfirmationCodeCommand).rejects(cognitoError('InvalidParameterException', 'User is already confirmed.'));
      const response = await resend({ email: 'ada@example.com' });
      expect(response.statusCode).toBe(401);
      expect(parse(response)).toEqual({ code: 'NotAuthorized', message: 'This account is already confirmed: sign in.' });
    });

    test('asking too often answers 429 TooManyRequests', async () => {
      cognito
        .on(ResendConfirmationCodeCommand)
        .rejects(cognitoError('LimitExceededException', 'Attempt limit exceeded, please try after some time.'));
      const response = await resend({ email: 'ada@example.com' });
      expect(response.statusCode).toBe(429);
      expect(parse(response).code).toBe('TooManyRequests');
    });

    test('a failed delivery is a server-side fault: 500 with the request id only', async () => {
      cognito
        .on(ResendConfirmationCodeCommand)
        .rejects(cognitoError('CodeDeliveryFailureException', 'Unable to deliver message to ada@example.com'));
      const response = await resend({ email: 'ada@example.com' });
      expect(response.statusCode).toBe(500);
      expect(parse(response)).toEqual({
        code: 'InternalError',
        message: 'Something went wrong on our side (request id req-1234).',
      });
    });
  });
});

describe('POST /sign-up with a pre sign-up trigger (docs/triggers.md)', () => {
  const signUp = (body: unknown) => signUpHandler(apiEvent({ resource: '/sign-up', body }), lambdaContext);

  test("the trigger's refusal answers 403 SignUpNotAllowed with the trigger's own message", async () => {
    cognito
      .on(SignUpCommand)
      .rejects(
        cognitoError(
          'UserLambdaValidationException',
          'PreSignUp failed with error Sign-up is limited to example.com addresses..',
        ),
      );
    const response = await signUp({ email: 'eve@elsewhere.org', password: 'correct horse battery' });
    expect(response.statusCode).toBe(403);
    expect(parse(response)).toEqual({ code: 'SignUpNotAllowed', message: 'Sign-up is limited to example.com addresses.' });
  });

  test('a trigger that broke (timed out, or answered nonsense) is a 500: the deployment is at fault, not the caller', async () => {
    for (const [name, message] of [
      ['UnexpectedLambdaException', 'PreSignUp invocation failed due to error Socket timeout while invoking Lambda function.'],
      ['InvalidLambdaResponseException', 'Unrecognizable lambda output'],
      ['UserLambdaValidationException', 'PostConfirmation failed with error boom.'],
    ]) {
      cognito.on(SignUpCommand).rejects(cognitoError(name, message));
      const response = await signUp({ email: 'ada@example.com', password: 'correct horse battery' });
      expect([name, response.statusCode, parse(response).code]).toEqual([name, 500, 'InternalError']);
    }
  });
});

import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { handler } from '../../lambda/sign-in';
import { cognitoError } from '../support/cognito-errors';
import { apiEvent, lambdaContext, parse } from '../support/events';

const cognito = mockClient(CognitoIdentityProviderClient);
const signIn = (body: unknown) => handler(apiEvent({ resource: '/sign-in', body }), lambdaContext);
const credentials = { email: 'ada@example.com', password: 'correct horse battery' };

beforeEach(() => {
  cognito.reset();
  process.env.USER_POOL_CLIENT_ID = 'client-123';
});

test('the right password answers 200 with the three tokens, their lifetime and the Bearer type', async () => {
  cognito.on(InitiateAuthCommand).resolves({
    AuthenticationResult: {
      IdToken: 'id.jwt',
      AccessToken: 'access.jwt',
      RefreshToken: 'refresh',
      ExpiresIn: 3600,
      TokenType: 'Bearer',
    },
  });
  const response = await signIn(credentials);
  expect(response.statusCode).toBe(200);
  expect(response.headers?.['Cache-Control']).toBe('no-store');
  expect(parse(response)).toEqual({
    idToken: 'id.jwt',
    accessToken: 'access.jwt',
    refreshToken: 'refresh',
    expiresIn: 3600,
    tokenType: 'Bearer',
  });
  expect(cognito).toHaveReceivedCommandWith(InitiateAuthCommand, {
    ClientId: 'client-123',
    AuthFlow: 'USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME: 'ada@example.com', PASSWORD: 'correct horse battery' },
  });
});

test('a wrong password and an unknown user answer the same 401 NotAuthorized, byte for byte', async () => {
  cognito.on(InitiateAuthCommand).rejects(cognitoError('NotAuthorizedException', 'Incorrect username or password.'));
  const wrongPassword = await signIn(credentials);
  cognito.on(InitiateAuthCommand).rejects(cognitoError('UserNotFoundException', 'User does not exist.'));
  const unknownUser = await signIn(credentials);
  expect(wrongPassword.statusCode).toBe(401);
  expect(parse(wrongPassword)).toEqual({ code: 'NotAuthorized', message: 'Incorrect email or password.' });
  expect(unknownUser).toEqual(wrongPassword);
});

test('an unconfirmed account answers 403 UserNotConfirmed', async () => {
  cognito.on(InitiateAuthCommand).rejects(cognitoError('UserNotConfirmedException', 'User is not confirmed.'));
  const response = await signIn(credentials);
  expect(response.statusCode).toBe(403);
  expect(parse(response).code).toBe('UserNotConfirmed');
});

test('a locked-out account (too many wrong passwords) answers exactly like a wrong password, so the lockout does not reveal the account', async () => {
  cognito.on(InitiateAuthCommand).rejects(cognitoError('NotAuthorizedException', 'Incorrect username or password.'));
  const wrongPassword = await signIn(credentials);
  cognito.on(InitiateAuthCommand).rejects(cognitoError('NotAuthorizedException', 'Password attempts exceeded'));
  expect(await signIn(credentials)).toEqual(wrongPassword);
});

describe('a sign-in that asks for a second factor', () => {
  test('an enrolled user (SOFTWARE_TOKEN_MFA) gets 202 {"challenge":"TOTP","session"} with Cognito’s session, and no token', async () => {
    cognito.on(InitiateAuthCommand).resolves({
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: 'AYABe-cognito-session',
      ChallengeParameters: { USER_ID_FOR_SRP: 'user-1' },
    });
    const response = await signIn(credentials);
    expect(response.statusCode).toBe(202);
    expect(response.headers?.['Cache-Control']).toBe('no-store');
    expect(parse(response)).toEqual({ challenge: 'TOTP', session: 'AYABe-cognito-session' });
  });

  test('a user without a factor where one is required (MFA_SETUP for a TOTP) gets 202 {"challenge":"TOTP_SETUP","session"}', async () => {
    cognito.on(InitiateAuthCommand).resolves({
      ChallengeName: 'MFA_SETUP',
      Session: 'AYABe-cognito-session',
      ChallengeParameters: { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]', USER_ID_FOR_SRP: 'user-1' },
    });
    const response = await signIn(credentials);
    expect(response.statusCode).toBe(202);
    expect(parse(response)).toEqual({ challenge: 'TOTP_SETUP', session: 'AYABe-cognito-session' });
  });

  test('a challenge without a session is a server fault: 500', async () => {
    cognito.on(InitiateAuthCommand).resolves({ ChallengeName: 'SOFTWARE_TOKEN_MFA' });
    expect((await signIn(credentials)).statusCode).toBe(500);
  });

  test.each([
    ['the new-password challenge of a user an administrator created', 'NEW_PASSWORD_REQUIRED', undefined],
    ['an SMS code', 'SMS_MFA', undefined],
    ['setting up a factor other than TOTP', 'MFA_SETUP', '["EMAIL_OTP"]'],
  ] as const)('%s answers 403 ChallengeRequired naming the step (%s), and never the session', async (_, challenge, canSetUp) => {
    cognito.on(InitiateAuthCommand).resolves({
      ChallengeName: challenge,
      Session: 'secret-session',
      ChallengeParameters: canSetUp ? { MFAS_CAN_SETUP: canSetUp } : {},
    });
    const response = await signIn(credentials);
    expect(response.statusCode).toBe(403);
    expect(parse(response)).toEqual({ code: 'ChallengeRequired', message: expect.stringContaining(challenge) });
    expect(response.body).not.toContain('secret-session');
  });
});

test('an answer with neither tokens nor a challenge is a server fault: 500 with the request id only', async () => {
  cognito.on(InitiateAuthCommand).resolves({});
  const response = await signIn(credentials);
  expect(response.statusCode).toBe(500);
  expect(parse(response)).toEqual({ code: 'InternalError', message: 'Something went wrong on our side (request id req-1234).' });
});

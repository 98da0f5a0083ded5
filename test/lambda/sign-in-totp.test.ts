import {
  AssociateSoftwareTokenCommand,
  CognitoIdentityProviderClient,
  RespondToAuthChallengeCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { handler as signInTotp } from '../../lambda/sign-in-totp';
import { handler as signInTotpSetup } from '../../lambda/sign-in-totp-setup';
import { cognitoError } from '../support/cognito-errors';
import { apiEvent, captureLogs, lambdaContext, parse } from '../support/events';

const cognito = mockClient(CognitoIdentityProviderClient);
beforeEach(() => {
  cognito.reset();
  process.env.USER_POOL_CLIENT_ID = 'client-123';
  process.env.TOTP_ISSUER = 'cognito-auth-api (dev)';
});

const SIGN_IN_SESSION = 'AYABeK-the-session-of-sign-in';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const tokens = { IdToken: 'id.jwt', AccessToken: 'access.jwt', RefreshToken: 'refresh', ExpiresIn: 3600, TokenType: 'Bearer' };
const signedIn = { idToken: 'id.jwt', accessToken: 'access.jwt', refreshToken: 'refresh', expiresIn: 3600, tokenType: 'Bearer' };
const SESSION_ENDED = { code: 'NotAuthorized', message: 'The sign-in session has expired or was already used: sign in again.' };
const WRONG_CODE = {
  code: 'CodeMismatch',
  message: 'The code does not match the authenticator app: enter the one it shows now.',
};

const setUp = (body: unknown = { email: 'ada@example.com', session: SIGN_IN_SESSION }) =>
  signInTotpSetup(apiEvent({ resource: '/sign-in/totp-setup', body }), lambdaContext);
const answer = (body: unknown) => signInTotp(apiEvent({ resource: '/sign-in/totp', body }), lambdaContext);

describe('POST /sign-in/totp-setup', () => {
  test('answers 200 with a new key, its otpauth:// URI (issuer, email) and the session of the next step, marked', async () => {
    cognito.on(AssociateSoftwareTokenCommand).resolves({ SecretCode: SECRET, Session: 'AYABeK-after-associate' });
    const response = await setUp();
    expect(response.statusCode).toBe(200);
    const body = parse(response);
    expect(body).toEqual({ secret: SECRET, otpauthUri: expect.any(String), session: 'setup.AYABeK-after-associate' });
    const uri = new URL(body.otpauthUri);
    expect([uri.protocol, uri.host, decodeURIComponent(uri.pathname)]).toEqual([
      'otpauth:',
      'totp',
      '/cognito-auth-api (dev):ada@example.com',
    ]);
    expect(Object.fromEntries(uri.searchParams)).toEqual({
      issuer: 'cognito-auth-api (dev)',
      secret: SECRET,
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    });
    expect(cognito).toHaveReceivedCommandWith(AssociateSoftwareTokenCommand, { Session: SIGN_IN_SESSION });
  });

  test('an expired or used session answers 401 NotAuthorized telling the user to sign in again', async () => {
    cognito
      .on(AssociateSoftwareTokenCommand)
      .rejects(cognitoError('NotAuthorizedException', 'Invalid session for the user, session is expired.'));
    const response = await setUp();
    expect(response.statusCode).toBe(401);
    expect(parse(response)).toEqual(SESSION_ENDED);
  });

  test.each([
    [{ email: 'ada@example.com' }, '"session" is required.'],
    [{ email: 'ada@example.com', session: 'short' }, '"session" must be at least 20 characters.'],
    [{ email: 'ada@example.com', session: 'A'.repeat(2055) }, '"session" must be at most 2054 characters.'],
    [{ session: SIGN_IN_SESSION }, '"email" is required.'],
  ])('%j answers 400 InvalidRequest naming the field, before calling Cognito', async (body, message) => {
    const response = await setUp(body);
    expect([response.statusCode, parse(response)]).toEqual([400, { code: 'InvalidRequest', message }]);
    expect(cognito.calls()).toHaveLength(0);
  });

  test('neither the session sent, nor the key, nor the session answered appear in a log line', async () => {
    cognito.on(AssociateSoftwareTokenCommand).resolves({ SecretCode: SECRET, Session: 'AYABeK-after-associate' });
    const { result, logs } = await captureLogs(() => setUp());
    expect(result.statusCode).toBe(200);
    expect(logs).toContain('"msg":"request completed"');
    for (const secret of [SIGN_IN_SESSION, SECRET, 'AYABeK-after-associate']) expect(logs).not.toContain(secret);
  });
});

describe('POST /sign-in/totp', () => {
  test('an enrolled user’s code answers SOFTWARE_TOKEN_MFA and gets the tokens, as POST /sign-in answers them', async () => {
    cognito.on(RespondToAuthChallengeCommand).resolves({ AuthenticationResult: tokens });
    const response = await answer({ email: 'ada@example.com', session: SIGN_IN_SESSION, code: '123456' });
    expect(response.statusCode).toBe(200);
    expect(parse(response)).toEqual(signedIn);
    expect(cognito).toHaveReceivedCommandWith(RespondToAuthChallengeCommand, {
      ClientId: 'client-123',
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: SIGN_IN_SESSION,
      ChallengeResponses: { USERNAME: 'ada@example.com', SOFTWARE_TOKEN_MFA_CODE: '123456' },
    });
    expect(cognito).not.toHaveReceivedCommand(VerifySoftwareTokenCommand);
  });

  test('after a setup (marked session) the code verifies the new authenticator, then answers MFA_SETUP, and gets the tokens', async () => {
    cognito.on(VerifySoftwareTokenCommand).resolves({ Status: 'SUCCESS', Session: 'AYABeK-after-verify' });
    cognito.on(RespondToAuthChallengeCommand).resolves({ AuthenticationResult: tokens });
    const response = await answer({ email: 'ada@example.com', session: 'setup.AYABeK-after-associate', code: '654321' });
    expect(response.statusCode).toBe(200);
    expect(parse(response)).toEqual(signedIn);
    expect(cognito).toHaveReceivedCommandWith(VerifySoftwareTokenCommand, {
      Session: 'AYABeK-after-associate',
      UserCode: '654321',
    });
    expect(cognito).toHaveReceivedCommandWith(RespondToAuthChallengeCommand, {
      ClientId: 'client-123',
      ChallengeName: 'MFA_SETUP',
      Session: 'AYABeK-after-verify',
      ChallengeResponses: { USERNAME: 'ada@example.com' },
    });
  });

  test.each([
    ['a wrong code (RespondToAuthChallenge)', 'code', 'CodeMismatchException', 'Invalid code received for user', 400, WRONG_CODE],
    [
      'a wrong first code of a new authenticator (VerifySoftwareToken)',
      'setup',
      'EnableSoftwareTokenMFAException',
      'Code mismatch and fail enable Software Token MFA',
      400,
      WRONG_CODE,
    ],
    [
      'a code used once already',
      'code',
      'ExpiredCodeException',
      'Your software token has already been used once.',
      400,
      { code: 'CodeExpired', message: 'This code has already been used: wait for the authenticator app to show the next one.' },
    ],
    [
      'an expired session',
      'code',
      'NotAuthorizedException',
      'Invalid session for the user, session is expired.',
      401,
      SESSION_ENDED,
    ],
    [
      'an expired setup session',
      'setup',
      'NotAuthorizedException',
      'Invalid session for the user, session is expired.',
      401,
      SESSION_ENDED,
    ],
    [
      'a used session',
      'code',
      'NotAuthorizedException',
      'Invalid session for the user, session can only be used once.',
      401,
      SESSION_ENDED,
    ],
    [
      'a factor removed since the sign-in',
      'code',
      'SoftwareTokenMFANotFoundException',
      'Software Token MFA does not exist for the user.',
      401,
      SESSION_ENDED,
    ],
    ['an account deleted since the sign-in', 'code', 'UserNotFoundException', 'User does not exist.', 401, SESSION_ENDED],
    [
      'too many attempts',
      'code',
      'TooManyRequestsException',
      'Rate exceeded',
      429,
      { code: 'TooManyRequests', message: 'Too many requests: slow down and try again later.' },
    ],
  ] as const)(
    '%s (the %s step, %s) answers its status and body',
    async (_, kind, exception, cognitoMessage, status, expected) => {
      const refusal = cognitoError(exception, cognitoMessage);
      if (kind === 'setup') cognito.on(VerifySoftwareTokenCommand).rejects(refusal);
      else cognito.on(RespondToAuthChallengeCommand).rejects(refusal);
      const session = kind === 'setup' ? 'setup.AYABeK-after-associate' : SIGN_IN_SESSION;
      const response = await answer({ email: 'ada@example.com', session, code: '123456' });
      expect([response.statusCode, parse(response)]).toEqual([status, expected]);
    },
  );

  test('a verification that answers ERROR, not an exception, is a wrong code too: 400 CodeMismatch, and no challenge answered', async () => {
    cognito.on(VerifySoftwareTokenCommand).resolves({ Status: 'ERROR' });
    const response = await answer({ email: 'ada@example.com', session: 'setup.AYABeK-after-associate', code: '123456' });
    expect([response.statusCode, parse(response)]).toEqual([400, WRONG_CODE]);
    expect(cognito).not.toHaveReceivedCommand(RespondToAuthChallengeCommand);
  });

  test('an exception of a challenge these routes never answer (a new password refused) is a server fault: 500', async () => {
    cognito.on(RespondToAuthChallengeCommand).rejects(cognitoError('InvalidPasswordException', 'Password does not conform'));
    const response = await answer({ email: 'ada@example.com', session: SIGN_IN_SESSION, code: '123456' });
    expect(response.statusCode).toBe(500);
  });

  test('another challenge instead of tokens is a server fault: 500 with the request id only', async () => {
    cognito.on(RespondToAuthChallengeCommand).resolves({ ChallengeName: 'SELECT_MFA_TYPE', Session: 'AYABeK-next' });
    const response = await answer({ email: 'ada@example.com', session: SIGN_IN_SESSION, code: '123456' });
    expect([response.statusCode, parse(response).code]).toEqual([500, 'InternalError']);
    expect(response.body).not.toContain('AYABeK-next');
  });

  test.each([
    ['12345', '"code" must be the 6 digits of the authenticator app, without spaces.'],
    ['123 456', '"code" must be the 6 digits of the authenticator app, without spaces.'],
    [' 123456', '"code" must be the 6 digits of the authenticator app, without spaces.'],
    ['12345a', '"code" must be the 6 digits of the authenticator app, without spaces.'],
    ['1234567', '"code" must be the 6 digits of the authenticator app, without spaces.'],
  ])('the code %j answers 400 InvalidRequest saying what a code is, before calling Cognito', async (code, message) => {
    const response = await answer({ email: 'ada@example.com', session: SIGN_IN_SESSION, code });
    expect([response.statusCode, parse(response)]).toEqual([400, { code: 'InvalidRequest', message }]);
    expect(cognito.calls()).toHaveLength(0);
  });

  test('neither the session nor the code appear in a log line', async () => {
    cognito.on(RespondToAuthChallengeCommand).rejects(cognitoError('CodeMismatchException', 'Invalid code received for user'));
    const { result, logs } = await captureLogs(() =>
      answer({ email: 'ada@example.com', session: SIGN_IN_SESSION, code: '918273' }),
    );
    expect(result.statusCode).toBe(400);
    expect(logs).toContain('"outcome":"CodeMismatch"');
    for (const secret of [SIGN_IN_SESSION, '918273']) expect(logs).not.toContain(secret);
  });
});

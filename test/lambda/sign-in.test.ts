import {
  CognitoIdentityProviderClient,
  GetTokensFromRefreshTokenCommand,
  InitiateAuthCommand,
  RevokeTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { refreshResponse } from '../../contract/responses';
import { handler as refreshHandler } from '../../lambda/refresh';
import { handler as signInHandler } from '../../lambda/sign-in';
import { handler as signOutHandler } from '../../lambda/sign-out';
import { cognitoError } from '../support/cognito-errors';
import { apiEvent, lambdaContext, parse } from '../support/events';

// Signing in with a password, refreshing the tokens, and signing out.

const cognito = mockClient(CognitoIdentityProviderClient);

beforeEach(() => {
  cognito.reset();
  process.env.USER_POOL_CLIENT_ID = 'client-123';
});

describe('POST /sign-in', () => {
  const signIn = (body: unknown) => signInHandler(apiEvent({ resource: '/sign-in', body }), lambdaContext);
  const credentials = { email: 'ada@example.com', password: 'correct horse battery' };

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
    ] as const)(
      '%s answers 403 ChallengeRequired naming the step (%s), and never the session',
      async (_, challenge, canSetUp) => {
        cognito.on(InitiateAuthCommand).resolves({
          ChallengeName: challenge,
          Session: 'secret-session',
          ChallengeParameters: canSetUp ? { MFAS_CAN_SETUP: canSetUp } : {},
        });
        const response = await signIn(credentials);
        expect(response.statusCode).toBe(403);
        expect(parse(response)).toEqual({ code: 'ChallengeRequired', message: expect.stringContaining(challenge) });
        expect(response.body).not.toContain('secret-session');
      },
    );
  });

  test('an answer with neither tokens nor a challenge is a server fault: 500 with the request id only', async () => {
    cognito.on(InitiateAuthCommand).resolves({});
    const response = await signIn(credentials);
    expect(response.statusCode).toBe(500);
    expect(parse(response)).toEqual({
      code: 'InternalError',
      message: 'Something went wrong on our side (request id req-1234).',
    });
  });
});

describe('POST /refresh', () => {
  const refresh = (body: unknown) => refreshHandler(apiEvent({ resource: '/refresh', body }), lambdaContext);
  const tokens = { IdToken: 'id.jwt', AccessToken: 'access.jwt', ExpiresIn: 3600, TokenType: 'Bearer' };

  describe('answers 200 with new tokens', () => {
    test('with rotation: new id and access tokens, their lifetime, the Bearer type and the next refresh token', async () => {
      cognito
        .on(GetTokensFromRefreshTokenCommand)
        .resolves({ AuthenticationResult: { ...tokens, RefreshToken: 'next.refresh' } });
      const response = await refresh({ refreshToken: 'eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIn0.refresh' });
      expect(response.statusCode).toBe(200);
      expect(response.headers?.['Cache-Control']).toBe('no-store');
      const body = refreshResponse.parse(parse(response));
      expect(body).toEqual({
        idToken: 'id.jwt',
        accessToken: 'access.jwt',
        expiresIn: 3600,
        tokenType: 'Bearer',
        refreshToken: 'next.refresh',
      });
    });

    test('without rotation: the same answer as before rotation existed, and no refresh token', async () => {
      cognito.on(GetTokensFromRefreshTokenCommand).resolves({ AuthenticationResult: tokens });
      const response = await refresh({ refreshToken: 'eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIn0.refresh' });
      expect(response.statusCode).toBe(200);
      expect(parse(response)).toEqual({ idToken: 'id.jwt', accessToken: 'access.jwt', expiresIn: 3600, tokenType: 'Bearer' });
      expect(Object.keys(parse(response))).not.toContain('refreshToken');
    });

    test('Cognito is asked GetTokensFromRefreshToken with the client id and the token alone, never REFRESH_TOKEN_AUTH', async () => {
      cognito.on(GetTokensFromRefreshTokenCommand).resolves({ AuthenticationResult: tokens });
      await refresh({ refreshToken: 'the-refresh-token' });
      expect(cognito).toHaveReceivedCommandTimes(GetTokensFromRefreshTokenCommand, 1);
      expect(cognito.commandCalls(GetTokensFromRefreshTokenCommand)[0].args[0].input).toEqual({
        ClientId: 'client-123',
        RefreshToken: 'the-refresh-token',
      });
      expect(cognito).not.toHaveReceivedCommand(InitiateAuthCommand);
    });
  });

  describe('errors', () => {
    const REFRESH_AGAIN = {
      code: 'NotAuthorized',
      message: 'The refresh token is invalid, expired or revoked: sign in again.',
    };

    test.each([
      ['a garbage token', 'NotAuthorizedException', 'Invalid Refresh Token.'],
      ['a token revoked by sign-out', 'NotAuthorizedException', 'Refresh Token has been revoked'],
      ['an expired token', 'NotAuthorizedException', 'Refresh Token has expired'],
      ['a disabled account', 'NotAuthorizedException', 'User is disabled.'],
      // https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetTokensFromRefreshToken.html
      [
        'a token rotated out, past the grace period',
        'RefreshTokenReuseException',
        'Refresh token has been invalidated by refresh token rotation.',
      ],
      ['a deleted account', 'UserNotFoundException', 'User does not exist.'],
      ['a token Cognito finds malformed', 'InvalidParameterException', "1 validation error detected: Value at 'refreshToken'"],
    ])('%s (%s) answers 401 NotAuthorized, saying to sign in again', async (_, name, message) => {
      cognito.on(GetTokensFromRefreshTokenCommand).rejects(cognitoError(name, message));
      const response = await refresh({ refreshToken: 'the-refresh-token' });
      expect(response.statusCode).toBe(401);
      expect(parse(response)).toEqual(REFRESH_AGAIN);
    });

    test('no error answer repeats the refresh token', async () => {
      cognito
        .on(GetTokensFromRefreshTokenCommand)
        .rejects(cognitoError('NotAuthorizedException', 'Invalid Refresh Token: the-refresh-token'));
      const response = await refresh({ refreshToken: 'the-refresh-token' });
      expect(response.body).not.toContain('the-refresh-token');
    });

    test('Cognito throttling answers 429 TooManyRequests', async () => {
      cognito.on(GetTokensFromRefreshTokenCommand).rejects(cognitoError('TooManyRequestsException', 'Rate exceeded'));
      const response = await refresh({ refreshToken: 'the-refresh-token' });
      expect(response.statusCode).toBe(429);
      expect(parse(response).code).toBe('TooManyRequests');
    });

    test.each([
      ['ResourceNotFoundException', 'User pool client client-123 does not exist.'],
      ['OperationNotEnabledException', 'Operation is not enabled.'],
      ['ForbiddenException', 'Request not allowed due to WAF block.'],
      ['UnexpectedLambdaException', 'Unexpected error when invoking Lambda function.'],
    ])('%s, a fault of the deployment, answers 500 with the request id only', async (name, message) => {
      cognito.on(GetTokensFromRefreshTokenCommand).rejects(cognitoError(name, message));
      const response = await refresh({ refreshToken: 'the-refresh-token' });
      expect(response.statusCode).toBe(500);
      expect(parse(response)).toEqual({
        code: 'InternalError',
        message: 'Something went wrong on our side (request id req-1234).',
      });
    });

    test('an answer without tokens is a server fault: 500 with the request id only', async () => {
      cognito.on(GetTokensFromRefreshTokenCommand).resolves({});
      const response = await refresh({ refreshToken: 'the-refresh-token' });
      expect(response.statusCode).toBe(500);
      expect(parse(response).code).toBe('InternalError');
    });

    test.each([
      ['no refresh token', {}],
      ['an empty one', { refreshToken: '' }],
      ['one with spaces', { refreshToken: 'two words' }],
      ['a field besides it', { refreshToken: 'the-refresh-token', clientId: 'another' }],
      ['not an object', ['the-refresh-token']],
    ])('a body with %s answers 400 InvalidRequest and never reaches Cognito', async (_, body) => {
      const response = await refresh(body);
      expect(response.statusCode).toBe(400);
      expect(parse(response).code).toBe('InvalidRequest');
      expect(cognito).not.toHaveReceivedAnyCommand();
    });
  });
});

describe('POST /sign-out', () => {
  const signOut = (body: unknown) => signOutHandler(apiEvent({ resource: '/sign-out', body }), lambdaContext);

  test('POST /sign-out revokes the refresh token with the app client id and answers 204 with an empty body', async () => {
    cognito.on(RevokeTokenCommand).resolves({});
    const response = await signOut({ refreshToken: 'the-refresh-token' });
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
    expect(cognito).toHaveReceivedCommandWith(RevokeTokenCommand, { ClientId: 'client-123', Token: 'the-refresh-token' });
    expect(cognito.calls()).toHaveLength(1);
  });

  describe('errors', () => {
    test('an id or access token instead of the refresh token answers 400 InvalidRequest', async () => {
      cognito
        .on(RevokeTokenCommand)
        .rejects(cognitoError('UnsupportedTokenTypeException', 'Only refresh tokens can be revoked.'));
      const response = await signOut({ refreshToken: 'eyJ.access.token' });
      expect(response.statusCode).toBe(400);
      expect(parse(response)).toEqual({
        code: 'InvalidRequest',
        message: 'Only a refresh token can be revoked: send the one sign-in returned.',
      });
    });

    test('a refresh token of another app client answers 401 NotAuthorized, as it would at /refresh', async () => {
      cognito.on(RevokeTokenCommand).rejects(cognitoError('UnauthorizedException', 'The token was not issued to this client.'));
      const response = await signOut({ refreshToken: 'the-refresh-token' });
      expect(response.statusCode).toBe(401);
      expect(parse(response)).toEqual({
        code: 'NotAuthorized',
        message: 'The refresh token is invalid, expired or revoked: sign in again.',
      });
    });

    test('Cognito throttling answers 429 TooManyRequests', async () => {
      cognito.on(RevokeTokenCommand).rejects(cognitoError('TooManyRequestsException', 'Rate exceeded'));
      const response = await signOut({ refreshToken: 'the-refresh-token' });
      expect(response.statusCode).toBe(429);
      expect(parse(response).code).toBe('TooManyRequests');
    });

    test('revocation switched off for the client is a deployment fault: 500 with the request id only', async () => {
      cognito
        .on(RevokeTokenCommand)
        .rejects(cognitoError('UnsupportedOperationException', 'Token revocation is not enabled for this client.'));
      const response = await signOut({ refreshToken: 'the-refresh-token' });
      expect(response.statusCode).toBe(500);
      expect(parse(response)).toEqual({
        code: 'InternalError',
        message: 'Something went wrong on our side (request id req-1234).',
      });
    });
  });
});

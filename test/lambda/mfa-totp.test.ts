import {
  AssociateSoftwareTokenCommand,
  CognitoIdentityProviderClient,
  GetUserCommand,
  SetUserMFAPreferenceCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import type { RouteHandler, RouteName } from '../../lambda/api/handler';
import { handler as mfaTotp } from '../../lambda/mfa-totp';
import { handler as mfaTotpDelete } from '../../lambda/mfa-totp-delete';
import { handler as mfaTotpVerify } from '../../lambda/mfa-totp-verify';
import { cognitoError } from '../support/cognito-errors';
import { apiEvent, captureLogs, lambdaContext, parse } from '../support/events';

const cognito = mockClient(CognitoIdentityProviderClient);
beforeEach(() => {
  cognito.reset();
  process.env.TOTP_ISSUER = 'cognito-auth-api (dev)';
  process.env.MFA_MODE = 'optional';
});

// The access token's claims as the authorizer hands them over; the handlers must not use them to pick the account.
const claims = { sub: 'someone-else', username: 'someone-else', scope: 'aws.cognito.signin.user.admin' };
const call = (handler: RouteHandler<RouteName>, method: string, body?: unknown) =>
  handler(
    apiEvent({ method, resource: '/mfa/totp', body, claims, headers: { Authorization: 'Bearer the-access-token' } }),
    lambdaContext,
  );
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const BAD_TOKEN = { code: 'Unauthorized', message: 'The access token is invalid, expired or revoked: sign in again.' };

describe('POST /mfa/totp', () => {
  const begin = () => call(mfaTotp, 'POST');

  test('answers 200 with a new key and its otpauth:// URI, labelled with the email Cognito has for the token’s user', async () => {
    cognito.on(GetUserCommand).resolves({ Username: 'u-1', UserAttributes: [{ Name: 'email', Value: 'ada@example.com' }] });
    cognito.on(AssociateSoftwareTokenCommand).resolves({ SecretCode: SECRET });
    const response = await begin();
    expect(response.statusCode).toBe(200);
    expect(parse(response)).toEqual({
      secret: SECRET,
      otpauthUri: `otpauth://totp/cognito-auth-api%20(dev):ada%40example.com?issuer=cognito-auth-api%20(dev)&secret=${SECRET}&algorithm=SHA1&digits=6&period=30`,
    });
    expect(cognito).toHaveReceivedCommandWith(GetUserCommand, { AccessToken: 'the-access-token' });
    expect(cognito).toHaveReceivedCommandWith(AssociateSoftwareTokenCommand, { AccessToken: 'the-access-token' });
  });

  test.each([
    ['NotAuthorizedException', 'Access Token has been revoked'],
    ['UserNotFoundException', 'User does not exist.'],
  ])('Cognito refusing the token (%s) answers 401 Unauthorized', async (exception, message) => {
    cognito.on(GetUserCommand).rejects(cognitoError(exception, message));
    const response = await begin();
    expect([response.statusCode, parse(response)]).toEqual([401, BAD_TOKEN]);
    expect(cognito).not.toHaveReceivedCommand(AssociateSoftwareTokenCommand);
  });

  test('a pool without TOTP (SoftwareTokenMFANotFoundException) is a deployment fault: 500, not a client error', async () => {
    cognito.on(GetUserCommand).resolves({ UserAttributes: [{ Name: 'email', Value: 'ada@example.com' }] });
    cognito
      .on(AssociateSoftwareTokenCommand)
      .rejects(cognitoError('SoftwareTokenMFANotFoundException', 'Software Token MFA has not been enabled by the userPool.'));
    expect((await begin()).statusCode).toBe(500);
  });

  test.each(['optional', 'required'])(
    'mfa=%s, a user with TOTP already on: a new key on the access token alone, no current code asked (an accepted risk: Cognito offers the same without one, SECURITY.md)',
    async (mode) => {
      process.env.MFA_MODE = mode;
      cognito.on(GetUserCommand).resolves({
        UserAttributes: [{ Name: 'email', Value: 'ada@example.com' }],
        UserMFASettingList: ['SOFTWARE_TOKEN_MFA'],
        PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA',
      });
      cognito.on(AssociateSoftwareTokenCommand).resolves({ SecretCode: SECRET });
      const response = await begin();
      expect([response.statusCode, parse(response).secret]).toEqual([200, SECRET]);
      expect(cognito.commandCalls(AssociateSoftwareTokenCommand).map((c) => c.args[0].input)).toEqual([
        { AccessToken: 'the-access-token' },
      ]);
    },
  );

  test('the key never appears in a log line', async () => {
    cognito.on(GetUserCommand).resolves({ UserAttributes: [{ Name: 'email', Value: 'ada@example.com' }] });
    cognito.on(AssociateSoftwareTokenCommand).resolves({ SecretCode: SECRET });
    const { result, logs } = await captureLogs(begin);
    expect(result.statusCode).toBe(200);
    expect(logs).toContain('"msg":"request completed"');
    expect(logs).not.toContain(SECRET);
  });
});

describe('POST /mfa/totp/verify', () => {
  const verify = (code = '123456') => call(mfaTotpVerify, 'POST', { code });

  test('verifies the code, then turns TOTP on and preferred, and answers 200 {"mfa":"TOTP"}', async () => {
    cognito.on(VerifySoftwareTokenCommand).resolves({ Status: 'SUCCESS' });
    cognito.on(SetUserMFAPreferenceCommand).resolves({});
    const response = await verify();
    expect([response.statusCode, parse(response)]).toEqual([200, { mfa: 'TOTP' }]);
    expect(cognito).toHaveReceivedCommandWith(VerifySoftwareTokenCommand, {
      AccessToken: 'the-access-token',
      UserCode: '123456',
    });
    expect(cognito).toHaveReceivedCommandWith(SetUserMFAPreferenceCommand, {
      AccessToken: 'the-access-token',
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
    });
  });

  test.each([
    ['EnableSoftwareTokenMFAException', 'Code mismatch and fail enable Software Token MFA'],
    ['CodeMismatchException', 'Invalid code received for user'],
  ])('a wrong code (%s) answers 400 CodeMismatch, and TOTP is not turned on', async (exception, message) => {
    cognito.on(VerifySoftwareTokenCommand).rejects(cognitoError(exception, message));
    const response = await verify();
    expect([response.statusCode, parse(response)]).toEqual([
      400,
      { code: 'CodeMismatch', message: 'The code does not match the authenticator app: enter the one it shows now.' },
    ]);
    expect(cognito).not.toHaveReceivedCommand(SetUserMFAPreferenceCommand);
  });

  test('a code used once already answers 400 CodeExpired, and TOTP is not turned on', async () => {
    cognito
      .on(VerifySoftwareTokenCommand)
      .rejects(cognitoError('ExpiredCodeException', 'Your software token has already been used once.'));
    const response = await verify();
    expect([response.statusCode, parse(response)]).toEqual([
      400,
      { code: 'CodeExpired', message: 'This code has already been used: wait for the authenticator app to show the next one.' },
    ]);
    expect(cognito).not.toHaveReceivedCommand(SetUserMFAPreferenceCommand);
  });

  test('a verification that answers ERROR is a wrong code too, and TOTP is not turned on', async () => {
    cognito.on(VerifySoftwareTokenCommand).resolves({ Status: 'ERROR' });
    expect(parse(await verify()).code).toBe('CodeMismatch');
    expect(cognito).not.toHaveReceivedCommand(SetUserMFAPreferenceCommand);
  });

  test('no key handed out to verify answers 400 InvalidRequest pointing at POST /mfa/totp', async () => {
    cognito
      .on(VerifySoftwareTokenCommand)
      .rejects(cognitoError('SoftwareTokenMFANotFoundException', 'Software Token MFA not found.'));
    const response = await verify();
    expect([response.statusCode, parse(response)]).toEqual([
      400,
      { code: 'InvalidRequest', message: 'No authenticator is being set up for this account: start with POST /mfa/totp.' },
    ]);
  });

  test('a refused token answers 401 Unauthorized; too many attempts 429', async () => {
    cognito.on(VerifySoftwareTokenCommand).rejects(cognitoError('NotAuthorizedException', 'Invalid Access Token'));
    expect([(await verify()).statusCode, parse(await verify())]).toEqual([401, BAD_TOKEN]);
    cognito.on(VerifySoftwareTokenCommand).rejects(cognitoError('TooManyRequestsException', 'Rate exceeded'));
    expect((await verify()).statusCode).toBe(429);
  });

  test('a code that is not 6 digits answers 400 InvalidRequest before calling Cognito', async () => {
    const response = await verify('12 34 56');
    expect([response.statusCode, parse(response).code]).toEqual([400, 'InvalidRequest']);
    expect(cognito.calls()).toHaveLength(0);
  });
});

describe('DELETE /mfa/totp', () => {
  const remove = () => call(mfaTotpDelete, 'DELETE');

  test('turns TOTP off for the token’s user and answers 204', async () => {
    cognito.on(SetUserMFAPreferenceCommand).resolves({});
    const response = await remove();
    expect([response.statusCode, response.body]).toEqual([204, '']);
    expect(cognito).toHaveReceivedCommandWith(SetUserMFAPreferenceCommand, {
      AccessToken: 'the-access-token',
      SoftwareTokenMfaSettings: { Enabled: false, PreferredMfa: false },
    });
  });

  test('where the deployment requires a factor, answers 409 MfaRequired saying so, without calling Cognito', async () => {
    process.env.MFA_MODE = 'required';
    const response = await remove();
    expect(response.statusCode).toBe(409);
    expect(parse(response)).toEqual({ code: 'MfaRequired', message: expect.stringMatching(/requires a second factor/) });
    expect(cognito.calls()).toHaveLength(0);
  });

  test('a refused token answers 401 Unauthorized', async () => {
    cognito.on(SetUserMFAPreferenceCommand).rejects(cognitoError('NotAuthorizedException', 'Access Token has expired'));
    const response = await remove();
    expect([response.statusCode, parse(response)]).toEqual([401, BAD_TOKEN]);
  });
});

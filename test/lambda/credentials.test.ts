import { CognitoIdentityClient, GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../lambda/credentials';
import { cognitoIdentityError } from '../support/cognito-errors';
import { apiEvent, captureLogs, lambdaContext, parse } from '../support/events';

const cognitoIdentity = mockClient(CognitoIdentityClient);
beforeEach(() => {
  cognitoIdentity.reset();
  process.env.AWS_REGION = 'eu-west-1';
  process.env.USER_POOL_ID = 'eu-west-1_Pool1';
  process.env.IDENTITY_POOL_ID = 'eu-west-1:0b1c2d3e-0000-4000-8000-000000000000';
});

const idToken = 'eyJraWQiOiJrMSJ9.eyJzdWIiOiJ1MSJ9.c2lnbmF0dXJl';
const identityId = 'eu-west-1:7a8b9c0d-0000-4000-8000-000000000000';
const credentials = {
  AccessKeyId: 'ASIAQEXAMPLEKEYID01',
  SecretKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLESECRET',
  SessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE-session-token',
  Expiration: new Date('2026-12-02T01:00:00.000Z'),
};
const request = (authorization = `Bearer ${idToken}`) =>
  apiEvent({
    method: 'POST',
    resource: '/credentials',
    headers: { Authorization: authorization },
    claims: { sub: 'u1', email: 'ada@example.com' },
  });
const logins = { 'cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Pool1': idToken };

describe('POST /credentials', () => {
  test('exchanges the id token for the identity pool’s credentials: GetId, then GetCredentialsForIdentity, with the pool’s Logins', async () => {
    cognitoIdentity.on(GetIdCommand).resolves({ IdentityId: identityId });
    cognitoIdentity.on(GetCredentialsForIdentityCommand).resolves({ IdentityId: identityId, Credentials: credentials });
    const response = await handler(request(), lambdaContext);
    expect(response.statusCode).toBe(200);
    expect(parse(response)).toEqual({
      identityId,
      accessKeyId: credentials.AccessKeyId,
      secretAccessKey: credentials.SecretKey,
      sessionToken: credentials.SessionToken,
      expiration: '2026-12-02T01:00:00.000Z',
    });
    expect(response.headers).toMatchObject({ 'Cache-Control': 'no-store' });
    expect(cognitoIdentity.commandCalls(GetIdCommand)[0].args[0].input).toEqual({
      IdentityPoolId: 'eu-west-1:0b1c2d3e-0000-4000-8000-000000000000',
      Logins: logins,
    });
    expect(cognitoIdentity.commandCalls(GetCredentialsForIdentityCommand)[0].args[0].input).toEqual({
      IdentityId: identityId,
      Logins: logins,
    });
  });

  test('takes the id token bare too, as the authorizer does', async () => {
    cognitoIdentity.on(GetIdCommand).resolves({ IdentityId: identityId });
    cognitoIdentity.on(GetCredentialsForIdentityCommand).resolves({ Credentials: credentials });
    expect((await handler(request(idToken), lambdaContext)).statusCode).toBe(200);
    expect(cognitoIdentity.commandCalls(GetIdCommand)[0].args[0].input.Logins).toEqual(logins);
  });

  test('without an Authorization header answers 401 Unauthorized and calls nothing', async () => {
    const event = apiEvent({ method: 'POST', resource: '/credentials', claims: { sub: 'u1' } });
    const response = await handler(event, lambdaContext);
    expect([response.statusCode, parse(response).code]).toEqual([401, 'Unauthorized']);
    expect(cognitoIdentity.calls()).toHaveLength(0);
  });

  // The error table's rows for Cognito Identity: its exception in, our status and code out.
  test.each([
    ['NotAuthorizedException', 'Invalid login token. Token expired: 1700000000 >= 1699999999', 401, 'NotAuthorized'],
    ['TooManyRequestsException', 'Rate exceeded', 429, 'TooManyRequests'],
    ['ResourceNotFoundException', 'IdentityPool eu-west-1:0b1c… not found.', 500, 'InternalError'],
    ['InvalidParameterException', '1 validation error detected', 500, 'InternalError'],
    ['InvalidIdentityPoolConfigurationException', 'Invalid identity pool configuration.', 500, 'InternalError'],
    ['LimitExceededException', 'Limit exceeded', 500, 'InternalError'],
  ])('%s from GetId (%s) answers %i %s', async (name, message, status, code) => {
    cognitoIdentity.on(GetIdCommand).rejects(cognitoIdentityError(name, message));
    const response = await handler(request(), lambdaContext);
    expect([response.statusCode, parse(response).code]).toEqual([status, code]);
  });

  test.each([
    ['NotAuthorizedException', 401, 'NotAuthorized'],
    ['TooManyRequestsException', 429, 'TooManyRequests'],
    ['InvalidIdentityPoolConfigurationException', 500, 'InternalError'],
  ])('%s from GetCredentialsForIdentity answers %i %s', async (name, status, code) => {
    cognitoIdentity.on(GetIdCommand).resolves({ IdentityId: identityId });
    cognitoIdentity.on(GetCredentialsForIdentityCommand).rejects(cognitoIdentityError(name));
    const response = await handler(request(), lambdaContext);
    expect([response.statusCode, parse(response).code]).toEqual([status, code]);
  });

  test('a refused id token says to sign in again, not that the password was wrong', async () => {
    cognitoIdentity
      .on(GetIdCommand)
      .rejects(cognitoIdentityError('NotAuthorizedException', 'Token is not from a supported provider'));
    expect(parse(await handler(request(), lambdaContext)).message).toBe('The identity pool refused the id token: sign in again.');
  });

  test('credentials with a part missing are a 500, not a half answer', async () => {
    cognitoIdentity.on(GetIdCommand).resolves({ IdentityId: identityId });
    cognitoIdentity.on(GetCredentialsForIdentityCommand).resolves({ Credentials: { ...credentials, SessionToken: undefined } });
    expect((await handler(request(), lambdaContext)).statusCode).toBe(500);
  });

  test('neither the credentials nor the id token ever appear in a log line, on success or failure', async () => {
    cognitoIdentity.on(GetIdCommand).resolves({ IdentityId: identityId });
    cognitoIdentity
      .on(GetCredentialsForIdentityCommand)
      .resolvesOnce({ Credentials: credentials })
      // An exception whose message quotes the token and a key: only its name may be logged.
      .rejects(cognitoIdentityError('InternalErrorException', `failed for ${idToken} ${credentials.SecretKey}`));
    const { logs } = await captureLogs(async () => {
      await handler(request(), lambdaContext);
      await handler(request(), lambdaContext);
    });
    expect(logs).toContain('"outcome":"Success"');
    expect(logs).toContain('Cognito Identity failed: InternalErrorException');
    for (const secret of [idToken, credentials.AccessKeyId, credentials.SecretKey, credentials.SessionToken]) {
      expect(logs).not.toContain(secret);
    }
  });
});

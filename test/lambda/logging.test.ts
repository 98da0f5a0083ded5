import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { cognitoError } from '../support/cognito-errors';
import { apiEvent, captureLogs, lambdaContext } from '../support/events';

import { handler as signIn } from '../../lambda/sign-in';

const cognito = mockClient(CognitoIdentityProviderClient);
beforeEach(() => {
  cognito.reset();
  // jest.config.js silences the handlers' logs; these tests read them.
  process.env.LOG_LEVEL = 'INFO';
  process.env.USER_POOL_CLIENT_ID = 'client-123';
});

const password = 'hunter2-correct-horse';
const request = apiEvent({ resource: '/sign-in', body: { email: 'ada@example.com', password } });

function lines(logs: string): any[] {
  return logs.trim().split('\n').map((line) => JSON.parse(line));
}

test('LOG_LEVEL=WARN keeps the request lines out', async () => {
  process.env.LOG_LEVEL = 'WARN';
  cognito.onAnyCommand().resolves({ AuthenticationResult: { IdToken: 'i', AccessToken: 'a', RefreshToken: 'r', ExpiresIn: 3600 } });
  const { logs } = await captureLogs(() => signIn(request, lambdaContext));
  expect(logs).toBe('');
});

test('each request is logged as one JSON line with its outcome, status and latency', async () => {
  cognito.onAnyCommand().resolves({ AuthenticationResult: { IdToken: 'eyJ.id.token', AccessToken: 'eyJ.access.token', RefreshToken: 'refresh-secret', ExpiresIn: 3600 } });
  const { logs } = await captureLogs(() => signIn(request, lambdaContext));
  const [line, ...rest] = lines(logs);
  expect(rest).toEqual([]);
  expect(line).toMatchObject({
    level: 'INFO',
    message: 'request completed',
    method: 'POST',
    resource: '/sign-in',
    status: 200,
    outcome: 'Success',
    requestId: 'req-1234',
    function_request_id: 'lambda-req-1',
    function_name: 'test-function',
  });
  expect(Date.parse(line.timestamp)).not.toBeNaN();
  expect(line.latencyMs).toEqual(expect.any(Number));
});

test('no password or token ever appears in a log line, on success or failure', async () => {
  cognito.onAnyCommand().resolvesOnce({ AuthenticationResult: { IdToken: 'eyJ.id.token', AccessToken: 'eyJ.access.token', RefreshToken: 'refresh-secret', ExpiresIn: 3600 } });
  cognito.onAnyCommand().rejects(cognitoError('NotAuthorizedException', `Incorrect password ${password}`));
  const { logs } = await captureLogs(async () => {
    await signIn(request, lambdaContext);
    await signIn(request, lambdaContext);
  });
  expect(lines(logs).map((l) => l.outcome)).toEqual(['Success', 'NotAuthorized']);
  for (const secret of [password, 'eyJ.id.token', 'eyJ.access.token', 'refresh-secret']) expect(logs).not.toContain(secret);
});

test('an unexpected failure logs its name and message at ERROR, without a stack trace', async () => {
  cognito.onAnyCommand().rejects(new TypeError('socket hang up'));
  const { logs } = await captureLogs(() => signIn(request, lambdaContext));
  const [failure, completed] = lines(logs);
  expect(failure).toMatchObject({ level: 'ERROR', message: 'unexpected failure', errorName: 'TypeError', errorMessage: 'socket hang up' });
  expect(completed).toMatchObject({ outcome: 'InternalError', status: 500 });
  expect(logs).not.toMatch(/\bat .*:\d+:\d+/);
});

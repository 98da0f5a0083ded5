import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { handler as signIn } from '../../lambda/sign-in';
import { cognitoError } from '../support/cognito-errors';
import { apiEvent, captureLogs, lambdaContext } from '../support/events';

const cognito = mockClient(CognitoIdentityProviderClient);
const traceHeader = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';
beforeEach(() => {
  cognito.reset();
  process.env.USER_POOL_CLIENT_ID = 'client-123';
  process.env._X_AMZN_TRACE_ID = traceHeader;
});

const password = 'hunter2-correct-horse';
const request = apiEvent({ resource: '/sign-in', body: { email: 'ada@example.com', password } });
const tokens = {
  AuthenticationResult: {
    IdToken: 'eyJ.id.token',
    AccessToken: 'eyJ.access.token',
    RefreshToken: 'refresh-secret',
    ExpiresIn: 3600,
  },
};

function lines(logs: string): any[] {
  return logs
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

test('each request is one line in the shape Lambda writes for console.info(object): its fields stay JSON under "message"', async () => {
  cognito.onAnyCommand().resolves(tokens);
  const { logs } = await captureLogs(() => signIn(request, lambdaContext));
  const [line, ...rest] = lines(logs);
  expect(rest).toEqual([]);
  expect(Object.keys(line)).toEqual(['timestamp', 'level', 'requestId', 'message']);
  expect(line).toMatchObject({ level: 'INFO', requestId: 'lambda-req-1' });
  expect(Date.parse(line.timestamp)).not.toBeNaN();
  expect(line.message).toEqual({
    msg: 'request completed',
    apiRequestId: 'req-1234',
    traceId: '1-5759e988-bd862e3fe1be46a994272793',
    coldStart: expect.any(Boolean),
    method: 'POST',
    resource: '/sign-in',
    status: 200,
    outcome: 'Success',
    latencyMs: expect.any(Number),
  });
});

test('only the first invocation of a container is marked as a cold start', async () => {
  // A module registry of its own is a fresh container; GET /public calls nothing it would have to mock again.
  await jest.isolateModulesAsync(async () => {
    const { handler } = await import('../../lambda/public');
    const publicRequest = apiEvent({ method: 'GET', resource: '/public' });
    const { logs } = await captureLogs(async () => {
      await handler(publicRequest, lambdaContext);
      await handler(publicRequest, lambdaContext);
    });
    expect(lines(logs).map((line) => line.message.coldStart)).toEqual([true, false]);
  });
});

test('without an X-Ray trace header the line has no trace id', async () => {
  delete process.env._X_AMZN_TRACE_ID;
  cognito.onAnyCommand().resolves(tokens);
  const { logs } = await captureLogs(() => signIn(request, lambdaContext));
  expect(lines(logs)[0].message).not.toHaveProperty('traceId');
});

test('at the application log level WARN, the request lines are dropped and an unexpected failure still shows', async () => {
  cognito.onAnyCommand().resolvesOnce(tokens);
  cognito.onAnyCommand().rejects(new TypeError('socket hang up'));
  const { logs } = await captureLogs(async () => {
    await signIn(request, lambdaContext);
    await signIn(request, lambdaContext);
  }, 'WARN');
  expect(lines(logs)).toEqual([
    expect.objectContaining({ level: 'ERROR', message: expect.objectContaining({ msg: 'unexpected failure' }) }),
  ]);
});

test('no password or token ever appears in a log line, on success or failure', async () => {
  cognito.onAnyCommand().resolvesOnce(tokens);
  cognito.onAnyCommand().rejects(cognitoError('NotAuthorizedException', `Incorrect password ${password}`));
  const { logs } = await captureLogs(async () => {
    await signIn(request, lambdaContext);
    await signIn(request, lambdaContext);
  });
  expect(lines(logs).map((l) => l.message.outcome)).toEqual(['Success', 'NotAuthorized']);
  for (const secret of [password, 'eyJ.id.token', 'eyJ.access.token', 'refresh-secret']) expect(logs).not.toContain(secret);
});

test('an unexpected failure logs its name and message at ERROR, without a stack trace', async () => {
  cognito.onAnyCommand().rejects(new TypeError('socket hang up'));
  const { logs } = await captureLogs(() => signIn(request, lambdaContext));
  const [failure, completed] = lines(logs);
  expect(failure).toMatchObject({
    level: 'ERROR',
    message: { msg: 'unexpected failure', errorName: 'TypeError', errorMessage: 'socket hang up' },
  });
  // Lambda adds errorType and stackTrace when an Error object itself is logged.
  expect(failure).not.toHaveProperty('stackTrace');
  expect(completed).toMatchObject({ level: 'INFO', message: { outcome: 'InternalError', status: 500 } });
  expect(logs).not.toMatch(/\bat .*:\d+:\d+/);
});

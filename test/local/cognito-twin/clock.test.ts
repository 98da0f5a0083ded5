import {
  ConfirmSignUpCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CLIENT, ROTATING_NO_GRACE_CLIENT } from './pool-fixture';
import {
  failureOf,
  latestCode,
  PASSWORD,
  signInWithPassword,
  signUpConfirmed,
  startTwin,
  type TwinUnderTest,
} from './twin-harness';

let env: TwinUnderTest;
beforeEach(async () => {
  env = await startTwin();
});
afterEach(() => env.dispose());

const DAY_SECONDS = 24 * 60 * 60;
const clock = (method: string, body?: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  fetch(`${env.twin.url}/_local/clock`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  }).then(async (response) => ({ status: response.status, headers: response.headers, body: (await response.json()) as any }));
const signIn = (clientId = CLIENT) => signInWithPassword(env, 'ann@example.com', clientId);

describe('/_local/clock', () => {
  it('reads zero offset at the start, moves forward by advanceSeconds, and DELETE puts it back', async () => {
    const start = new Date(env.clock.now()).toISOString();
    expect(await clock('GET')).toMatchObject({ status: 200, body: { offsetSeconds: 0, now: start } });
    expect((await clock('POST', { advanceSeconds: 3600 })).body).toEqual({
      offsetSeconds: 3600,
      now: new Date(env.clock.now() + 3600 * 1000).toISOString(),
    });
    expect((await clock('POST', { advanceSeconds: 60 })).body.offsetSeconds).toBe(3660);
    expect(await clock('DELETE')).toMatchObject({ status: 200, body: { offsetSeconds: 0, now: start } });
  });

  it.each([
    ['a negative number', { advanceSeconds: -1 }],
    ['zero', { advanceSeconds: 0 }],
    ['a fraction', { advanceSeconds: 1.5 }],
    ['a string', { advanceSeconds: '60' }],
    ['more than ten years', { advanceSeconds: 10 * 365 * DAY_SECONDS + 1 }],
    ['another field', { advanceSeconds: 60, rewind: true }],
    ['no field', {}],
  ])('refuses %s with 400 and a message that says what to send, and does not move', async (_, body) => {
    const answer = await clock('POST', body);
    expect(answer.status).toBe(400);
    expect(answer.body.message).toMatch(/^Send \{"advanceSeconds": N\}, N a whole number of seconds from 1 to 315360000/);
    expect((await clock('GET')).body.offsetSeconds).toBe(0);
  });

  it('refuses a body that is not JSON with 400, and one not labelled JSON with 415 (a page of another site cannot move it)', async () => {
    expect(await clock('POST', 'advanceSeconds=60')).toMatchObject({ status: 400, body: { message: expect.any(String) } });
    expect(await clock('POST', { advanceSeconds: 60 }, { 'content-type': 'text/plain' })).toMatchObject({
      status: 415,
      body: { message: 'Send the body as JSON, with Content-Type: application/json.' },
    });
    expect((await clock('GET')).body.offsetSeconds).toBe(0);
  });

  it('answers other methods with 405 and the allowed ones, and sends no CORS header nor grants a preflight', async () => {
    const put = await clock('PUT', { advanceSeconds: 60 });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, POST, DELETE');
    expect((await clock('GET')).headers.get('access-control-allow-origin')).toBeNull();
    // A page of another site must ask first to POST JSON; the path grants no preflight.
    const preflight = await fetch(`${env.twin.url}/_local/clock`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-methods')).toBeNull();
  });
});

describe('what the clock moves in the twin', () => {
  beforeEach(() => signUpConfirmed(env, 'ann@example.com'));

  it('an hour later the access token is expired at GetUser; the refresh token revives the session', async () => {
    const { AccessToken, RefreshToken } = await signIn();
    await clock('POST', { advanceSeconds: 3600 });
    expect(await failureOf(env.cognito.send(new GetUserCommand({ AccessToken })))).toEqual({
      name: 'NotAuthorizedException',
      message: 'Access Token has expired',
    });
    const renewed = await env.cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: CLIENT, RefreshToken }));
    expect(
      (await env.cognito.send(new GetUserCommand({ AccessToken: renewed.AuthenticationResult?.AccessToken }))).Username,
    ).toBeDefined();
  });

  it('thirty days later the refresh token is expired', async () => {
    const { RefreshToken } = await signIn(ROTATING_NO_GRACE_CLIENT);
    await clock('POST', { advanceSeconds: 30 * DAY_SECONDS });
    const refresh = new GetTokensFromRefreshTokenCommand({ ClientId: ROTATING_NO_GRACE_CLIENT, RefreshToken });
    expect(await failureOf(env.cognito.send(refresh))).toEqual({
      name: 'NotAuthorizedException',
      message: 'Refresh Token has expired',
    });
  });

  it('a day later a sign-up code is expired', async () => {
    await env.cognito.send(new SignUpCommand({ ClientId: CLIENT, Username: 'bea@example.com', Password: PASSWORD }));
    await clock('POST', { advanceSeconds: DAY_SECONDS + 1 });
    const confirm = new ConfirmSignUpCommand({
      ClientId: CLIENT,
      Username: 'bea@example.com',
      ConfirmationCode: latestCode(env.twin, 'bea@example.com'),
    });
    expect((await failureOf(env.cognito.send(confirm))).name).toBe('ExpiredCodeException');
  });
});

import {
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
  ResendConfirmationCodeCommand,
  SignUpCommand,
  UpdateUserAttributesCommand,
  VerifyUserAttributeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { apiEvent, lambdaContext } from '../../support/events';
import { CLIENT } from './pool-fixture';
import { failureOf, latestCode, PASSWORD, signUpConfirmed, startTwin, type TwinUnderTest } from './twin-harness';

let env: TwinUnderTest;
beforeEach(async () => {
  env = await startTwin();
});
afterEach(() => env.dispose());

const HOUR = 60 * 60 * 1000;
const LIMITED = { name: 'LimitExceededException', message: 'Attempt limit exceeded, please try after some time.' };
const MISMATCH = { name: 'CodeMismatchException', message: 'Invalid verification code provided, please try again.' };
const resend = (email: string) => env.cognito.send(new ResendConfirmationCodeCommand({ ClientId: CLIENT, Username: email }));
const forgot = (email: string) => env.cognito.send(new ForgotPasswordCommand({ ClientId: CLIENT, Username: email }));
const confirm = (email: string, code: string) =>
  env.cognito.send(new ConfirmSignUpCommand({ ClientId: CLIENT, Username: email, ConfirmationCode: code }));
const reset = (email: string, code: string) =>
  env.cognito.send(
    new ConfirmForgotPasswordCommand({ ClientId: CLIENT, Username: email, ConfirmationCode: code, Password: 'New-password-2' }),
  );
const signUp = (email: string) => env.cognito.send(new SignUpCommand({ ClientId: CLIENT, Username: email, Password: PASSWORD }));
const wrongCodeFor = (right: string) => (right === '000000' ? '111111' : '000000');

describe('attempt limits (the twin assumes 5 per hour; Cognito does not publish its own)', () => {
  it('refuses a sixth code request within the hour with LimitExceededException, and sends codes again after it', async () => {
    await signUp('ann@example.com');
    for (let request = 0; request < 5; request += 1) await resend('ann@example.com');
    expect(await failureOf(resend('ann@example.com'))).toEqual(LIMITED);
    expect(await failureOf(forgot('ann@example.com'))).toEqual(LIMITED);
    env.clock.advance(HOUR);
    expect((await resend('ann@example.com')).CodeDeliveryDetails).toBeDefined();
  });

  it('limits code requests for an email nobody has alike, so the limit tells nothing about who has an account', async () => {
    for (let request = 0; request < 5; request += 1) await forgot('nobody@example.com');
    expect(await failureOf(forgot('nobody@example.com'))).toEqual(LIMITED);
  });

  it('refuses even the right sign-up code after five wrong ones, until the hour has passed', async () => {
    await signUp('ann@example.com');
    const code = latestCode(env.twin, 'ann@example.com');
    for (let attempt = 0; attempt < 5; attempt += 1)
      expect(await failureOf(confirm('ann@example.com', wrongCodeFor(code)))).toEqual(MISMATCH);
    expect(await failureOf(confirm('ann@example.com', code))).toEqual(LIMITED);
    env.clock.advance(HOUR);
    await confirm('ann@example.com', code);
  });

  it('refuses even the right reset code after five wrong ones, and counts them for unknown emails too', async () => {
    await signUpConfirmed(env, 'ann@example.com');
    await forgot('ann@example.com');
    const code = latestCode(env.twin, 'ann@example.com', 'reset');
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect(await failureOf(reset('ann@example.com', wrongCodeFor(code)))).toEqual(MISMATCH);
      expect(await failureOf(reset('nobody@example.com', '123456'))).toEqual(MISMATCH);
    }
    expect(await failureOf(reset('ann@example.com', code))).toEqual(LIMITED);
    expect(await failureOf(reset('nobody@example.com', '123456'))).toEqual(LIMITED);
  });

  it('refuses even the right email-verification code after five wrong ones (VerifyUserAttribute), until the hour has passed', async () => {
    await signUpConfirmed(env, 'ann@example.com');
    const signIn = async () =>
      (
        await env.cognito.send(
          new InitiateAuthCommand({
            ClientId: CLIENT,
            AuthFlow: 'USER_PASSWORD_AUTH',
            AuthParameters: { USERNAME: 'ann@example.com', PASSWORD },
          }),
        )
      ).AuthenticationResult?.AccessToken;
    const AccessToken = await signIn();
    await env.cognito.send(
      new UpdateUserAttributesCommand({ AccessToken, UserAttributes: [{ Name: 'email', Value: 'ann@example.org' }] }),
    );
    const code = latestCode(env.twin, 'ann@example.org', 'verify-email');
    const verify = (accessToken: string | undefined, presented: string) =>
      env.cognito.send(new VerifyUserAttributeCommand({ AccessToken: accessToken, AttributeName: 'email', Code: presented }));
    for (let attempt = 0; attempt < 5; attempt += 1)
      expect(await failureOf(verify(AccessToken, wrongCodeFor(code)))).toEqual(MISMATCH);
    expect(await failureOf(verify(AccessToken, code))).toEqual(LIMITED);
    env.clock.advance(HOUR);
    // The access token has expired with the hour; the code (24 hours) has not.
    await verify(await signIn(), code);
  });

  it('keeps the counts across a restart', async () => {
    await signUp('ann@example.com');
    for (let request = 0; request < 5; request += 1) await resend('ann@example.com');
    await env.stop();
    env = await startTwin({ stateDir: env.stateDir, clock: env.clock });
    expect(await failureOf(resend('ann@example.com'))).toEqual(LIMITED);
  });

  it('takes its limits and window from the twin settings', async () => {
    await env.dispose();
    env = await startTwin({ attemptLimits: { codeRequestsPerWindow: 1, windowMs: 60_000 } });
    await forgot('ann@example.com');
    expect(await failureOf(forgot('ann@example.com'))).toEqual(LIMITED);
    env.clock.advance(60_000);
    await forgot('ann@example.com');
  });
});

describe("the API's handler in front of the twin", () => {
  let resendCode: (body: unknown) => Promise<APIGatewayProxyResult>;
  const saved = { ...process.env };
  beforeEach(() => {
    Object.assign(process.env, {
      COGNITO_ENDPOINT: env.twin.url,
      USER_POOL_CLIENT_ID: CLIENT,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    });
    // The handler's Cognito client reads COGNITO_ENDPOINT when its module loads.
    jest.isolateModules(() => {
      const { handler } = require('../../../lambda/resend-code') as typeof import('../../../lambda/resend-code');
      resendCode = async (body) =>
        (await handler(apiEvent({ resource: '/resend-code', body }), lambdaContext)) as APIGatewayProxyResult;
    });
  });
  afterEach(() => {
    process.env = saved;
  });

  // The SDK retries LimitExceededException as throttling (three attempts with backoff): seconds.
  it('answers 429 TooManyRequests at the limit and 200 again after the window', async () => {
    await signUp('ann@example.com');
    for (let request = 0; request < 5; request += 1)
      expect((await resendCode({ email: 'ann@example.com' })).statusCode).toBe(200);
    const limited = await resendCode({ email: 'ann@example.com' });
    expect(limited.statusCode).toBe(429);
    expect(JSON.parse(limited.body)).toEqual({ code: 'TooManyRequests', message: 'Too many attempts: try again later.' });
    env.clock.advance(HOUR);
    expect((await resendCode({ email: 'ann@example.com' })).statusCode).toBe(200);
  });
});

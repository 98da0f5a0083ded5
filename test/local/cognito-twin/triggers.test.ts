import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  ForgotPasswordCommand,
  GetTokensFromRefreshTokenCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import type { LambdaTriggers } from '../../../local/cognito-twin';
import { LambdaRuntime } from '../../../local/gateway/lambda-runtime';
import type { FunctionModel } from '../../../local/stack-model';
import { CLIENT, ROTATING_CLIENT } from './pool-fixture';
import {
  failureOf,
  latestCode,
  PASSWORD,
  signInWithPassword,
  signUpConfirmed,
  startTwin,
  type TwinUnderTest,
} from './twin-harness';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triggers-'));

/** A trigger function whose bundle is `source`, as synth would have written it. */
function fn(name: string, source: string, timeoutSeconds = 5): FunctionModel {
  const codeDir = path.join(dir, name);
  fs.mkdirSync(codeDir, { recursive: true });
  fs.writeFileSync(path.join(codeDir, 'index.js'), source);
  return {
    logicalId: name,
    codeDir,
    handler: 'index.handler',
    environment: {},
    timeoutSeconds,
    memoryMb: 128,
    logging: { format: 'Text' },
  };
}

const functions = {
  allowList: fn(
    'allowList',
    `exports.handler = async (event) => {
      if (!event.request.userAttributes.email.endsWith('@example.com')) throw new Error('Sign-up is limited to example.com addresses.');
      return event;
    };`,
  ),
  autoConfirm: fn(
    'autoConfirm',
    'exports.handler = async (event) => { event.response.autoConfirmUser = true; event.response.autoVerifyEmail = true; return event; };',
  ),
  // Longer than Cognito's 5 seconds, inside the function's own timeout of 10.
  slow: fn('slow', 'exports.handler = (event) => new Promise((resolve) => setTimeout(() => resolve(event), 7000));', 10),
  returnsNothing: fn('returnsNothing', 'exports.handler = async () => undefined;'),
  wrongType: fn('wrongType', 'exports.handler = async (event) => { event.response.autoConfirmUser = "yes"; return event; };'),
  echo: fn('echo', 'exports.handler = async (event) => event;'),
  throws: fn('throws', 'exports.handler = async () => { throw new Error("database unavailable"); };'),
  claimsV1: fn(
    'claimsV1',
    `exports.handler = async (event) => {
      event.response.claimsOverrideDetails = {
        claimsToAddOrOverride: { tier: 'gold', sub: 'forged', token_use: 'access', source: event.triggerSource },
        claimsToSuppress: ['email'],
        groupOverrideDetails: { groupsToOverride: ['admin'] },
      };
      return event;
    };`,
  ),
  numberInV1: fn(
    'numberInV1',
    'exports.handler = async (event) => { event.response.claimsOverrideDetails = { claimsToAddOrOverride: { level: 3 } }; return event; };',
  ),
  claimsV2: fn(
    'claimsV2',
    `exports.handler = async (event) => {
      event.response.claimsAndScopeOverrideDetails = {
        idTokenGeneration: { claimsToAddOrOverride: { roles: ['admin'] } },
        accessTokenGeneration: { claimsToAddOrOverride: { tier: 'gold' }, scopesToAdd: ['api/admin'], claimsToSuppress: ['token_use'] },
      };
      return event;
    };`,
  ),
};

let runtime: LambdaRuntime;
let events: Array<Record<string, any>>;
let env: TwinUnderTest;
beforeAll(() => {
  runtime = new LambdaRuntime(functions, { baseEnvironment: {}, onOutput: () => undefined });
});
afterAll(async () => {
  await runtime.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
afterEach(() => env.dispose());

/** The twin with these triggers, run in the runtime above; every event sent is kept in `events`. */
async function twinWith(lambdaTriggers: LambdaTriggers, featurePlan: 'LITE' | 'ESSENTIALS' = 'ESSENTIALS'): Promise<void> {
  events = [];
  env = await startTwin({
    settings: { lambdaTriggers, featurePlan },
    invokeFunction: (functionId, event, requestId) => {
      events.push(event as Record<string, any>);
      return runtime.invoke(functionId, event, requestId);
    },
  });
}

const signUp = (email: string) => env.cognito.send(new SignUpCommand({ ClientId: CLIENT, Username: email, Password: PASSWORD }));

describe('pre sign-up', () => {
  it('sends the PreSignUp_SignUp event with the email, the new user name, the pool and the client', async () => {
    await twinWith({ preSignUp: 'echo' });
    const { UserSub } = await signUp('ada@example.com');
    expect(events).toEqual([
      {
        version: '1',
        triggerSource: 'PreSignUp_SignUp',
        region: 'us-east-1',
        userPoolId: 'us-east-1_TwinTest1',
        userName: UserSub,
        callerContext: { awsSdkVersion: expect.any(String), clientId: CLIENT },
        request: { userAttributes: { email: 'ada@example.com' }, validationData: null },
        response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
      },
    ]);
  });

  it("refuses the sign-up with UserLambdaValidationException '<Trigger> failed with error <message>.', and keeps no user", async () => {
    await twinWith({ preSignUp: 'allowList' });
    expect(await failureOf(signUp('eve@elsewhere.org'))).toEqual({
      name: 'UserLambdaValidationException',
      message: 'PreSignUp failed with error Sign-up is limited to example.com addresses..',
    });
    expect(env.twin.mailbox()).toEqual([]);
    expect(
      env.logged.some(
        (line) => line.includes('PreSignUp trigger (PreSignUp_SignUp') && line.includes('UserLambdaValidationException'),
      ),
    ).toBe(true);
    await signUp('ada@example.com');
    expect(env.twin.mailbox().map((mail) => mail.to)).toEqual(['ada@example.com']);
  });

  it('autoConfirmUser and autoVerifyEmail confirm the user with no code sent: it signs in at once', async () => {
    await twinWith({ preSignUp: 'autoConfirm' });
    const result = await signUp('ada@example.com');
    expect(result.UserConfirmed).toBe(true);
    expect(result.CodeDeliveryDetails).toBeUndefined();
    expect(env.twin.mailbox()).toEqual([]);
    const tokens = await signInWithPassword(env, 'ada@example.com');
    expect(decodeJwt(tokens.IdToken as string).email_verified).toBe(true);
  });

  it('a function that answers after more than 5 seconds fails the sign-up with Cognito’s timeout error', async () => {
    await twinWith({ preSignUp: 'slow' });
    const started = Date.now();
    expect(await failureOf(signUp('ada@example.com'))).toEqual({
      name: 'UnexpectedLambdaException',
      message: 'PreSignUp invocation failed due to error Socket timeout while invoking Lambda function.',
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(5000);
    expect(Date.now() - started).toBeLessThan(6500);
  }, 15_000);

  it('an answer that is not the event is InvalidLambdaResponseException', async () => {
    await twinWith({ preSignUp: 'returnsNothing' });
    expect(await failureOf(signUp('ada@example.com'))).toEqual({
      name: 'InvalidLambdaResponseException',
      message: 'Invalid lambda function output : Invalid JSON',
    });
  });

  it('a response field of the wrong type is InvalidLambdaResponseException, and no user is made', async () => {
    await twinWith({ preSignUp: 'wrongType' });
    expect(await failureOf(signUp('ada@example.com'))).toEqual({
      name: 'InvalidLambdaResponseException',
      message: 'Unrecognizable lambda output',
    });
    expect(env.twin.mailbox()).toEqual([]);
  });
});

describe('post confirmation', () => {
  it('runs after ConfirmSignUp with PostConfirmation_ConfirmSignUp and the confirmed user’s attributes', async () => {
    await twinWith({ postConfirmation: 'echo' });
    const sub = await signUpConfirmed(env, 'ada@example.com');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      triggerSource: 'PostConfirmation_ConfirmSignUp',
      userName: sub,
      request: {
        userAttributes: { sub, email: 'ada@example.com', email_verified: 'true', 'cognito:user_status': 'CONFIRMED' },
      },
      response: {},
    });
  });

  it('runs after ConfirmForgotPassword with PostConfirmation_ConfirmForgotPassword', async () => {
    await twinWith({ postConfirmation: 'echo' });
    await signUpConfirmed(env, 'ada@example.com');
    await env.cognito.send(new ForgotPasswordCommand({ ClientId: CLIENT, Username: 'ada@example.com' }));
    await env.cognito.send(
      new ConfirmForgotPasswordCommand({
        ClientId: CLIENT,
        Username: 'ada@example.com',
        ConfirmationCode: latestCode(env.twin, 'ada@example.com', 'reset'),
        Password: `${PASSWORD}x`,
      }),
    );
    expect(events.map((event) => event.triggerSource)).toEqual([
      'PostConfirmation_ConfirmSignUp',
      'PostConfirmation_ConfirmForgotPassword',
    ]);
  });

  it('a failing trigger answers its error, yet the user stays confirmed', async () => {
    await twinWith({ postConfirmation: 'throws' });
    await signUp('ada@example.com');
    const code = latestCode(env.twin, 'ada@example.com');
    expect(
      await failureOf(
        env.cognito.send(new ConfirmSignUpCommand({ ClientId: CLIENT, Username: 'ada@example.com', ConfirmationCode: code })),
      ),
    ).toEqual({ name: 'UserLambdaValidationException', message: 'PostConfirmation failed with error database unavailable.' });
    await expect(signInWithPassword(env, 'ada@example.com')).resolves.toHaveProperty('IdToken');
  });
});

describe('pre token generation', () => {
  it('V1_0 adds, overrides and suppresses id-token claims and sets the groups, leaving protected claims and the access token alone', async () => {
    await twinWith({ preTokenGeneration: { functionId: 'claimsV1', version: 'V1_0' } });
    const sub = await signUpConfirmed(env, 'ada@example.com');
    const tokens = await signInWithPassword(env, 'ada@example.com');
    const id = decodeJwt(tokens.IdToken as string);
    expect(id).toMatchObject({
      tier: 'gold',
      source: 'TokenGeneration_Authentication',
      sub,
      token_use: 'id',
      'cognito:groups': ['admin'],
    });
    expect(id.email).toBeUndefined();
    const access = decodeJwt(tokens.AccessToken as string);
    expect(access.tier).toBeUndefined();
    expect(access['cognito:groups']).toEqual(['admin']);
    expect(events[0]).toMatchObject({
      version: '1',
      request: { groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [], preferredRole: null } },
      response: { claimsOverrideDetails: null },
    });
    expect(events[0].request.scopes).toBeUndefined();
  });

  it('runs again at refresh, with TokenGeneration_RefreshTokens', async () => {
    await twinWith({ preTokenGeneration: { functionId: 'claimsV1', version: 'V1_0' } });
    await signUpConfirmed(env, 'ada@example.com');
    const { RefreshToken } = await signInWithPassword(env, 'ada@example.com', ROTATING_CLIENT);
    const refreshed = await env.cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: ROTATING_CLIENT, RefreshToken }));
    expect(decodeJwt(refreshed.AuthenticationResult?.IdToken as string).source).toBe('TokenGeneration_RefreshTokens');
  });

  it('V1_0 claim values are strings: a number is InvalidLambdaResponseException and no tokens are issued', async () => {
    await twinWith({ preTokenGeneration: { functionId: 'numberInV1', version: 'V1_0' } });
    await signUpConfirmed(env, 'ada@example.com');
    expect(await failureOf(signInWithPassword(env, 'ada@example.com'))).toEqual({
      name: 'InvalidLambdaResponseException',
      message: 'Unrecognizable lambda output',
    });
  });

  it('V2_0 sends the scopes and customizes both tokens: JSON claim values, access-token claims and scopes', async () => {
    await twinWith({ preTokenGeneration: { functionId: 'claimsV2', version: 'V2_0' } });
    await signUpConfirmed(env, 'ada@example.com');
    const tokens = await signInWithPassword(env, 'ada@example.com');
    expect(decodeJwt(tokens.IdToken as string).roles).toEqual(['admin']);
    const access = decodeJwt(tokens.AccessToken as string);
    expect(access).toMatchObject({ tier: 'gold', token_use: 'access', scope: 'aws.cognito.signin.user.admin api/admin' });
    expect(events[0]).toMatchObject({
      version: '2',
      request: { scopes: ['aws.cognito.signin.user.admin'] },
      response: { claimsAndScopeOverrideDetails: null },
    });
  });

  it('a V2_0 trigger needs the Essentials or Plus plan: the twin refuses to start a Lite pool with one', async () => {
    await expect(twinWith({ preTokenGeneration: { functionId: 'claimsV2', version: 'V2_0' } }, 'LITE')).rejects.toThrow(
      /V2_0 pre token generation trigger needs the Essentials or Plus feature plan/,
    );
    env = await startTwin();
  });
});

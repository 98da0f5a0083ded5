import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  AdminSetUserMFAPreferenceCommand,
  AssociateSoftwareTokenCommand,
  type AuthenticationResultType,
  ConfirmForgotPasswordCommand,
  ForgotPasswordCommand,
  GetUserCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetUserMFAPreferenceCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { Secret, TOTP } from 'otpauth';
import type { PoolSettings } from '../../../local/cognito-twin';
import { CLIENT, POOL_ID } from './pool-fixture';
import { failureOf, PASSWORD, signUpConfirmed, startTwin, type TwinUnderTest } from './twin-harness';

let env: TwinUnderTest;
afterEach(() => env.dispose());
const start = async (settings: Partial<PoolSettings> = {}) => {
  env = await startTwin({ settings });
};

const STEP_MS = 30_000;
const EMAIL = 'ann@example.com';
/** What an authenticator app shows for `secret` at the twin's current time, moved by `steps` 30-second steps. */
const codeOf = (secret: string, steps = 0) =>
  TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: env.clock.now() + steps * STEP_MS });

const signIn = (email = EMAIL, password = PASSWORD) =>
  env.cognito.send(
    new InitiateAuthCommand({
      ClientId: CLIENT,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  );
const answerCode = (session: string | undefined, code: string, email = EMAIL) =>
  env.cognito.send(
    new RespondToAuthChallengeCommand({
      ClientId: CLIENT,
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: session,
      ChallengeResponses: { USERNAME: email, SOFTWARE_TOKEN_MFA_CODE: code },
    }),
  );
const finishSetup = (session: string | undefined) =>
  env.cognito.send(
    new RespondToAuthChallengeCommand({
      ClientId: CLIENT,
      ChallengeName: 'MFA_SETUP',
      Session: session,
      ChallengeResponses: { USERNAME: EMAIL },
    }),
  );
const setTotp = (accessToken: string, Enabled: boolean) =>
  env.cognito.send(
    new SetUserMFAPreferenceCommand({ AccessToken: accessToken, SoftwareTokenMfaSettings: { Enabled, PreferredMfa: Enabled } }),
  );
const getUser = (accessToken: string) => env.cognito.send(new GetUserCommand({ AccessToken: accessToken }));

/** A confirmed user signed in with a password only (no TOTP yet), with its sub. */
async function passwordUser(): Promise<AuthenticationResultType & { sub: string }> {
  const sub = await signUpConfirmed(env, EMAIL);
  return { ...(await signIn()).AuthenticationResult!, sub };
}

/** Enrols the signed-in user as the API does (associate, verify, prefer); returns the secret. */
async function enrol(accessToken: string): Promise<string> {
  const { SecretCode } = await env.cognito.send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
  await env.cognito.send(new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: codeOf(SecretCode!) }));
  await setTotp(accessToken, true);
  // The verification used this step's code; sign-ins in the tests start one step later, as a person would.
  env.clock.advance(STEP_MS);
  return SecretCode!;
}

/** A user with TOTP on, and the session of a sign-in waiting for its code. */
async function challengedUser(): Promise<{ secret: string; session: string; sub: string }> {
  const { AccessToken, sub } = await passwordUser();
  const secret = await enrol(AccessToken!);
  const challenge = await signIn();
  expect(challenge.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
  return { secret, session: challenge.Session!, sub };
}

const MISMATCH = { name: 'CodeMismatchException', message: 'Invalid code or auth state for the user.' };
const INVALID_SESSION = { name: 'NotAuthorizedException', message: 'Invalid session for the user.' };
const EXPIRED_SESSION = { name: 'NotAuthorizedException', message: 'Invalid session for the user, session is expired.' };

describe('enrolling an authenticator with an access token (pool MFA OPTIONAL)', () => {
  beforeEach(() => start());

  it('answers a 32-character base32 secret and no session, and verifying it answers SUCCESS', async () => {
    const { AccessToken } = await passwordUser();
    const associated = await env.cognito.send(new AssociateSoftwareTokenCommand({ AccessToken }));
    expect(associated.SecretCode).toMatch(/^[A-Z2-7]{32}$/);
    expect(associated.Session).toBeUndefined();
    const verified = await env.cognito.send(
      new VerifySoftwareTokenCommand({ AccessToken, UserCode: codeOf(associated.SecretCode!), FriendlyDeviceName: 'phone' }),
    );
    expect(verified).toMatchObject({ Status: 'SUCCESS' });
    expect(verified.Session).toBeUndefined();
  });

  it('answers a wrong code at VerifySoftwareToken with EnableSoftwareTokenMFAException, and a verify before any associate', async () => {
    const { AccessToken } = await passwordUser();
    expect(await failureOf(env.cognito.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: '123456' })))).toEqual({
      name: 'SoftwareTokenMFANotFoundException',
      message: 'Software Token MFA does not exist for the user.',
    });
    const { SecretCode } = await env.cognito.send(new AssociateSoftwareTokenCommand({ AccessToken }));
    const wrong = String((Number(codeOf(SecretCode!)) + 1) % 1_000_000).padStart(6, '0');
    expect(await failureOf(env.cognito.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: wrong })))).toEqual({
      name: 'EnableSoftwareTokenMFAException',
      message: 'Code mismatch and fail enable Software Token MFA',
    });
  });

  it('refuses to turn TOTP on before it is verified, and refuses SMS MFA, which the pool cannot deliver', async () => {
    const { AccessToken } = await passwordUser();
    await env.cognito.send(new AssociateSoftwareTokenCommand({ AccessToken }));
    expect(await failureOf(setTotp(AccessToken!, true))).toEqual({
      name: 'InvalidParameterException',
      message: 'User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA',
    });
    const sms = (Enabled: boolean) =>
      env.cognito.send(new SetUserMFAPreferenceCommand({ AccessToken, SMSMfaSettings: { Enabled, PreferredMfa: Enabled } }));
    expect(await failureOf(sms(true))).toEqual({
      name: 'InvalidParameterException',
      message: 'User does not have delivery config set to turn on SMS_MFA',
    });
    expect((await sms(false)).$metadata.httpStatusCode).toBe(200);
    expect((await signIn()).AuthenticationResult).toBeDefined();
  });

  it('shows the factor in GetUser only once it is turned on: UserMFASettingList and PreferredMfaSetting', async () => {
    const { AccessToken } = await passwordUser();
    const { SecretCode } = await env.cognito.send(new AssociateSoftwareTokenCommand({ AccessToken }));
    await env.cognito.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: codeOf(SecretCode!) }));
    const verifiedOnly = await getUser(AccessToken!);
    expect(verifiedOnly.UserMFASettingList).toBeUndefined();
    expect(verifiedOnly.PreferredMfaSetting).toBeUndefined();
    expect((await signIn()).AuthenticationResult).toBeDefined();

    await setTotp(AccessToken!, true);
    expect(await getUser(AccessToken!)).toMatchObject({
      UserMFASettingList: ['SOFTWARE_TOKEN_MFA'],
      PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA',
    });
  });
});

describe('signing in with TOTP turned on', () => {
  beforeEach(() => start());

  it('answers SOFTWARE_TOKEN_MFA with an opaque session and USER_ID_FOR_SRP, then tokens for the right code', async () => {
    const { secret, session, sub } = await challengedUser();
    const challenge = await signIn();
    expect(challenge.AuthenticationResult).toBeUndefined();
    expect(challenge.ChallengeParameters).toEqual({ USER_ID_FOR_SRP: sub });
    expect(session).toMatch(/^AYAB[A-Za-z0-9_-]{900,}$/);
    expect(session.length).toBeLessThanOrEqual(2048);

    const result = await answerCode(session, codeOf(secret));
    expect(result.ChallengeName).toBeUndefined();
    expect(result.AuthenticationResult).toEqual({
      IdToken: expect.any(String),
      AccessToken: expect.any(String),
      RefreshToken: expect.any(String),
      ExpiresIn: 3600,
      TokenType: 'Bearer',
    });
    expect((await getUser(result.AuthenticationResult!.AccessToken!)).UserAttributes).toContainEqual({
      Name: 'email',
      Value: EMAIL,
    });
  });

  it('answers a wrong code with CodeMismatchException and keeps the session open for the right one', async () => {
    const { secret, session } = await challengedUser();
    expect(await failureOf(answerCode(session, '000000'))).toEqual(MISMATCH);
    expect((await answerCode(session, codeOf(secret))).AuthenticationResult).toBeDefined();
  });

  it('accepts the code of the previous 30-second step and refuses one from two steps ago', async () => {
    const first = await challengedUser();
    // One more step, so that the previous step is not the one whose code verified the authenticator.
    env.clock.advance(STEP_MS);
    expect(await failureOf(answerCode(first.session, codeOf(first.secret, -2)))).toEqual(MISMATCH);
    expect((await answerCode(first.session, codeOf(first.secret, -1))).AuthenticationResult).toBeDefined();
  });

  it('refuses a code already used to sign in, and a code of an earlier step, with ExpiredCodeException', async () => {
    const { secret, session } = await challengedUser();
    const code = codeOf(secret);
    await answerCode(session, code);
    const REUSED = { name: 'ExpiredCodeException', message: 'Your software token has already been used once.' };
    expect(await failureOf(answerCode((await signIn()).Session, code))).toEqual(REUSED);
    expect(await failureOf(answerCode((await signIn()).Session, codeOf(secret, -1)))).toEqual(REUSED);
    env.clock.advance(STEP_MS);
    expect((await answerCode((await signIn()).Session, codeOf(secret))).AuthenticationResult).toBeDefined();
  });

  it("refuses a session once the app client's AuthSessionValidity (3 minutes) has passed", async () => {
    const { secret, session } = await challengedUser();
    env.clock.advance(3 * 60_000 - 1);
    const late = await signIn();
    env.clock.advance(1);
    expect(await failureOf(answerCode(session, codeOf(secret)))).toEqual(EXPIRED_SESSION);
    expect((await answerCode(late.Session, codeOf(secret))).AuthenticationResult).toBeDefined();
  });

  it('refuses a session already used, an unknown one, and one answered for another user', async () => {
    const { secret, session } = await challengedUser();
    await answerCode(session, codeOf(secret));
    env.clock.advance(STEP_MS);
    expect(await failureOf(answerCode(session, codeOf(secret)))).toEqual(INVALID_SESSION);
    expect(await failureOf(answerCode(`AYAB${'x'.repeat(900)}`, codeOf(secret)))).toEqual(INVALID_SESSION);
    await signUpConfirmed(env, 'bob@example.com');
    expect(await failureOf(answerCode((await signIn()).Session, codeOf(secret), 'bob@example.com'))).toEqual(INVALID_SESSION);
  });

  it('counts wrong codes: past five, even the right code answers LimitExceededException', async () => {
    const { secret, session } = await challengedUser();
    for (let attempt = 0; attempt < 5; attempt += 1) expect(await failureOf(answerCode(session, '000000'))).toEqual(MISMATCH);
    expect(await failureOf(answerCode(session, codeOf(secret)))).toEqual({
      name: 'LimitExceededException',
      message: 'Attempt limit exceeded, please try after some time.',
    });
  });

  it("counts them apart from other flows: five wrong reset codes sent by anyone for the email leave the owner's code step open", async () => {
    const { secret, session } = await challengedUser();
    await env.cognito.send(new ForgotPasswordCommand({ ClientId: CLIENT, Username: EMAIL }));
    const wrongReset = () =>
      env.cognito.send(
        new ConfirmForgotPasswordCommand({
          ClientId: CLIENT,
          Username: EMAIL,
          ConfirmationCode: '000000',
          Password: 'Other-password-1',
        }),
      );
    for (let attempt = 0; attempt < 5; attempt += 1) expect((await failureOf(wrongReset())).name).toBe('CodeMismatchException');
    expect((await failureOf(wrongReset())).name).toBe('LimitExceededException');
    expect((await answerCode(session, codeOf(secret))).AuthenticationResult?.AccessToken).toBeDefined();
  });

  it('answers a wrong password exactly as for an unknown email, whether or not the account has TOTP', async () => {
    await challengedUser();
    const incorrect = { name: 'NotAuthorizedException', message: 'Incorrect username or password.' };
    expect(await failureOf(signIn(EMAIL, 'Wrong-password-1'))).toEqual(incorrect);
    expect(await failureOf(signIn('nobody@example.com'))).toEqual(incorrect);
  });

  it('signs in in one step again once TOTP is turned off', async () => {
    const { secret, session } = await challengedUser();
    const { AccessToken } = (await answerCode(session, codeOf(secret))).AuthenticationResult!;
    await setTotp(AccessToken!, false);
    expect((await getUser(AccessToken!)).UserMFASettingList).toBeUndefined();
    expect((await signIn()).AuthenticationResult).toBeDefined();
  });
});

describe('a pool whose MFA is OFF', () => {
  beforeEach(() => start({ mfaConfiguration: 'OFF', enabledMfas: [] }));

  it('refuses to associate an authenticator or to turn TOTP on, and signs in in one step', async () => {
    const { AccessToken } = await passwordUser();
    expect(await failureOf(env.cognito.send(new AssociateSoftwareTokenCommand({ AccessToken })))).toEqual({
      name: 'SoftwareTokenMFANotFoundException',
      message: 'Software Token MFA is not enabled for the user pool.',
    });
    expect(await failureOf(setTotp(AccessToken!, true))).toEqual({
      name: 'InvalidParameterException',
      message: 'MFA is not enabled for the user pool.',
    });
    expect((await signIn()).AuthenticationResult).toBeDefined();
  });
});

describe('a pool whose MFA is ON: a user without a factor sets one up at sign-in (MFA_SETUP)', () => {
  beforeEach(() => start({ mfaConfiguration: 'ON' }));

  it('walks associate, verify and RespondToAuthChallenge MFA_SETUP to tokens; the next sign-in asks the code', async () => {
    const sub = await signUpConfirmed(env, EMAIL);
    const setup = await signIn();
    expect(setup).toMatchObject({
      ChallengeName: 'MFA_SETUP',
      ChallengeParameters: { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]', USER_ID_FOR_SRP: sub },
    });
    expect(setup.AuthenticationResult).toBeUndefined();

    const associated = await env.cognito.send(new AssociateSoftwareTokenCommand({ Session: setup.Session }));
    expect(associated.SecretCode).toMatch(/^[A-Z2-7]{32}$/);
    expect(associated.Session).toMatch(/^AYAB/);
    expect(await failureOf(env.cognito.send(new AssociateSoftwareTokenCommand({ Session: setup.Session })))).toEqual(
      INVALID_SESSION,
    );
    expect(await failureOf(finishSetup(associated.Session))).toEqual(INVALID_SESSION);

    const verified = await env.cognito.send(
      new VerifySoftwareTokenCommand({ Session: associated.Session, UserCode: codeOf(associated.SecretCode!) }),
    );
    expect(verified).toMatchObject({ Status: 'SUCCESS', Session: expect.stringMatching(/^AYAB/) });

    const { AuthenticationResult } = await finishSetup(verified.Session);
    expect(AuthenticationResult?.RefreshToken).toEqual(expect.any(String));
    expect(await getUser(AuthenticationResult!.AccessToken!)).toMatchObject({
      UserMFASettingList: ['SOFTWARE_TOKEN_MFA'],
      PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA',
    });
    expect(await failureOf(finishSetup(verified.Session))).toEqual(INVALID_SESSION);

    env.clock.advance(STEP_MS);
    const next = await signIn();
    expect(next.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    expect((await answerCode(next.Session, codeOf(associated.SecretCode!))).AuthenticationResult).toBeDefined();
  });

  it('keeps the setup session open after a wrong code at VerifySoftwareToken', async () => {
    await signUpConfirmed(env, EMAIL);
    const associated = await env.cognito.send(new AssociateSoftwareTokenCommand({ Session: (await signIn()).Session }));
    const verify = (UserCode: string) =>
      env.cognito.send(new VerifySoftwareTokenCommand({ Session: associated.Session, UserCode }));
    expect((await failureOf(verify('000000'))).name).toBe('EnableSoftwareTokenMFAException');
    expect((await verify(codeOf(associated.SecretCode!))).Status).toBe('SUCCESS');
  });
});

describe('durability', () => {
  beforeEach(() => start());

  it('keeps the secret and the enabled flag across a restart, but no sign-in waiting for its code', async () => {
    const { secret, session } = await challengedUser();
    await env.stop();
    env = await startTwin({ stateDir: env.stateDir, clock: env.clock });

    expect(await failureOf(answerCode(session, codeOf(secret)))).toEqual(INVALID_SESSION);
    const state =
      (await readFile(join(env.stateDir, 'journal.ndjson'), 'utf8')) +
      (await readFile(join(env.stateDir, 'snapshot.json'), 'utf8'));
    expect(state).toContain(secret);
    expect(state).not.toContain(session);

    const challenge = await signIn();
    expect(challenge.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    expect((await answerCode(challenge.Session, codeOf(secret))).AuthenticationResult).toBeDefined();
  });
});

describe('request constraints and malformed requests', () => {
  beforeEach(() => start());

  it('refuses a UserCode that is not six digits, and an access token together with a session', async () => {
    const { AccessToken } = await passwordUser();
    expect(await failureOf(env.cognito.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: '12345' })))).toEqual({
      name: 'InvalidParameterException',
      message:
        "1 validation error detected: Value at 'userCode' failed to satisfy constraint: Member must have length greater than or equal to 6",
    });
    expect(await failureOf(env.cognito.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: '12345a' })))).toEqual({
      name: 'InvalidParameterException',
      message:
        "1 validation error detected: Value at 'userCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9]+",
    });
    const Session = 'x'.repeat(40);
    expect(await failureOf(env.cognito.send(new AssociateSoftwareTokenCommand({ AccessToken, Session })))).toEqual({
      name: 'InvalidParameterException',
      message: 'Exactly one of AccessToken and Session must be provided.',
    });
    expect(await failureOf(env.cognito.send(new AssociateSoftwareTokenCommand({})))).toEqual({
      name: 'InvalidParameterException',
      message: 'Exactly one of AccessToken and Session must be provided.',
    });
  });

  it('refuses a session shorter than 20 characters, a missing session and a missing code', async () => {
    expect(await failureOf(answerCode('short', '123456'))).toEqual({
      name: 'InvalidParameterException',
      message:
        "1 validation error detected: Value at 'session' failed to satisfy constraint: Member must have length greater than or equal to 20",
    });
    expect(await failureOf(answerCode(undefined, '123456'))).toEqual({
      name: 'InvalidParameterException',
      message: 'Missing required parameter Session',
    });
    const noCode = env.cognito.send(
      new RespondToAuthChallengeCommand({
        ClientId: CLIENT,
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        Session: 'x'.repeat(40),
        ChallengeResponses: { USERNAME: EMAIL },
      }),
    );
    expect(await failureOf(noCode)).toEqual({
      name: 'InvalidParameterException',
      message: 'Missing required parameter SOFTWARE_TOKEN_MFA_CODE',
    });
  });

  it('names the challenges it implements when asked for another', async () => {
    const call = env.cognito.send(
      new RespondToAuthChallengeCommand({
        ClientId: CLIENT,
        ChallengeName: 'SMS_MFA',
        Session: 'x'.repeat(40),
        ChallengeResponses: { USERNAME: EMAIL },
      }),
    );
    expect(await failureOf(call)).toEqual({
      name: 'InvalidParameterException',
      message:
        'UserPoolTwin does not implement the SMS_MFA challenge; it implements SOFTWARE_TOKEN_MFA, MFA_SETUP, SELECT_CHALLENGE, WEB_AUTHN and EMAIL_OTP',
    });
  });
});

describe('the MFA configurations the twin starts with', () => {
  beforeEach(() => start());

  it('refuses to start on a pool with a second factor other than TOTP, or with MFA on and no factor', async () => {
    const refusal = 'UserPoolTwin implements TOTP as the only second factor';
    // A twin that starts after all is stopped at once, so the failing test ends instead of hanging.
    const startWith = async (settings: Partial<PoolSettings>) => (await startTwin({ stateDir: env.stateDir, settings })).stop();
    await expect(startWith({ enabledMfas: ['SMS_MFA', 'SOFTWARE_TOKEN_MFA'] })).rejects.toThrow(refusal);
    await expect(startWith({ mfaConfiguration: 'ON', enabledMfas: [] })).rejects.toThrow(refusal);
  });
});

describe('an administrator resets a lost authenticator (AdminSetUserMFAPreference, TOTP off)', () => {
  const reset = (sub: string) =>
    env.cognito.send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId: POOL_ID,
        Username: sub,
        SoftwareTokenMfaSettings: { Enabled: false, PreferredMfa: false },
      }),
    );

  it('MFA OPTIONAL: the user signs in with the password alone, and may enrol a new key', async () => {
    await start();
    const { sub } = await challengedUser();
    await reset(sub);
    const signedIn = await signIn();
    expect(signedIn.AuthenticationResult?.AccessToken).toBeDefined();
    const { SecretCode } = await env.cognito.send(
      new AssociateSoftwareTokenCommand({ AccessToken: signedIn.AuthenticationResult?.AccessToken }),
    );
    expect(SecretCode).toMatch(/^[A-Z2-7]{32}$/);
  });

  it('MFA ON: sign-in asks the user to set up a new key (MFA_SETUP), not the lost one', async () => {
    await start({ mfaConfiguration: 'ON' });
    await signUpConfirmed(env, EMAIL);
    const setup = await signIn();
    expect(setup.ChallengeName).toBe('MFA_SETUP');
    const { SecretCode, Session } = await env.cognito.send(new AssociateSoftwareTokenCommand({ Session: setup.Session }));
    const verified = await env.cognito.send(new VerifySoftwareTokenCommand({ Session, UserCode: codeOf(SecretCode!) }));
    await finishSetup(verified.Session);
    env.clock.advance(STEP_MS);
    expect((await signIn()).ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    // The email alias names the user as well as the sub does (API Reference, Username).
    await reset(EMAIL);
    expect((await signIn()).ChallengeName).toBe('MFA_SETUP');
  });
});

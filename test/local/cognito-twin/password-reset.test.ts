import {
  ConfirmForgotPasswordCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CLIENT, LEGACY_CLIENT } from './pool-fixture';
import { failureOf, latestCode, PASSWORD, signUpConfirmed, startTwin, type TwinUnderTest } from './twin-harness';

let env: TwinUnderTest;
beforeEach(async () => {
  env = await startTwin();
});
afterEach(() => env.dispose());

const NEW_PASSWORD = 'Battery-staple-7';
const forgot = (username: string, clientId = CLIENT) =>
  env.cognito.send(new ForgotPasswordCommand({ ClientId: clientId, Username: username }));
const confirmReset = (username: string, code: string, password = NEW_PASSWORD, clientId = CLIENT) =>
  env.cognito.send(
    new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: username, ConfirmationCode: code, Password: password }),
  );
const signIn = (password: string) =>
  env.cognito.send(
    new InitiateAuthCommand({
      ClientId: CLIENT,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'ann@example.com', PASSWORD: password },
    }),
  );
const signUpUnconfirmed = (email: string) =>
  env.cognito.send(new SignUpCommand({ ClientId: CLIENT, Username: email, Password: PASSWORD }));
const SIMULATED_DELIVERY = {
  CodeDeliveryDetails: { Destination: 'n***@e***.com', DeliveryMedium: 'EMAIL', AttributeName: 'email' },
};
const MISMATCH = { name: 'CodeMismatchException', message: 'Invalid verification code provided, please try again.' };
const EXPIRED = { name: 'ExpiredCodeException', message: 'Invalid code provided, please request a code again.' };

describe('ForgotPassword', () => {
  it('mails a reset code to a confirmed user and reports the masked email', async () => {
    await signUpConfirmed(env, 'ann@example.com');
    const { CodeDeliveryDetails } = await forgot('ANN@example.com');
    expect(CodeDeliveryDetails).toEqual({ Destination: 'a***@e***.com', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    expect(env.twin.mailbox().at(-1)).toEqual({
      to: 'ann@example.com',
      kind: 'reset',
      code: expect.stringMatching(/^\d{6}$/),
      sentAt: expect.any(String),
      subject: expect.stringMatching(/^Test pool: code \d{6}$/),
      body: expect.stringMatching(/^<p>Your code is <b>\d{6}<\/b>.<\/p>$/),
    });
  });

  it('answers an unknown user with simulated CodeDeliveryDetails and sends nothing when user existence errors are prevented', async () => {
    expect(await forgot('nobody@example.com')).toMatchObject(SIMULATED_DELIVERY);
    expect(env.twin.mailbox()).toEqual([]);
  });

  it('answers an unconfirmed user, whose email is unverified, like an unknown one and sends nothing when user existence errors are prevented', async () => {
    await signUpUnconfirmed('nobody@example.com');
    expect(await forgot('nobody@example.com')).toMatchObject(SIMULATED_DELIVERY);
    expect(env.twin.mailbox().map((mail) => mail.kind)).toEqual(['sign-up']);
  });

  it('answers an unknown user with UserNotFoundException on a LEGACY client', async () => {
    expect(await failureOf(forgot('nobody@example.com', LEGACY_CLIENT))).toEqual({
      name: 'UserNotFoundException',
      message: 'Username/client id combination not found.',
    });
  });

  it('answers an unconfirmed user with InvalidParameterException on a LEGACY client', async () => {
    await signUpUnconfirmed('ann@example.com');
    expect(await failureOf(forgot('ann@example.com', LEGACY_CLIENT))).toEqual({
      name: 'InvalidParameterException',
      message: 'Cannot reset password for the user as there is no registered/verified email or phone_number',
    });
  });
});

describe('ConfirmForgotPassword', () => {
  beforeEach(() => signUpConfirmed(env, 'ann@example.com'));

  it('sets the new password: the old one stops working and the new one signs in', async () => {
    await forgot('ann@example.com');
    await confirmReset('ann@example.com', latestCode(env.twin, 'ann@example.com', 'reset'));
    expect(await failureOf(signIn(PASSWORD))).toEqual({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
    expect((await signIn(NEW_PASSWORD)).AuthenticationResult).toBeDefined();
  });

  it('answers a wrong code with CodeMismatchException and keeps the old password', async () => {
    await forgot('ann@example.com');
    const wrong = latestCode(env.twin, 'ann@example.com', 'reset') === '000000' ? '000001' : '000000';
    expect(await failureOf(confirmReset('ann@example.com', wrong))).toEqual(MISMATCH);
    expect((await signIn(PASSWORD)).AuthenticationResult).toBeDefined();
  });

  it('answers the right code after one hour with ExpiredCodeException', async () => {
    await forgot('ann@example.com');
    env.clock.advance(60 * 60 * 1000 + 1);
    expect(await failureOf(confirmReset('ann@example.com', latestCode(env.twin, 'ann@example.com', 'reset')))).toEqual(EXPIRED);
  });

  it('accepts a code once', async () => {
    await forgot('ann@example.com');
    const code = latestCode(env.twin, 'ann@example.com', 'reset');
    await confirmReset('ann@example.com', code);
    expect(await failureOf(confirmReset('ann@example.com', code, 'Another-pass-5'))).toEqual(EXPIRED);
    expect((await signIn(NEW_PASSWORD)).AuthenticationResult).toBeDefined();
  });

  it('answers when no code was requested with ExpiredCodeException', async () => {
    expect(await failureOf(confirmReset('ann@example.com', '123456'))).toEqual(EXPIRED);
  });

  it('enforces the password policy and leaves the code usable', async () => {
    await forgot('ann@example.com');
    const code = latestCode(env.twin, 'ann@example.com', 'reset');
    expect(await failureOf(confirmReset('ann@example.com', code, 'short'))).toEqual({
      name: 'InvalidPasswordException',
      message: 'Password did not conform with policy: Password not long enough',
    });
    await confirmReset('ann@example.com', code);
  });

  it('answers an unknown user like a wrong code when user existence errors are prevented', async () => {
    expect(await failureOf(confirmReset('nobody@example.com', '123456'))).toEqual(MISMATCH);
  });

  it('checks the new password before the user, so a weak password answers alike for any username', async () => {
    const weak = { name: 'InvalidPasswordException', message: 'Password did not conform with policy: Password not long enough' };
    expect(await failureOf(confirmReset('ann@example.com', '123456', 'short'))).toEqual(weak);
    expect(await failureOf(confirmReset('nobody@example.com', '123456', 'short'))).toEqual(weak);
  });

  it('answers an unknown user with UserNotFoundException on a LEGACY client', async () => {
    expect(await failureOf(confirmReset('nobody@example.com', '123456', NEW_PASSWORD, LEGACY_CLIENT))).toEqual({
      name: 'UserNotFoundException',
      message: 'Username/client id combination not found.',
    });
  });
});

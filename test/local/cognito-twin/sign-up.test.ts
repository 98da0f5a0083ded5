import {
  ConfirmSignUpCommand,
  InitiateAuthCommand,
  ResendConfirmationCodeCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CLIENT, LEGACY_CLIENT } from './pool-fixture';
import { failureOf, latestCode, PASSWORD, signUpConfirmed, startTwin, type TwinUnderTest } from './twin-harness';

let env: TwinUnderTest;
beforeEach(async () => {
  env = await startTwin();
});
afterEach(() => env.dispose());

const signUp = (email: string, password = PASSWORD, clientId = CLIENT) =>
  env.cognito.send(new SignUpCommand({ ClientId: clientId, Username: email, Password: password }));
const confirm = (username: string, code: string, clientId = CLIENT) =>
  env.cognito.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: username, ConfirmationCode: code }));
const resend = (username: string, clientId = CLIENT) =>
  env.cognito.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: username }));
const signIn = (username: string, password = PASSWORD) =>
  env.cognito.send(
    new InitiateAuthCommand({
      ClientId: CLIENT,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  );
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('SignUp', () => {
  it('creates an unconfirmed user named by a generated UUID and reports the masked email the code went to', async () => {
    const result = await signUp('emma.stone@gmail.com');
    expect(result.UserSub).toMatch(UUID);
    expect(result.UserConfirmed).toBe(false);
    expect(result.CodeDeliveryDetails).toEqual({ Destination: 'e***@g***.com', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
  });

  it("mails a six-digit confirmation code of kind sign-up, in the pool's code message with {####} filled in", async () => {
    await signUp('ann@example.com');
    const [mail] = env.twin.mailbox();
    expect(mail).toEqual({
      to: 'ann@example.com',
      kind: 'sign-up',
      code: expect.stringMatching(/^\d{6}$/),
      sentAt: '2030-01-01T00:00:00.000Z',
      subject: `Test pool: code ${mail.code}`,
      body: `<p>Your code is <b>${mail.code}</b>.</p>`,
    });
  });

  it('rejects a username that is not an email with InvalidParameterException', async () => {
    expect(await failureOf(signUp('ann'))).toEqual({
      name: 'InvalidParameterException',
      message: 'Username should be an email.',
    });
  });

  it('rejects an email already signed up, in any capitalisation, with UsernameExistsException even when user existence errors are prevented', async () => {
    await signUp('ann@example.com');
    expect(await failureOf(signUp('ANN@Example.com'))).toEqual({
      name: 'UsernameExistsException',
      message: 'An account with the given email already exists.',
    });
  });

  it('creates one user when many sign-ups of one email (in several capitalisations) arrive at once: the others answer UsernameExistsException', async () => {
    // Each request hashes its password (an await) between its first look for the email and its commit; at Node's own
    // scrypt cost that await is long enough for every request to have taken its first look before any commits.
    await env.dispose();
    env = await startTwin({ scryptCost: 2 ** 14 });
    const emails = Array.from({ length: 8 }, (_, n) => (n % 2 === 0 ? 'ann@example.com' : 'Ann@Example.com'));
    const outcomes = await Promise.allSettled(emails.map((email) => signUp(email)));
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [(outcome.reason as Error).name] : []))).toEqual(
      Array(7).fill('UsernameExistsException'),
    );
    expect(env.twin.mailbox()).toHaveLength(1);
  });

  it.each([
    ['Short-1', 'Password not long enough'],
    ['NOLOWERCASE-1', 'Password must have lowercase characters'],
    ['nouppercase-1', 'Password must have uppercase characters'],
    ['No-numbers-here', 'Password must have numeric characters'],
  ])('rejects the password %s with InvalidPasswordException "%s"', async (password, reason) => {
    expect(await failureOf(signUp('ann@example.com', password))).toEqual({
      name: 'InvalidPasswordException',
      message: `Password did not conform with policy: ${reason}`,
    });
    expect(env.twin.mailbox()).toEqual([]);
  });
});

describe('ConfirmSignUp', () => {
  it('confirms the user with the mailed code, which verifies the email, so the user can sign in', async () => {
    await signUp('ann@example.com');
    await confirm('ann@example.com', latestCode(env.twin, 'ann@example.com'));
    const { AuthenticationResult } = await signIn('ann@example.com');
    const idClaims = JSON.parse(Buffer.from(AuthenticationResult!.IdToken!.split('.')[1], 'base64url').toString());
    expect(idClaims.email_verified).toBe(true);
  });

  it('accepts the email in another capitalisation and the UUID username alike', async () => {
    await signUp('Ann@Example.com');
    const { UserSub: bobSub } = await signUp('bob@example.com');
    await confirm('ANN@EXAMPLE.COM', latestCode(env.twin, 'ann@example.com'));
    await confirm(bobSub!, latestCode(env.twin, 'bob@example.com'));
    expect((await signIn('ann@example.com')).AuthenticationResult).toBeDefined();
    expect((await signIn('bob@example.com')).AuthenticationResult).toBeDefined();
  });

  it('answers a wrong code with CodeMismatchException', async () => {
    await signUp('ann@example.com');
    const wrong = latestCode(env.twin, 'ann@example.com') === '000000' ? '000001' : '000000';
    expect(await failureOf(confirm('ann@example.com', wrong))).toEqual({
      name: 'CodeMismatchException',
      message: 'Invalid verification code provided, please try again.',
    });
  });

  it('answers the right code after 24 hours with ExpiredCodeException', async () => {
    await signUp('ann@example.com');
    env.clock.advance(24 * 60 * 60 * 1000 + 1);
    expect(await failureOf(confirm('ann@example.com', latestCode(env.twin, 'ann@example.com')))).toEqual({
      name: 'ExpiredCodeException',
      message: 'Invalid code provided, please request a code again.',
    });
  });

  it('accepts a code once: a second confirmation answers NotAuthorizedException with the CONFIRMED status', async () => {
    await signUp('ann@example.com');
    const code = latestCode(env.twin, 'ann@example.com');
    await confirm('ann@example.com', code);
    expect(await failureOf(confirm('ann@example.com', code))).toEqual({
      name: 'NotAuthorizedException',
      message: 'User cannot be confirmed. Current status is CONFIRMED',
    });
  });

  it('answers an unknown user like a wrong code when user existence errors are prevented', async () => {
    expect(await failureOf(confirm('nobody@example.com', '123456'))).toEqual({
      name: 'CodeMismatchException',
      message: 'Invalid verification code provided, please try again.',
    });
  });

  it('answers an unknown user with UserNotFoundException on a LEGACY client', async () => {
    expect(await failureOf(confirm('nobody@example.com', '123456', LEGACY_CLIENT))).toEqual({
      name: 'UserNotFoundException',
      message: 'Username/client id combination not found.',
    });
  });
});

describe('ResendConfirmationCode', () => {
  it('mails a new code of kind resend that confirms the user, and the old code stops working', async () => {
    await signUp('ann@example.com');
    const first = latestCode(env.twin, 'ann@example.com');
    let second = first;
    let delivery: unknown;
    while (second === first) {
      delivery = (await resend('ann@example.com')).CodeDeliveryDetails;
      second = latestCode(env.twin, 'ann@example.com', 'resend');
    }
    expect(delivery).toEqual({ Destination: 'a***@e***.com', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    expect(env.twin.mailbox().map((mail) => mail.kind)).toEqual(['sign-up', 'resend']);
    expect((await failureOf(confirm('ann@example.com', first))).name).toBe('CodeMismatchException');
    await confirm('ann@example.com', second);
  });

  it('restarts the 24-hour validity', async () => {
    await signUp('ann@example.com');
    env.clock.advance(23 * 60 * 60 * 1000);
    await resend('ann@example.com');
    env.clock.advance(2 * 60 * 60 * 1000);
    await confirm('ann@example.com', latestCode(env.twin, 'ann@example.com'));
  });

  it('answers a confirmed user with InvalidParameterException', async () => {
    await signUpConfirmed(env, 'ann@example.com');
    expect(await failureOf(resend('ann@example.com'))).toEqual({
      name: 'InvalidParameterException',
      message: 'User is already confirmed.',
    });
  });

  it('answers an unknown user with simulated CodeDeliveryDetails and sends nothing when user existence errors are prevented', async () => {
    const { CodeDeliveryDetails } = await resend('nobody@example.com');
    expect(CodeDeliveryDetails).toEqual({ Destination: 'n***@e***.com', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    expect(env.twin.mailbox()).toEqual([]);
  });

  it('answers an unknown user with UserNotFoundException on a LEGACY client', async () => {
    expect(await failureOf(resend('nobody@example.com', LEGACY_CLIENT))).toEqual({
      name: 'UserNotFoundException',
      message: 'Username/client id combination not found.',
    });
  });
});

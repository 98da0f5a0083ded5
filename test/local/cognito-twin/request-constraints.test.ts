import {
  type AuthFlowType,
  ConfirmSignUpCommand,
  GetUserCommand,
  InitiateAuthCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CLIENT } from './pool-fixture';
import { failureOf, PASSWORD, startTwin, type TwinUnderTest } from './twin-harness';

let env: TwinUnderTest;
beforeEach(async () => {
  env = await startTwin();
});
afterEach(() => env.dispose());

const signUp = (input: { ClientId?: string; Username?: string; Password?: string }) =>
  env.cognito.send(new SignUpCommand({ ClientId: CLIENT, Username: 'ann@example.com', Password: PASSWORD, ...input }));
const invalid = (message: string) => ({ name: 'InvalidParameterException', message });

describe('request constraints of the API Reference, checked before any business logic', () => {
  it('lists every violation together, members in alphabetical order, without the value of a sensitive member', async () => {
    const failure = await failureOf(signUp({ ClientId: 'no such client', Username: '', Password: ' Leading-space-1' }));
    expect(failure).toEqual(
      invalid(
        '4 validation errors detected: ' +
          "Value at 'clientId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+]+; " +
          "Value at 'password' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[\\S]+.*[\\S]+$; " +
          "Value at 'username' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
          "Value at 'username' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+",
      ),
    );
    expect(failure.message).not.toContain('Leading-space-1');
    expect(failure.message).not.toContain('no such client');
  });

  it('refuses a password with leading or trailing whitespace, and accepts one with a space inside', async () => {
    const trailing = invalid(
      "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[\\S]+.*[\\S]+$",
    );
    expect(await failureOf(signUp({ Password: `${PASSWORD} ` }))).toEqual(trailing);
    expect(await failureOf(signUp({ Password: `\t${PASSWORD}` }))).toEqual(trailing);
    expect((await signUp({ Password: 'Correct horse 9' })).UserConfirmed).toBe(false);
  });

  it('refuses a username over 128 and a password over 256 characters', async () => {
    expect(await failureOf(signUp({ Username: `${'a'.repeat(117)}@example.com`, Password: `A1${'a'.repeat(255)}` }))).toEqual(
      invalid(
        '2 validation errors detected: ' +
          "Value at 'password' failed to satisfy constraint: Member must have length less than or equal to 256; " +
          "Value at 'username' failed to satisfy constraint: Member must have length less than or equal to 128",
      ),
    );
  });

  it('names a missing member as null', async () => {
    expect(await failureOf(signUp({ Password: undefined }))).toEqual(
      invalid("1 validation error detected: Value null at 'password' failed to satisfy constraint: Member must not be null"),
    );
  });

  it('shows the value of AuthFlow, which is not sensitive, against the enum', async () => {
    const call = env.cognito.send(
      new InitiateAuthCommand({ ClientId: CLIENT, AuthFlow: 'PLAIN_AUTH' as AuthFlowType, AuthParameters: {} }),
    );
    expect(await failureOf(call)).toEqual(
      invalid(
        "1 validation error detected: Value 'PLAIN_AUTH' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: " +
          '[USER_SRP_AUTH, REFRESH_TOKEN_AUTH, REFRESH_TOKEN, CUSTOM_AUTH, ADMIN_NO_SRP_AUTH, USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH, USER_AUTH]',
      ),
    );
  });

  it('keeps a confirmation code out of the message', async () => {
    const call = env.cognito.send(
      new ConfirmSignUpCommand({ ClientId: CLIENT, Username: 'ann@example.com', ConfirmationCode: '123 456' }),
    );
    const failure = await failureOf(call);
    expect(failure).toEqual(
      invalid(
        "1 validation error detected: Value at 'confirmationCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\S]+",
      ),
    );
  });

  it('refuses a token with characters outside the token pattern', async () => {
    expect(await failureOf(env.cognito.send(new GetUserCommand({ AccessToken: 'not a token' })))).toEqual(
      invalid(
        "1 validation error detected: Value at 'accessToken' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Za-z0-9-_=.]+",
      ),
    );
  });
});

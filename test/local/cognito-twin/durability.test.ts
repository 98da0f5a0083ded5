import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { appendFile, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  InitiateAuthCommand,
  RevokeTokenCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { startCognitoTwin } from '../../../local/cognito-twin';
import { DEFAULT_SCRYPT_COST } from '../../../local/cognito-twin/passwords';
import { CLIENT, testPoolSettings } from './pool-fixture';
import { failureOf, latestCode, newStateDir, PASSWORD, signUpConfirmed, startTwin, type TwinUnderTest } from './twin-harness';

let env: TwinUnderTest;
beforeEach(async () => {
  env = await startTwin();
});
afterEach(() => env.dispose());

const signUp = (cognito: CognitoIdentityProviderClient, email: string) =>
  cognito.send(new SignUpCommand({ ClientId: CLIENT, Username: email, Password: PASSWORD }));
const signIn = (email: string, password = PASSWORD) =>
  env.cognito.send(
    new InitiateAuthCommand({
      ClientId: CLIENT,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  );
const refresh = (refreshToken: string) =>
  env.cognito.send(
    new InitiateAuthCommand({
      ClientId: CLIENT,
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      AuthParameters: { REFRESH_TOKEN: refreshToken },
    }),
  );
const EXISTS = { name: 'UsernameExistsException', message: 'An account with the given email already exists.' };
const NOT_CONFIRMED = { name: 'UserNotConfirmedException', message: 'User is not confirmed.' };

async function restart(): Promise<void> {
  await env.stop();
  env = await startTwin({ stateDir: env.stateDir, clock: env.clock });
}

describe('state directory', () => {
  it('keeps all of 50 concurrent sign-ups across a restart, each with its own intact record', async () => {
    const emails = Array.from({ length: 50 }, (_, index) => `user${index}@example.com`);
    await Promise.all(emails.map((email) => signUp(env.cognito, email)));
    await restart();
    expect(await Promise.all(emails.map((email) => failureOf(signUp(env.cognito, email))))).toEqual(emails.map(() => EXISTS));
    expect(await Promise.all(emails.map((email) => failureOf(signIn(email))))).toEqual(emails.map(() => NOT_CONFIRMED));
    expect(
      env.twin
        .mailbox()
        .map((mail) => mail.to)
        .sort(),
    ).toEqual([...emails].sort());
  });

  it('restores pending codes, sessions, revocations and lockout counters after a restart', async () => {
    await signUp(env.cognito, 'pending@example.com');
    const pendingCode = latestCode(env.twin, 'pending@example.com');
    await signUpConfirmed(env, 'ann@example.com');
    const kept = (await signIn('ann@example.com')).AuthenticationResult!.RefreshToken!;
    const revoked = (await signIn('ann@example.com')).AuthenticationResult!.RefreshToken!;
    await env.cognito.send(new RevokeTokenCommand({ ClientId: CLIENT, Token: revoked }));
    for (let attempt = 0; attempt < 4; attempt += 1) await failureOf(signIn('ann@example.com', 'Wrong-password-1'));

    await restart();

    await env.cognito.send(
      new ConfirmSignUpCommand({ ClientId: CLIENT, Username: 'pending@example.com', ConfirmationCode: pendingCode }),
    );
    expect((await refresh(kept)).AuthenticationResult?.AccessToken).toBeDefined();
    expect(await failureOf(refresh(revoked))).toEqual({
      name: 'NotAuthorizedException',
      message: 'Refresh Token has been revoked',
    });
    await failureOf(signIn('ann@example.com', 'Wrong-password-1'));
    expect(await failureOf(signIn('ann@example.com'))).toEqual({
      name: 'NotAuthorizedException',
      message: 'Password attempts exceeded',
    });
  });

  it('starts from a journal whose last line was torn by a crash, with every record before it', async () => {
    await signUp(env.cognito, 'ann@example.com');
    await signUp(env.cognito, 'bob@example.com');
    await env.stop();
    const journal = join(env.stateDir, 'journal.ndjson');
    const lines = (await readFile(journal, 'utf8')).split('\n').filter(Boolean);
    expect(lines).toHaveLength(4);
    await appendFile(journal, lines[0].slice(0, 40));

    env = await startTwin({ stateDir: env.stateDir, clock: env.clock });
    expect(await failureOf(signUp(env.cognito, 'ann@example.com'))).toEqual(EXISTS);
    expect(await failureOf(signUp(env.cognito, 'bob@example.com'))).toEqual(EXISTS);
    await signUp(env.cognito, 'cy@example.com');
    await restart();
    expect(env.twin.mailbox().map((mail) => mail.to)).toEqual(['ann@example.com', 'bob@example.com', 'cy@example.com']);
  });

  it('refuses to start from a journal corrupt before its last line, naming the file and line', async () => {
    await signUp(env.cognito, 'ann@example.com');
    await env.stop();
    const journal = join(env.stateDir, 'journal.ndjson');
    await writeFile(journal, `not json\n${await readFile(journal, 'utf8')}`);
    await expect(
      startCognitoTwin({ settings: testPoolSettings(), stateDir: env.stateDir, port: 0, log: () => undefined }),
    ).rejects.toThrow(/journal\.ndjson line 1 is corrupt and is not the last line/);
    await rm(env.stateDir, { recursive: true });
    env = await startTwin();
  });

  it('never writes a password or a refresh token in plain text, to the state directory or the log', async () => {
    await env.dispose();
    env = await startTwin({ scryptCost: DEFAULT_SCRYPT_COST });
    await signUpConfirmed(env, 'ann@example.com');
    const { RefreshToken } = (await signIn('ann@example.com')).AuthenticationResult!;
    await env.stop();
    const files = await Promise.all((await readdir(env.stateDir)).map((name) => readFile(join(env.stateDir, name), 'utf8')));
    const everything = [...files, ...env.logged].join('\n');
    expect(everything).not.toContain(PASSWORD);
    expect(everything).not.toContain(RefreshToken);
    expect(everything).toMatch(/"passwordHash":"scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+"/);
    env = await startTwin({ stateDir: env.stateDir });
  });

  // A child process to start and a hundred fsynced sign-ups: seconds, more when the other jest
  // worker is busy, so the default 5 s would make it flaky.
  it('loses no acknowledged sign-up when its process is killed with SIGKILL under write load', async () => {
    const stateDir = await newStateDir();
    // tsx's CommonJS hook alone: its ES module loader thread, which this file does not need,
    // costs a third of a second of CPU to start (measured here).
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', join(__dirname, 'twin-process.ts'), stateDir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [firstOutput] = (await once(child.stdout, 'data')) as [Buffer];
    const url = /READY (\S+)/.exec(firstOutput.toString())?.[1];
    expect(url).toBeDefined();
    const cognito = new CognitoIdentityProviderClient({
      endpoint: url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });

    const acknowledged: string[] = [];
    let sent = 0;
    let killed = false;
    const worker = async () => {
      while (!killed) {
        const email = `load${(sent += 1)}@example.com`;
        const request = signUp(cognito, email).then(
          () => acknowledged.push(email),
          () => undefined,
        );
        // Killed right after a request went out, so at least that one is in flight when it dies.
        if (acknowledged.length >= 100 && !killed) {
          killed = true;
          child.kill('SIGKILL');
        }
        await request;
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
    cognito.destroy();
    expect(sent).toBeGreaterThan(acknowledged.length);

    await env.dispose();
    env = await startTwin({ stateDir });
    const signedUp = new Set(env.twin.mailbox().map((mail) => mail.to));
    expect(acknowledged.filter((email) => !signedUp.has(email))).toEqual([]);
    expect(signedUp.size).toBeLessThanOrEqual(sent);
    expect(await Promise.all(acknowledged.map((email) => failureOf(signIn(email))))).toEqual(
      acknowledged.map(() => NOT_CONFIRMED),
    );
  }, 20_000);
});

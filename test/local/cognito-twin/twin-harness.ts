import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AuthenticationResultType,
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  InitiateAuthCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  type IamPrincipal,
  type IamPrincipals,
  type IdentityPoolSettings,
  type InvokeFunction,
  type MailboxEntry,
  type PoolSettings,
  startCognitoTwin,
  type UserPoolTwin,
} from '../../../local/cognito-twin';
import type { AttemptLimits } from '../../../local/cognito-twin/attempt-limits';
import { loadOrCreateSigningKeys, SIGNING_KEY_FILES } from '../../../local/cognito-twin/signing-key';
import { CLIENT, TEST_SCRYPT_COST, testPoolSettings } from './pool-fixture';

export const PASSWORD = 'Correct-horse-9';

/** A clock the test moves; starts at a fixed instant so failures reproduce. */
export class TestClock {
  private current = Date.parse('2030-01-01T00:00:00Z');
  readonly now = () => this.current;
  advance(milliseconds: number): void {
    this.current += milliseconds;
  }
}

export interface TwinUnderTest {
  twin: UserPoolTwin;
  cognito: CognitoIdentityProviderClient;
  clock: TestClock;
  stateDir: string;
  logged: string[];
  /** Closes the twin and the client but keeps the state directory, to start again from it. */
  stop(): Promise<void>;
  /** Stops and deletes the state directory. */
  dispose(): Promise<void>;
}

let signingKeyDirectory: Promise<string> | undefined;

/**
 * RSA key generation is the slowest step of a first start (two keys, 140–320 ms each, measured
 * here), so each test's fresh state directory gets a copy of keys made once per run, as if the
 * twin had started there before. They live in the run's folder (test/support/global-setup.ts),
 * which goes with the run; the first test file to need them makes them, and a file that races it
 * in the other worker keeps whichever set was renamed into place first.
 */
function sharedSigningKeyDirectory(): Promise<string> {
  signingKeyDirectory ??= (async () => {
    const runDir = process.env.TEST_RUN_DIR;
    if (!runDir) throw new Error('TEST_RUN_DIR is unset: run the tests through jest.config.js, whose globalSetup sets it');
    const shared = join(runDir, 'twin-signing-keys');
    if (existsSync(shared)) return shared;
    const made = await mkdtemp(join(runDir, 'twin-signing-keys-'));
    await loadOrCreateSigningKeys(made);
    try {
      await rename(made, shared);
    } catch (error) {
      if (!['ENOTEMPTY', 'EEXIST'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
      await rm(made, { recursive: true, force: true });
    }
    return shared;
  })();
  return signingKeyDirectory;
}

export async function newStateDir(): Promise<string> {
  const stateDir = await mkdtemp(join(tmpdir(), 'cognito-twin-'));
  const keys = await sharedSigningKeyDirectory();
  for (const file of Object.values(SIGNING_KEY_FILES)) await copyFile(join(keys, file), join(stateDir, file));
  return stateDir;
}

/** What the tests' SDK client signs with: an administrator allowed every Cognito action. */
export const TEST_ADMIN: IamPrincipal = {
  accessKeyId: 'AKIATWINTESTADMIN000',
  secretAccessKey: 'twin-test-admin-secret-access-key-0000000',
  arn: 'arn:aws:sts::000000000000:assumed-role/TwinTestAdmin/jest',
  statements: [{ effect: 'Allow', actions: ['cognito-idp:*'], resources: ['*'] }],
};

function principalsOf(principals: IamPrincipal[] | IamPrincipals): IamPrincipals {
  return Array.isArray(principals) ? { find: (key) => principals.find((p) => p.accessKeyId === key) } : principals;
}

/** Starts the twin on a free port with its own state directory and a real SDK client for it. */
export async function startTwin(
  options: {
    stateDir?: string;
    port?: number;
    clock?: TestClock;
    scryptCost?: number;
    attemptLimits?: Partial<AttemptLimits>;
    identityPool?: IdentityPoolSettings;
    /** Replaces settings of the test pool, e.g. its MFA configuration. */
    settings?: Partial<PoolSettings>;
    /** Runs the pool's trigger functions (a LambdaRuntime in the trigger tests). */
    invokeFunction?: InvokeFunction;
    /** Who may call the IAM-authorized operations: a list, or local mode's registry. @default [TEST_ADMIN] */
    principals?: IamPrincipal[] | IamPrincipals;
  } = {},
): Promise<TwinUnderTest> {
  const stateDir = options.stateDir ?? (await newStateDir());
  const clock = options.clock ?? new TestClock();
  const logged: string[] = [];
  const twin = await startCognitoTwin({
    settings: { ...testPoolSettings(), ...options.settings },
    identityPool: options.identityPool,
    stateDir,
    port: options.port ?? 0,
    now: clock.now,
    log: (line) => logged.push(line),
    scryptCost: options.scryptCost ?? TEST_SCRYPT_COST,
    attemptLimits: options.attemptLimits,
    invokeFunction: options.invokeFunction,
    iam: {
      accountId: '000000000000',
      principals: principalsOf(options.principals ?? [TEST_ADMIN]),
    },
  });
  const cognito = new CognitoIdentityProviderClient({
    endpoint: twin.url,
    region: 'us-east-1',
    credentials: { accessKeyId: TEST_ADMIN.accessKeyId, secretAccessKey: TEST_ADMIN.secretAccessKey },
    maxAttempts: 1,
  });
  const stop = async () => {
    cognito.destroy();
    await twin.close();
  };
  return {
    twin,
    cognito,
    clock,
    stateDir,
    logged,
    stop,
    dispose: async () => {
      await stop();
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}

/** The code of the newest mail to `email`. */
export function latestCode(twin: UserPoolTwin, email: string, kind?: MailboxEntry['kind']): string {
  const mails = twin.mailbox().filter((mail) => mail.to.toLowerCase() === email.toLowerCase() && (!kind || mail.kind === kind));
  const latest = mails.at(-1);
  if (!latest) throw new Error(`no mail to ${email}`);
  return latest.code;
}

/** Signs a user up and confirms it with the mailed code; returns the user's sub. */
export async function signUpConfirmed(env: TwinUnderTest, email: string, password = PASSWORD): Promise<string> {
  const { UserSub } = await env.cognito.send(new SignUpCommand({ ClientId: CLIENT, Username: email, Password: password }));
  await env.cognito.send(
    new ConfirmSignUpCommand({ ClientId: CLIENT, Username: email, ConfirmationCode: latestCode(env.twin, email) }),
  );
  return UserSub as string;
}

/** The exception name and message the SDK raised, for exact assertions. */
export async function failureOf(call: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await call;
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message };
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** USER_PASSWORD_AUTH for a confirmed user on `clientId`; the tokens it answers. */
export async function signInWithPassword(
  env: TwinUnderTest,
  email: string,
  clientId = CLIENT,
  password = PASSWORD,
): Promise<AuthenticationResultType> {
  const { AuthenticationResult } = await env.cognito.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  );
  if (!AuthenticationResult) throw new Error(`sign-in of ${email} answered a challenge`);
  return AuthenticationResult;
}

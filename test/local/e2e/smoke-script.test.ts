import { type ChildProcessWithoutNullStreams, execFile, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { bootLocal, type LocalClient } from '../../support/local-mode';
import { cloudAssemblyWith } from './mfa-local-mode';

const root = path.join(__dirname, '..', '..', '..');
const script = path.join(root, 'scripts', 'smoke.sh');
// Every route of the walk-through (docs/local-mode.md, docs/deploy.md), in the script's order.
const STEPS = [
  'sign-up',
  'resend-code',
  'confirm with the newest code',
  'sign-in',
  'GET /public',
  'GET /secret without a token is refused',
  'GET /secret with the id token',
  'GET /me',
  'POST /credentials with the id token',
  'GET /private unsigned is refused',
  'GET /private signed (SigV4)',
  'refresh',
  'GET /secret with the refreshed id token',
  'sign-out',
  'refresh after sign-out is refused',
  'forgot-password',
  'reset-password',
  'sign-in with the new password',
  'sign-in with the old password is refused',
  'change-password with the id token is refused',
  'change-password',
  'change-email to',
  'verify-email',
  'sign-in with the new email',
  'sign-out-everywhere',
  'refresh after sign-out-everywhere is refused',
  'sign-in again',
  'POST /mfa/totp',
  'POST /mfa/totp/verify',
  'sign-in asks for the TOTP code',
  'sign-in/totp with the next code',
  'DELETE /mfa/totp',
  'sign-in after DELETE /mfa/totp is one step',
  'DELETE /me',
  'sign-in after DELETE /me is refused',
];
// With mfa=off (the two-factor steps skipped), a deployment without them.
const STEPS_WITHOUT_MFA = [
  ...STEPS.slice(0, STEPS.indexOf('POST /mfa/totp') + 1),
  'DELETE /me',
  'sign-in after DELETE /me is refused',
];
// With mfa=required: the first sign-in sets up a key, every later one answers with the next code, and
// the two-factor part is a refused DELETE /mfa/totp and a sign-in that still asks for a code.
const SIGN_INS_WITH_TOTP = ['sign-in with the new password', 'sign-in with the new email', 'sign-in again'];
const STEPS_UNDER_REQUIRED = [
  ...STEPS.slice(0, STEPS.indexOf('sign-in') + 1),
  'sign-in/totp-setup',
  'sign-in/totp with the first code',
  ...STEPS.slice(STEPS.indexOf('sign-in') + 1, STEPS.indexOf('POST /mfa/totp')).flatMap((step) =>
    SIGN_INS_WITH_TOTP.includes(step) ? [`${step} asks for the TOTP code`, 'sign-in/totp with the next code'] : [step],
  ),
  'DELETE /mfa/totp is refused under mfa=required',
  'sign-in after DELETE /mfa/totp still asks for the TOTP code',
  'DELETE /me',
  'sign-in after DELETE /me is refused',
];
// A full walk spawns node some twenty times; on a busy two-core machine that takes 10-20 s. The
// two-factor steps wait for the authenticator's next code (a code works once): up to 30 s more.
const WALK_TIMEOUT_MS = 150_000;
// Under mfa=required three sign-ins wait for the next code: up to 90 s more than a walk without a factor.
const WALK_UNDER_REQUIRED_TIMEOUT_MS = 240_000;

interface NpmStart {
  readonly apiUrl: string;
  readonly cognitoUrl: string;
  /** The line `npm start` prints to run the walk-through, e.g. `MAILBOX=… scripts/smoke.sh http://…`. */
  readonly smokeCommand: string;
  stop(): Promise<void>;
}

/** `npm start`'s entry as a user runs it, here on free ports (none the default) with its own state. */
function npmStart(stateDir: string, ...args: string[]): Promise<NpmStart> {
  const entry = ['--import', 'tsx', path.join(root, 'local', 'start.ts'), '--state-dir', stateDir, ...args];
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, entry, {
    cwd: root,
    env: { ...process.env, PORT: '0', COGNITO_PORT: '0', WEB_PORT: '0' },
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const smokeCommand = output.match(/^.*?((?:[A-Z_]+=\S+ )*scripts\/smoke\.sh \S+)\n/m)?.[1];
      if (!smokeCommand) return;
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      child.removeAllListeners('exit');
      resolve({
        apiUrl: output.match(/API\s+(http:\/\/\S+\/)/)![1],
        cognitoUrl: output.match(/Cognito\s+(http:\/\/\S+)/)![1],
        smokeCommand,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.once('exit', (code) => reject(new Error(`npm start exited (${code}) before it printed the smoke command:\n${output}`)));
  });
}

interface Run {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a shell command line from the repository's root, as a user pastes it. */
function shell(commandLine: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) =>
    execFile('bash', ['-c', commandLine], { cwd: root, env: { ...process.env, ...env } }, (error, stdout, stderr) =>
      resolve({ exitCode: error ? Number(error.code) : 0, stdout, stderr }),
    ),
  );
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The steps a walk passed, in order, each name without the email it may carry. */
function passedSteps(stderr: string): string[] {
  return [...stderr.matchAll(/^✓ (.+) \(\d{3}\)$/gm)].map((m) => m[1].replace(/^(sign-up|change-email to) \S+$/, '$1'));
}

const oathtoolInstalled = execFileSync('bash', ['-c', 'command -v oathtool || true'], { encoding: 'utf8' }).trim() !== '';

/**
 * A PATH with every command of this one but oathtool: a folder of links to them, so a walk runs as on
 * a machine without it.
 */
function pathWithoutOathtool(): { PATH: string; folder: string } {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'no-oathtool-'));
  for (const dir of (process.env.PATH ?? '').split(':').filter((d) => fs.existsSync(d))) {
    for (const name of fs.readdirSync(dir)) {
      if (name !== 'oathtool' && !fs.existsSync(path.join(folder, name)))
        fs.symlinkSync(path.join(dir, name), path.join(folder, name));
    }
  }
  return { PATH: folder, folder };
}

let stateDir: string;
let local: NpmStart;
beforeAll(async () => {
  stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'smoke-script-'));
  local = await npmStart(stateDir);
}, 120_000);
afterAll(async () => {
  await local?.stop();
  fs.rmSync(stateDir, { recursive: true, force: true });
});

describe('scripts/smoke.sh against local mode', () => {
  let walkedEmail: string;

  test(
    'the command npm start prints, with the Cognito twin on a port other than 9229, runs every route and exits 0',
    async () => {
      expect(new URL(local.cognitoUrl).port).not.toBe('9229');
      expect(local.smokeCommand).toMatch(/^MAILBOX=\S+ scripts\/smoke\.sh http:\/\/127\.0\.0\.1:\d+\/dev\/$/);

      const { exitCode, stdout, stderr } = await shell(local.smokeCommand);

      const finished = expect.stringContaining('✓ every route answered as the docs say');
      expect({ exitCode, stderr }).toEqual({ exitCode: 0, stderr: finished });
      expect(passedSteps(stderr)).toEqual(STEPS);
      expect(stderr).toContain(oathtoolInstalled ? '(TOTP codes from oathtool)' : '(TOTP codes from otpauth, with node)');
      walkedEmail = JSON.parse(stdout).user.email;
      expect(walkedEmail).toMatch(/^smoke-.*@example\.com$/);
    },
    WALK_TIMEOUT_MS,
  );

  (oathtoolInstalled ? test : test.skip)(
    'without oathtool, the node one-liner with otpauth computes the TOTP codes: every route, exit 0',
    async () => {
      const { PATH, folder } = pathWithoutOathtool();
      const { exitCode, stderr } = await shell(local.smokeCommand, { PATH });
      fs.rmSync(folder, { recursive: true, force: true });
      expect({ exitCode, stderr }).toEqual({
        exitCode: 0,
        stderr: expect.stringContaining('(TOTP codes from otpauth, with node)'),
      });
      expect(passedSteps(stderr)).toEqual(STEPS);
    },
    WALK_TIMEOUT_MS,
  );

  // The walk ends by deleting its account, so the account a re-run meets is signed up here.
  const existingEmail = `existing-${Date.now()}@example.com`;
  const signUp = (email: string) =>
    fetch(new URL('sign-up', local.apiUrl), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password: 'correct horse battery staple' }),
    });

  test('re-run with an email that already has an account, it stops at sign-up with 409 and says how to re-run', async () => {
    expect((await signUp(existingEmail)).status).toBe(201);
    const { exitCode, stderr } = await shell(local.smokeCommand, { EMAIL: existingEmail });
    expect(exitCode).toBe(1);
    expect(stderr).toContain(`✗ sign-up ${existingEmail}: POST /sign-up answered HTTP 409, expected 201: {"code":"UserExists"`);
    expect(stderr).toContain('run it with another EMAIL, or start local mode with npm start -- --reset');
  });

  test('a wrong API URL: it exits 1 naming the step, the HTTP status and the body', async () => {
    const { exitCode, stderr } = await shell(`${local.smokeCommand}nowhere/`);
    expect(exitCode).toBe(1);
    expect(stderr).toMatch(
      /^✗ sign-up \S+: POST \/sign-up answered HTTP 404, expected 201: \{"code":"NotFound","message":".+"\}$/m,
    );
  });

  test('an API that does not answer: it exits 1 naming the step and the URL', async () => {
    const { exitCode, stderr } = await shell(`scripts/smoke.sh http://127.0.0.1:${await closedPort()}/dev/`);
    expect(exitCode).toBe(1);
    expect(stderr).toMatch(/^✗ sign-up \S+: POST http:\/\/127\.0\.0\.1:\d+\/dev\/sign-up got no answer \(curl exit 7/m);
  });

  test('a mailbox that does not answer: it exits 1 at confirm and says to set MAILBOX', async () => {
    const mailbox = `http://127.0.0.1:${await closedPort()}/_local/mailbox`;
    const { exitCode, stderr } = await shell(`scripts/smoke.sh ${local.apiUrl}`, { MAILBOX: mailbox });
    expect(exitCode).toBe(1);
    expect(stderr).toContain(`✗ confirm: no mailbox at ${mailbox} (curl exit 7): set MAILBOX to the one npm start prints`);
  });

  test('npm start -- --reset empties the pool: an email that had an account signs up again', async () => {
    expect((await signUp(existingEmail)).status).toBe(409);
    await local.stop();
    local = await npmStart(stateDir, '--reset');
    expect((await signUp(existingEmail)).status).toBe(201);
  }, 120_000);
});

/**
 * Local mode for the stack synthesized with this `mfa` setting, the twin on the wall clock: the script
 * computes TOTP codes for the time it runs at.
 */
async function bootWithMfa(mfa: 'off' | 'required'): Promise<{ client: LocalClient; close(): Promise<void> }> {
  return bootWith({ mfa });
}

/** Local mode for the stack synthesized with this context, the twin on the wall clock. */
async function bootWith(context: Record<string, string>): Promise<{ client: LocalClient; close(): Promise<void> }> {
  const cdkOut = cloudAssemblyWith(context);
  const client = await bootLocal(cdkOut);
  return {
    client,
    close: async () => {
      await client.close();
      fs.rmSync(cdkOut, { recursive: true, force: true });
    },
  };
}

/** Runs the script as npm start's command would, against that local mode. */
function walk({ local }: LocalClient): Promise<Run> {
  return shell(`scripts/smoke.sh ${local.apiUrl}`, { MAILBOX: `${local.cognitoUrl}/_local/mailbox` });
}

describe('scripts/smoke.sh against mfa=off', () => {
  let off: Awaited<ReturnType<typeof bootWithMfa>>;
  beforeAll(async () => {
    off = await bootWithMfa('off');
  }, 120_000);
  afterAll(() => off?.close());

  test(
    'POST /mfa/totp answers 404, so it skips the two-factor steps and says so; every other route, exit 0',
    async () => {
      const { exitCode, stderr } = await walk(off.client);
      expect({ exitCode, stderr }).toEqual({ exitCode: 0, stderr: expect.stringContaining('✓ every route answered') });
      expect(stderr).toContain('– two-factor steps skipped: POST /mfa/totp answered 404, so this deployment has mfa=off');
      expect(passedSteps(stderr)).toEqual(STEPS_WITHOUT_MFA);
    },
    WALK_TIMEOUT_MS,
  );
});

describe('scripts/smoke.sh against mfa=required', () => {
  let required: Awaited<ReturnType<typeof bootWithMfa>>;
  beforeAll(async () => {
    required = await bootWithMfa('required');
  }, 120_000);
  afterAll(() => required?.close());

  test(
    'the first sign-in sets up a key (202 TOTP_SETUP, /sign-in/totp-setup, /sign-in/totp), every later one answers ' +
      'with the next code, DELETE /mfa/totp answers 409 and it says why; exit 0, no key printed',
    async () => {
      const { exitCode, stdout, stderr } = await walk(required.client);
      expect({ exitCode, stderr }).toEqual({ exitCode: 0, stderr: expect.stringContaining('✓ every route answered') });
      expect(stderr).toContain('(sign-in asks for a TOTP key to be set up: this deployment has mfa=required)');
      expect(stderr).toContain('– POST /mfa/totp and /mfa/totp/verify skipped: under mfa=required the key set up at the first');
      expect(passedSteps(stderr)).toEqual(STEPS_UNDER_REQUIRED);
      // A TOTP key is 32 base32 characters (RFC 4648); a walk that succeeds prints none.
      expect(`${stdout}${stderr}`).not.toMatch(/[A-Z2-7]{32}/);
    },
    WALK_UNDER_REQUIRED_TIMEOUT_MS,
  );
});

describe('scripts/smoke.sh against api=http', () => {
  let http: Awaited<ReturnType<typeof bootWith>>;
  beforeAll(async () => {
    http = await bootWith({ api: 'http' });
  }, 120_000);
  afterAll(() => http?.close());

  test(
    'it reads the flavor from the first refusal and expects the HTTP API gateway’s fixed bodies (401, 403): every route, exit 0',
    async () => {
      const { exitCode, stderr } = await walk(http.client);
      expect({ exitCode, stderr }).toEqual({ exitCode: 0, stderr: expect.stringContaining('✓ every route answered') });
      expect(stderr).toContain("– an HTTP API: its gateway's own refusals are checked by their fixed bodies");
      expect(stderr).toContain('✓ GET /private unsigned is refused (403)');
      expect(stderr).toContain('✓ change-password with the id token is refused (403)');
      expect(passedSteps(stderr)).toEqual(STEPS);
    },
    WALK_TIMEOUT_MS,
  );
});

describe('scripts/smoke.sh against a deployment', () => {
  test('without EMAIL it refuses to start, saying that Cognito emails the codes to it', async () => {
    const deployed = 'https://abc123.execute-api.eu-west-1.amazonaws.com/dev/';
    const { exitCode, stderr } = await shell(`scripts/smoke.sh ${deployed}`, { EMAIL: '' });
    expect(exitCode).toBe(2);
    expect(stderr).toContain('✗ EMAIL is required against a deployment (abc123.execute-api.eu-west-1.amazonaws.com)');
    expect(stderr).toContain('usage: ');
  });

  test(
    'it asks for each emailed code on standard input, and stops with a message when there is none',
    async () => {
      // A host name that is not local, so the script treats it as a deployment; curl's own config
      // file sends it to local mode, under a Host local mode answers (it refuses other names: DNS rebinding).
      const { port } = new URL(local.apiUrl);
      const curlHome = fs.mkdtempSync(path.join(os.tmpdir(), 'smoke-curl-'));
      fs.writeFileSync(
        path.join(curlHome, '.curlrc'),
        `resolve = "api.smoke.test:${port}:127.0.0.1"\nheader = "Host: 127.0.0.1:${port}"\n`,
      );
      const email = `deployed-${Date.now()}@example.com`;
      const env = { ...process.env, EMAIL: email, CURL_HOME: curlHome };
      const child = spawn('bash', [script, `http://api.smoke.test:${port}/dev/`], { cwd: root, env });

      let stderr = '';
      const prompts: string[] = [];
      child.stderr.on('data', async (chunk: Buffer) => {
        stderr += chunk.toString();
        const prompt = stderr.match(/Code from the newest email to (\S+), for (\S+): $/);
        if (!prompt) return;
        prompts.push(`${prompt[1]} ${prompt[2]}`);
        stderr += '\n';
        // The sign-up code comes from the twin's mailbox as a user copies it from the email; the
        // reset code does not come: standard input ends.
        if (prompts.length === 1) {
          const mailbox = await fetch(`${local.cognitoUrl}/_local/mailbox?to=${encodeURIComponent(email)}`);
          const mails = (await mailbox.json()) as Array<{ code: string }>;
          child.stdin.write(`${mails[mails.length - 1].code}\n`);
        } else child.stdin.end();
      });
      const exitCode = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      fs.rmSync(curlHome, { recursive: true, force: true });

      expect(prompts).toEqual([`${email} confirm`, `${email} reset-password`]);
      expect(stderr).toContain('✓ confirm with the newest code (200)');
      expect(stderr).toContain('✓ forgot-password (200)');
      expect(stderr).toContain('✗ reset-password: no code on standard input: run it in a terminal and type the code from the');
      expect(exitCode).toBe(1);
    },
    WALK_TIMEOUT_MS,
  );
});

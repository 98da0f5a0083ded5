import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.join(__dirname, '..', '..', '..');
const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'start-state-'));
afterAll(() => fs.rmSync(stateDir, { recursive: true, force: true }));

const usageLine = 'usage: npm start -- [--reset] [--state-dir <dir>] [-c key=value ...]';
// Each run starts tsx and local mode's modules: 5 to 25 s measured here, on 2 cores under a load of 10.
const SPAWN_TIMEOUT_MS = 60_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `npm start -- <args>` as a person runs it (tsx local/start.ts), with every port free unless `env`
 * says otherwise. Each run here ends by itself: on --help, or on an error before anything listens for long.
 */
function npmStart(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return run(process.execPath, ['--import', 'tsx', 'local/start.ts', '--state-dir', stateDir, ...args], env);
}

/** Runs npm start until its banner is out, then stops it as Ctrl-C would; what it printed by then. */
function npmStartUntilReady(env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts', '--state-dir', stateDir], {
      cwd: root,
      env: { ...process.env, PORT: '0', COGNITO_PORT: '0', WEB_PORT: '0', ...env },
    });
    let stdout = '';
    let stderr = '';
    let stopping = false;
    const stop = setTimeout(() => child.kill(), SPAWN_TIMEOUT_MS - 5_000);
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      // Once: a second Ctrl-C would find the default handler again and kill it outright.
      if (!stopping && stdout.includes('Or run the whole walk-through')) stopping = child.kill('SIGINT');
    });
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(stop);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A port this process holds until the returned close() is called. */
async function busyPort(): Promise<{ port: number; close: () => void }> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as net.AddressInfo).port, close: () => server.close() };
}

describe('the command line', () => {
  test.concurrent(
    '--help prints the usage, the ports included, and exits 0',
    async () => {
      const { code, stdout, stderr } = await npmStart(['--help']);
      expect(code).toBe(0);
      expect(stdout.split('\n')[0]).toBe(usageLine);
      expect(stdout).toMatch(/PORT .*COGNITO_PORT .*WEB_PORT/);
      expect(stderr).toBe('');
    },
    SPAWN_TIMEOUT_MS,
  );

  test.concurrent(
    'an unknown flag is one line, then the usage, and exit 1',
    async () => {
      const { code, stdout, stderr } = await npmStart(['--frobnicate']);
      expect(code).toBe(1);
      const [first, second] = stderr.split('\n');
      expect(first).toBe("npm start failed: Unknown option '--frobnicate'");
      expect(second).toBe(usageLine);
      expect(stdout).toBe('');
    },
    SPAWN_TIMEOUT_MS,
  );
});

describe('context', () => {
  test.concurrent(
    'a bad value is one line naming the key, what it allows and what it got; no stack trace, no synth',
    async () => {
      const { code, stdout, stderr } = await npmStart(['-c', 'site=maybe']);
      expect(code).toBe(1);
      expect(stderr).toBe('npm start failed: Context key site must be true or false (received: "maybe")\n');
      expect(stdout).toBe('');
    },
    SPAWN_TIMEOUT_MS,
  );

  test.concurrent(
    'an unknown key near none of ours is a warning naming the known keys',
    async () => {
      // With a bad value beside it, so that the run stops before the synth this new context would need.
      const { stderr } = await npmStart(['-c', 'region=eu-west-1', '-c', 'stage=Prod']);
      const [warning, failure] = stderr.split('\n');
      expect(warning).toMatch(/^Warning: Unknown context key region \(ignored\); the known keys are stage, passwordMinLength, /);
      expect(failure).toMatch(/^npm start failed: Context key stage must be /);
    },
    SPAWN_TIMEOUT_MS,
  );

  test.concurrent(
    'a key one typo away from ours stops before the synth, naming the key meant and the command with it',
    async () => {
      const { code, stdout, stderr } = await npmStart(['-c', 'passwordMinLenght=16', '-c', 'mfa=off']);
      expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
      expect(stderr).toBe(
        'npm start failed: unknown context key passwordMinLenght: did you mean passwordMinLength? Nothing was ' +
          'synthesized. Try: npm start -- -c passwordMinLength=16 -c mfa=off\n',
      );
    },
    SPAWN_TIMEOUT_MS,
  );
});

/** `npm <args>` itself, in the repository, every port free: what npm hands the script, not what a test supposes. */
function npm(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return run('npm', args, env);
}

/** A command in the repository, every port free; a run that does not end (local mode up and serving) is stopped, so that it fails its test alone. */
function run(command: string, args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, PORT: '0', COGNITO_PORT: '0', WEB_PORT: '0', ...env },
    });
    let stdout = '';
    let stderr = '';
    const stop = setTimeout(() => child.kill(), SPAWN_TIMEOUT_MS - 5_000);
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(stop);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('options npm keeps for itself (no --) stop npm start with the command that passes them on', () => {
  test.concurrent.each([
    [['-c', 'mfa=required'], '-c mfa=required', 'it', '-c mfa=required'],
    [
      ['-c', 'passwordMinLength=16', '-c', 'mfa=required'],
      '-c mfa=required',
      'it',
      // npm keeps the last -c only: the first is lost before the script runs, so it cannot be named.
      '-c mfa=required',
    ],
    [['--reset', '-c', 'mfa=off'], '-c mfa=off --reset', 'them', '-c mfa=off --reset'],
  ])(
    'npm start %j',
    async (args, kept, pronoun, command) => {
      const { code, stderr } = await npm(['start', ...args, '--', '--state-dir', stateDir]);
      expect(code).toBe(1);
      const onlyLast = args.includes('-c') ? ', and it keeps only the last -c' : '';
      expect(stderr).toContain(
        `npm start failed: npm kept ${kept} for itself (before --, options are npm's${onlyLast}), so local mode ` +
          `would start without ${pronoun}. Options go after --: npm start -- --state-dir ${stateDir} ${command}\n`,
      );
    },
    SPAWN_TIMEOUT_MS,
  );
});

describe('a busy port names the variable that moves it', () => {
  test.concurrent.each(['PORT', 'COGNITO_PORT', 'WEB_PORT'])(
    '%s',
    async (variable) => {
      const busy = await busyPort();
      try {
        // No -c: the synth global-setup.ts made is reused, so the run gets to the listening quickly.
        const { code, stdout, stderr } = await npmStart([], { [variable]: String(busy.port) });
        expect(code).toBe(1);
        // Checked before the synth: nothing synthesized, nothing started.
        expect(stdout).toBe('');
        expect(stderr).toBe(
          `npm start failed: port ${busy.port} is in use (EADDRINUSE): set ${variable} to another port, or 0 for a free one\n`,
        );
      } finally {
        busy.close();
      }
    },
    SPAWN_TIMEOUT_MS,
  );
});

test.concurrent(
  'every busy port is named in one message, with the variable that moves it and what it serves',
  async () => {
    const api = await busyPort();
    const twin = await busyPort();
    const page = await busyPort();
    try {
      const env = { PORT: `${api.port}`, COGNITO_PORT: `${twin.port}`, WEB_PORT: `${page.port}` };
      const { code, stdout, stderr } = await npmStart([], env);
      expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
      expect(stderr).toBe(
        `npm start failed: ports ${api.port} (PORT, the API), ${twin.port} (COGNITO_PORT, the Cognito twin) and ` +
          `${page.port} (WEB_PORT, the page) are in use (EADDRINUSE): set each variable to another port, or 0 for a free one\n`,
      );
    } finally {
      for (const busy of [api, twin, page]) busy.close();
    }
  },
  SPAWN_TIMEOUT_MS,
);

test.concurrent(
  'two variables naming one port are refused before anything listens',
  async () => {
    const { code, stderr } = await npmStart([], { COGNITO_PORT: '39555', WEB_PORT: '39555' });
    expect(code).toBe(1);
    expect(stderr).toBe('npm start failed: COGNITO_PORT and WEB_PORT are both 39555: give each its own port\n');
  },
  SPAWN_TIMEOUT_MS,
);

test.concurrent(
  'a page served on another port is told that the API does not allow its origin, and which -c would',
  async () => {
    // WEB_PORT=0: a free port, so not the 5173 of the dev stage's default CORS origins.
    const { code, stdout, stderr } = await npmStartUntilReady({});
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const page = /Web page +(http:\/\/127\.0\.0\.1:(\d+))\//.exec(stdout);
    expect(page?.[2]).not.toBe('5173');
    expect(stdout).toContain(`(the API does not allow this origin, so the page cannot call it: add -c corsOrigins=${page?.[1]})`);
  },
  SPAWN_TIMEOUT_MS,
);

/** npm start with these arguments (no default --state-dir), left running once its banner is out. */
async function running(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts', ...args], {
    cwd: root,
    env: { ...process.env, PORT: '0', COGNITO_PORT: '0', WEB_PORT: '0' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', () => stdout.includes('Or run the whole walk-through') && resolve());
    exited.then((code) => reject(new Error(`npm start exited (${code}) before it was ready: ${stderr}`)));
  });
  return {
    child,
    stdout: () => stdout,
    api: /API +(http\S+)/.exec(stdout)?.[1] ?? '',
    /** As Ctrl-C does. */
    stop: () => {
      child.kill('SIGINT');
      return exited;
    },
  };
}

test(
  "a state folder is one local mode's: a second is refused by pid, a stop frees it, a kill -9 leaves a lock the next start takes over; --reset says what it wiped",
  async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'start-lock-'));
    const lock = path.join(dir, 'local-mode.lock');
    try {
      const first = await running(['--state-dir', dir]);
      const pid = Number.parseInt(fs.readFileSync(lock, 'utf8'), 10);
      expect(pid).toBe(first.child.pid);
      const second = await npmStart(['--state-dir', dir]);
      expect(second.code).toBe(1);
      expect(second.stderr).toBe(
        `npm start failed: the state folder ${dir} is in use by another local mode (pid ${pid}): stop that one, ` +
          'or give this one its own with --state-dir <folder>\n',
      );
      const signUp = await fetch(`${first.api}sign-up`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'lock@example.com', password: 'correct horse battery staple' }),
      });
      expect(signUp.status).toBe(201);
      expect(await first.stop()).toBe(0);
      expect(fs.existsSync(lock)).toBe(false);

      const third = await running(['--state-dir', dir, '--reset']);
      expect(third.stdout()).toContain(
        `--reset: wiped ${path.join(dir, 'cognito')}: 1 user, 1 mail, their tokens and the signing keys\n`,
      );
      third.child.kill('SIGKILL');
      await new Promise((resolve) => third.child.on('close', resolve));
      expect(fs.readFileSync(lock, 'utf8')).toBe(`${third.child.pid}\n`);

      const fourth = await running(['--state-dir', dir, '--reset']);
      expect(fourth.stdout()).toContain(
        `The state folder's lock was left by pid ${third.child.pid}, which has stopped: taken over\n`,
      );
      expect(fourth.stdout()).toContain(
        `--reset: wiped ${path.join(dir, 'cognito')}: 0 users, 0 mails, their tokens and the signing keys\n`,
      );
      await fourth.stop();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
  SPAWN_TIMEOUT_MS * 2,
);

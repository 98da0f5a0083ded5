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
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts', '--state-dir', stateDir, ...args], {
      cwd: root,
      env: { ...process.env, PORT: '0', COGNITO_PORT: '0', WEB_PORT: '0', ...env },
    });
    let stdout = '';
    let stderr = '';
    // A run that does not end (local mode up and serving) is stopped, so that it fails its test alone.
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
    'an unknown key is a warning naming the known keys',
    async () => {
      // With a bad value beside it, so that the run stops before the synth this new context would need.
      const { stderr } = await npmStart(['-c', 'passwordMinLenght=16', '-c', 'stage=Prod']);
      const [warning, failure] = stderr.split('\n');
      expect(warning).toMatch(
        /^Warning: Unknown context key passwordMinLenght \(ignored\); the known keys are stage, passwordMinLength, /,
      );
      expect(failure).toMatch(/^npm start failed: Context key stage must be /);
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
        expect(stdout).toContain('Reusing the synth of these sources and context');
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

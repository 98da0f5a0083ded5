import { type ChildProcess, execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { localPorts } from '../../../lib/local-ports';
import { firstCalls } from '../../../local/first-calls';
import type { LocalClient } from '../../support/local-mode';
import { bootFlavor } from './mfa-local-mode';

// The README's first screen, run as a newcomer runs it: `npm start` (npm ci aside: the run already
// installed), then the block of curl calls in a second shell, to a signed-in GET /secret.
const root = path.join(__dirname, '..', '..', '..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const TIMEOUT_MS = 120_000;

/** The fenced bash blocks of a README section, in order. */
function bashBlocks(section: string): string[] {
  const start = readme.indexOf(`\n## ${section}\n`);
  if (start < 0) throw new Error(`README has no section "${section}"`);
  const end = readme.indexOf('\n## ', start + 1);
  const text = readme.slice(start, end < 0 ? undefined : end);
  return [...text.matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => m[1].trimEnd());
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const [install, calls] = bashBlocks('Run it locally');

test("the first block is the install-and-start command, the second the banner's calls at the default ports", () => {
  expect(install).toBe('npm ci && npm start');
  const defaults = firstCalls(
    `http://127.0.0.1:${localPorts.apiPort.default}/dev/`,
    `http://127.0.0.1:${localPorts.cognitoPort.default}/_local/mailbox`,
  );
  expect(calls).toBe(defaults);
});

describe('npm start, then the README calls, end in a signed-in GET /secret', () => {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-state-'));
  let child: ChildProcess | undefined;
  let banner = '';
  const ports = { api: 0, cognito: 0, web: 0 };

  beforeAll(async () => {
    ports.api = await freePort();
    ports.cognito = await freePort();
    ports.web = await freePort();
    // npm itself, as the README says; its own process group, so the stop reaches tsx behind it.
    child = spawn('npm', ['start', '--', '--state-dir', stateDir], {
      cwd: root,
      detached: true,
      env: { ...process.env, PORT: `${ports.api}`, COGNITO_PORT: `${ports.cognito}`, WEB_PORT: `${ports.web}` },
    });
    await new Promise<void>((resolve, reject) => {
      child?.stdout?.on('data', (chunk) => {
        banner += chunk;
        if (banner.includes('Or run the whole walk-through')) resolve();
      });
      child?.on('exit', (code) => reject(new Error(`npm start exited (${code}) before it was ready:\n${banner}`)));
    });
  }, TIMEOUT_MS);

  afterAll(async () => {
    if (child?.pid && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.on('exit', resolve));
      process.kill(-child.pid, 'SIGINT');
      await exited;
    }
    fs.rmSync(stateDir, { recursive: true, force: true });
  });

  test(
    'the banner prints the same calls for the ports it chose, and they sign in',
    async () => {
      const api = `http://127.0.0.1:${ports.api}/dev/`;
      const mailbox = `http://127.0.0.1:${ports.cognito}/_local/mailbox`;
      const here = calls
        .replace(`:${localPorts.apiPort.default}/`, `:${ports.api}/`)
        .replace(`:${localPorts.cognitoPort.default}/`, `:${ports.cognito}/`);
      expect(here).toBe(firstCalls(api, mailbox));
      for (const line of here.split('\n')) expect(banner).toContain(`  ${line}\n`);

      const { stdout } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', here], { cwd: root });
      // jq pretty-prints each answer; the last one is GET /secret's.
      const answers = stdout.split(/\n(?=\{)/).map((text) => JSON.parse(text));
      expect(answers).toHaveLength(3);
      expect(answers[0]).toMatchObject({ userConfirmed: false, codeDelivery: { medium: 'EMAIL' } });
      expect(answers[1]).toEqual({ confirmed: true });
      expect(answers[2]).toMatchObject({ user: { email: 'you@example.com', sub: expect.any(String) } });
    },
    TIMEOUT_MS,
  );
});

// The same calls against the HTTP API flavor (docs/http-api.md), local mode started in-process: the
// npm start run above is the REST flavor's, whose synth the run already has.
describe('the README calls against -c api=http end in a signed-in GET /secret too', () => {
  let client: LocalClient;
  beforeAll(async () => {
    client = await bootFlavor('http');
  }, TIMEOUT_MS);
  afterAll(() => client?.close());

  test(
    'the same three answers',
    async () => {
      const here = firstCalls(client.local.apiUrl, `${client.local.cognitoUrl}/_local/mailbox`);
      expect(here).toBe(
        calls
          .replace(`http://127.0.0.1:${localPorts.apiPort.default}/`, `${new URL(client.local.apiUrl).origin}/`)
          .replace(`http://127.0.0.1:${localPorts.cognitoPort.default}/`, `${client.local.cognitoUrl}/`),
      );
      const { stdout } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', here], { cwd: root });
      const answers = stdout.split(/\n(?=\{)/).map((text) => JSON.parse(text));
      expect(answers).toEqual([
        expect.objectContaining({ userConfirmed: false, codeDelivery: expect.objectContaining({ medium: 'EMAIL' }) }),
        { confirmed: true },
        expect.objectContaining({ user: { email: 'you@example.com', sub: expect.any(String) } }),
      ]);
    },
    TIMEOUT_MS,
  );
});

import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { atMost, type Figure, info } from './figures';

const root = path.join(__dirname, '..', '..');
const quietEnv = {
  ...process.env,
  CI: 'true',
  CDK_DISABLE_CLI_TELEMETRY: 'true',
  CDK_DISABLE_VERSION_CHECK: '1',
  AWS_EC2_METADATA_DISABLED: 'true',
};

function timed(command: string, args: string[], cwd = root): number {
  const started = performance.now();
  const run = spawnSync(command, args, { cwd, env: quietEnv, stdio: 'ignore' });
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} in ${cwd} failed (exit ${run.status})`);
  return (performance.now() - started) / 1000;
}

/** `npm test` within 30 s on 2 cores was set when a warm `cdk synth` took 5.1 s on such a machine (docs/performance.md). */
const NPM_TEST_SECONDS = 30;
const NPM_TEST_PER_SYNTH = 6;

/**
 * `npm test` as a developer meets it: in a fresh clone of the committed tree (its dependencies
 * linked, as `npm ci` would have installed them, and jest's transform cache empty), then after a
 * one-line edit under lib/ (the stack: every synth again), then under lambda/ (the handlers), then
 * with nothing changed; `npm run test:e2e` in the same clone for information. Each is held to 30 s
 * and to a multiple of one warm `cdk synth` in the same clone, so a busy machine slows the target too.
 */
function testLoopFigures(): Figure[] {
  const clone = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-clone-'));
  try {
    spawnSync('git', ['clone', '--quiet', root, clone], { stdio: 'ignore' });
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(clone, 'node_modules'));
    const jestCache = ['--cacheDirectory', path.join(clone, '.jest-cache')];
    const npmTest = () => timed('npm', ['test', '--silent', '--', ...jestCache], clone);
    const fresh = npmTest();
    fs.appendFileSync(path.join(clone, 'lib', 'config.ts'), '\n// bench: an edit under lib/\n');
    const afterLib = npmTest();
    fs.appendFileSync(path.join(clone, 'lambda', 'public.ts'), '\n// bench: an edit under lambda/\n');
    const afterLambda = npmTest();
    const unchanged = npmTest();
    const endToEnd = timed('npm', ['run', 'test:e2e', '--silent', '--', ...jestCache], clone);
    timed('npx', ['cdk', 'synth', '--quiet'], clone);
    const synth = timed('npx', ['cdk', 'synth', '--quiet'], clone);
    const perSynth = (name: string, seconds: number): Figure =>
      atMost(
        `${name} ÷ warm cdk synth`,
        seconds / synth,
        '×',
        NPM_TEST_PER_SYNTH,
        `warm cdk synth in the same clone: ${synth.toFixed(1)} s`,
      );
    return [
      atMost('npm test, fresh clone', fresh, 's', NPM_TEST_SECONDS),
      perSynth('npm test, fresh clone', fresh),
      atMost('npm test, after an edit under lib/', afterLib, 's', NPM_TEST_SECONDS),
      perSynth('npm test, after an edit under lib/', afterLib),
      atMost('npm test, after an edit under lambda/', afterLambda, 's', NPM_TEST_SECONDS),
      perSynth('npm test, after an edit under lambda/', afterLambda),
      info('npm test, nothing changed', unchanged, 's', 'every synth of the run done again: no result outlives a run'),
      info('npm run test:e2e, same clone', endToEnd, 's', 'after the edit under lambda/: every handler bundled again'),
    ];
  } finally {
    fs.rmSync(clone, { recursive: true, force: true });
  }
}

export interface RunningLocal {
  readonly apiUrl: string;
  readonly cognitoUrl: string;
  readonly readyMs: number;
  stop(): Promise<void>;
}

/** `npm start`'s entry on free ports with its own state; resolves once it prints that it is ready. */
export function startLocal(args: string[]): Promise<RunningLocal> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'local', 'start.ts'), ...args], {
    cwd: root,
    env: { ...quietEnv, PORT: '0', COGNITO_PORT: '0', WEB_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const api = output.match(/API\s+(http:\/\/\S+\/)/)?.[1];
      const cognito = output.match(/Cognito\s+(http:\/\/127\.0\.0\.1:\d+)/)?.[1];
      if (api && cognito && output.includes('running locally')) {
        child.stdout.off('data', onData);
        child.stdout.resume();
        child.stderr.resume();
        resolve({
          apiUrl: api,
          cognitoUrl: cognito,
          readyMs: performance.now() - started,
          stop: () =>
            new Promise<void>((done) => {
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`local mode exited (${code}) before it was ready:\n${output}`)));
  });
}

export async function commandFigures(stateDir: string): Promise<Figure[]> {
  const testLoop = testLoopFigures();
  timed('npx', ['cdk', 'synth', '--quiet']);
  const synth = timed('npx', ['cdk', 'synth', '--quiet']);
  // A context value no one else uses changes the sources' hash: the start after a change.
  const changed = await startLocal(['--state-dir', stateDir, '-c', `benchRun=${Date.now()}`]);
  await changed.stop();
  const cached = await startLocal(['--state-dir', stateDir]);
  await cached.stop();
  return [
    ...testLoop,
    atMost('npx cdk synth', synth, 's', 6),
    atMost(
      'npm start ready, after a change',
      changed.readyMs / 1000,
      's',
      12,
      'a change to the stack or its context; an edit under lambda/ re-bundles every handler (~11 s)',
    ),
    atMost('npm start ready, nothing changed', cached.readyMs / 1000, 's', 3),
  ];
}

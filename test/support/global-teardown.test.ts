import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import globalTeardown from './global-teardown';

// CONTRIBUTING.md: no result of npm test's synth process outlives its run. global-setup.ts starts
// it and names its pid and the run's folder in the environment; the teardown jest runs last must
// stop it and remove the folder. A stand-in process takes the synth's place: the real one takes
// seconds of CPU.
const jestConfig = require('../../jest.config.js');

test("npm test's configuration runs the setup that starts the synth and the teardown that ends it", () => {
  expect(jestConfig).toMatchObject({
    globalSetup: '<rootDir>/test/support/global-setup.ts',
    globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  });
});

/** Runs the teardown with the environment global-setup.ts leaves, then puts this process's back. */
function tearDown(env: { TEST_STACK_SYNTH_PID?: string; TEST_RUN_DIR: string }): void {
  const saved = { TEST_STACK_SYNTH_PID: process.env.TEST_STACK_SYNTH_PID, TEST_RUN_DIR: process.env.TEST_RUN_DIR };
  const restore = (name: keyof typeof saved) => {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  };
  try {
    if (env.TEST_STACK_SYNTH_PID) process.env.TEST_STACK_SYNTH_PID = env.TEST_STACK_SYNTH_PID;
    else delete process.env.TEST_STACK_SYNTH_PID;
    process.env.TEST_RUN_DIR = env.TEST_RUN_DIR;
    globalTeardown();
  } finally {
    restore('TEST_STACK_SYNTH_PID');
    restore('TEST_RUN_DIR');
  }
}

function runFolderWithResults(): string {
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'teardown-test-run-'));
  fs.writeFileSync(path.join(runDir, 'stack-synth.log'), 'synthesizing\n');
  fs.mkdirSync(path.join(runDir, 'default'));
  fs.writeFileSync(path.join(runDir, 'default', 'template.json'), '{}');
  return runDir;
}

test('a synth still running is stopped, and the run folder with its results removed', async () => {
  const runDir = runFolderWithResults();
  const synth = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
  const ended = new Promise<NodeJS.Signals | null>((resolve) => synth.once('exit', (_, signal) => resolve(signal)));
  await new Promise((resolve) => synth.once('spawn', resolve));

  try {
    tearDown({ TEST_STACK_SYNTH_PID: String(synth.pid), TEST_RUN_DIR: runDir });
    const stillRunning = new Promise<string>((resolve) => setTimeout(resolve, 5_000, 'still running after 5 s').unref());
    expect(await Promise.race([ended, stillRunning])).toBe('SIGTERM');
    expect(fs.existsSync(runDir)).toBe(false);
  } finally {
    // A no-op once it has exited (node keeps no handle to signal); a red run leaves nothing behind.
    synth.kill('SIGKILL');
  }
});

test('with no synth started (no test file read the stack), the run folder is removed all the same', () => {
  const runDir = runFolderWithResults();
  tearDown({ TEST_RUN_DIR: runDir });
  expect(fs.existsSync(runDir)).toBe(false);
});

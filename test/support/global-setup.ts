import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * An empty folder for this run's results, and, when a test file of the run reads the stack
 * (test/support/sequencer.js tells), the run's one synth process, which writes there every
 * configuration the tests read while the test files that need none run. global-teardown.ts stops
 * it if it is still going and removes the folder.
 */
export default function globalSetup(): void {
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cognito-auth-api-test-run-'));
  process.env.TEST_RUN_DIR = runDir;
  if (process.env.TEST_STACK_SYNTH !== 'needed') return;
  const log = fs.openSync(path.join(runDir, 'stack-synth.log'), 'w');
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'stack-synth.ts'), runDir], {
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  child.unref();
  process.env.TEST_STACK_SYNTH_PID = String(child.pid);
}

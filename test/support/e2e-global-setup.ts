import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { synthesize } from '../../local/synth';

/**
 * The end-to-end tier's one synth with real bundling, shared by its suites (and by `npm start`,
 * through the cache keyed by every synth input), so no worker repeats it; and an empty folder for
 * the run, which global-teardown.ts removes.
 */
export default function globalSetup(): void {
  const { cdkOut } = synthesize(path.join(__dirname, '..', '..', '.local', 'synth'));
  process.env.TEST_CDK_OUT = cdkOut;
  process.env.TEST_RUN_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'cognito-auth-api-test-run-'));
}

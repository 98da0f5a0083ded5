import * as path from 'node:path';
import { synthesize } from '../../local/synth';

/**
 * One synth with real bundling for the whole run, shared by the bundle test and the local-mode
 * suites (and by `npm start`, through the same content-hash cache), so no worker repeats it.
 */
export default function globalSetup(): void {
  const { cdkOut } = synthesize(path.join(__dirname, '..', '..', '.local', 'synth'));
  process.env.TEST_CDK_OUT = cdkOut;
}

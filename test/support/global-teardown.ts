import * as fs from 'node:fs';

/** This run's shared synth results go with it: the next run synthesizes afresh. */
export default function globalTeardown(): void {
  if (process.env.TEST_RUN_DIR) fs.rmSync(process.env.TEST_RUN_DIR, { recursive: true, force: true });
}

import * as fs from 'node:fs';

/** The run's synth process, if still going, and its results go with the run: the next run synthesizes afresh. */
export default function globalTeardown(): void {
  const pid = Number(process.env.TEST_STACK_SYNTH_PID);
  if (pid) {
    try {
      process.kill(pid);
    } catch {
      // It has finished.
    }
  }
  if (process.env.TEST_RUN_DIR) fs.rmSync(process.env.TEST_RUN_DIR, { recursive: true, force: true });
}

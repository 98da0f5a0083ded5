import * as fs from 'node:fs';
import * as path from 'node:path';

const LOCK_FILE = 'local-mode.lock';

/** A folder as a person would type it: relative when below the working directory. */
export function shown(folder: string): string {
  const relative = path.relative(process.cwd(), folder);
  return relative && !relative.startsWith('..') ? relative : folder;
}

/** Another running local mode holds this state folder. */
class StateDirInUseError extends Error {
  constructor(
    readonly stateDir: string,
    readonly pid: number,
  ) {
    super(
      `the state folder ${shown(stateDir)} is in use by another local mode (pid ${pid}): ` +
        'stop that one, or give this one its own with --state-dir <folder>',
    );
  }
}

/** Whether a process with this pid runs (EPERM: it runs, as another user). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the state folder for this process: a lock file holding its pid, created exclusively (`wx`),
 * so two local modes never write one journal. A lock whose process has gone (a crash, a kill -9) is
 * stale and taken over. Returns the release, which removes the file if it is still this process's;
 * an exit without it (a crash) leaves a stale lock the next start takes over.
 */
export function lockStateDir(stateDir: string): { release(): void; tookOverFrom?: number } {
  fs.mkdirSync(stateDir, { recursive: true });
  const lockPath = path.join(stateDir, LOCK_FILE);
  let tookOverFrom: number | undefined;
  for (;;) {
    try {
      fs.writeFileSync(lockPath, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number.parseInt(fs.readFileSync(lockPath, 'utf8'), 10);
    if (Number.isInteger(holder) && isRunning(holder)) {
      throw new StateDirInUseError(stateDir, holder);
    }
    // Stale (or unreadable): remove it and try again; of two starts racing here, `wx` lets one win.
    fs.rmSync(lockPath, { force: true });
    tookOverFrom = Number.isInteger(holder) ? holder : undefined;
  }
  const release = () => {
    process.off('exit', release);
    try {
      if (fs.readFileSync(lockPath, 'utf8').trim() === String(process.pid)) fs.rmSync(lockPath);
    } catch {
      // Already gone (removed by hand): nothing to release.
    }
  };
  // process.exit() after a failure too; only a kill -9 or a crash of Node itself leaves it, stale.
  process.on('exit', release);
  return { release, tookOverFrom };
}

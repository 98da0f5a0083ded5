import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { routes } from '../../../contract/routes';
import { synthesize } from '../../../local/synth';

const root = path.join(__dirname, '..', '..', '..');
const firstRunCache = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-first-'));
const laterRunCache = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-later-'));
afterAll(() => {
  for (const dir of [firstRunCache, laterRunCache]) fs.rmSync(dir, { recursive: true, force: true });
});

/** A pid that no process has any more: one that has just exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid as number;
}

/** Runs synthesize() into `cacheDir` and returns what it threw and the lines it reported. */
function failingSynth(cacheDir: string, context: Record<string, unknown>): { failure?: Error; progress: string[] } {
  const progress: string[] = [];
  try {
    synthesize(cacheDir, context, (line) => progress.push(line));
    return { progress };
  } catch (error) {
    return { failure: error as Error, progress };
  }
}

describe('a first synth that fails', () => {
  const abandoned = path.join(firstRunCache, `0123456789abcdef.building-${deadPid()}`);
  const running = path.join(firstRunCache, `fedcba9876543210.building-${process.pid}`);
  let outcome: ReturnType<typeof failingSynth>;

  beforeAll(() => {
    for (const dir of [abandoned, running]) fs.mkdirSync(dir, { recursive: true });
    outcome = failingSynth(firstRunCache, { stage: 'Prod' });
  }, 60_000);

  test('on a bad context value, says only what lib/config.ts says: one line, no stack trace', () => {
    expect(outcome.failure?.message).toBe(
      'Context key stage must be 1 to 20 lower-case letters, digits and dashes, starting with a letter (received: "Prod")',
    );
  });

  test('says what it is doing before it starts, since a first synth bundles every handler', () => {
    expect(outcome.progress).toEqual([
      `Synthesizing the stack: this first run bundles all ${routes.length} handlers, which can take a minute…`,
    ]);
  });

  test("removes the half-built folder of a synth whose process is gone, and keeps a running one's", () => {
    expect(fs.existsSync(abandoned)).toBe(false);
    expect(fs.existsSync(running)).toBe(true);
  });
});

describe('a synth that fails after an earlier one', () => {
  let outcome: ReturnType<typeof failingSynth>;

  beforeAll(() => {
    // An earlier synth: its bundles are copied into the new synth's folder before the app runs.
    fs.mkdirSync(path.join(laterRunCache, '00000000000000aa', 'asset.0123'), { recursive: true });
    fs.writeFileSync(path.join(laterRunCache, '00000000000000aa', 'manifest.json'), '{}');
    outcome = failingSynth(laterRunCache, { passwordMinLength: '5' });
  }, 60_000);

  test('leaves no half-built folder behind', () => {
    expect(outcome.failure?.message).toBe('Context key passwordMinLength must be an integer from 8 to 99 (received: "5")');
    expect(fs.readdirSync(laterRunCache)).toEqual(['00000000000000aa']);
  });

  test('says that the sources or the context changed, and what re-bundles', () => {
    expect(outcome.progress).toEqual([
      'Synthesizing the stack (the sources or the context changed; an edit under lambda/ re-bundles every handler)…',
    ]);
  });
});

test('reusing a cached synth says so', () => {
  // global-setup.ts synthesized this context into this folder, as npm start without -c does.
  const progress: string[] = [];
  const { cached, cdkOut } = synthesize(path.join(root, '.local', 'synth'), {}, (line) => progress.push(line));
  expect(cached).toBe(true);
  expect(progress).toEqual([`Reusing the synth of these sources and context (${path.relative(process.cwd(), cdkOut)}).`]);
});

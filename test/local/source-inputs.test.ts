import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { digestOf, handlerInputs } from '../../lib/bundle-hash';
import { sourceHash, synthInputs } from '../../local/synth';

// Two caches stand for code: `npm start` (and the test run's one bundling synth) reuses a synth
// whose inputs hash the same, and CDK reuses a handler bundle whose asset hash is unchanged. Each
// is only honest if its key covers every file the code can read.
const root = path.join(__dirname, '..', '..');
const handlerEntries = fs
  .readdirSync(path.join(root, 'lambda'))
  .filter((name) => name.endsWith('.ts'))
  .map((name) => `lambda/${name}`);

/** The project files (not node_modules) that esbuild reads to bundle these entries. */
function importedFiles(entryPoints: string[]): string[] {
  const { metafile } = buildSync({
    entryPoints,
    absWorkingDir: root,
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    packages: 'external',
    outdir: 'out',
    logLevel: 'silent',
  });
  return Object.keys(metafile.inputs).filter((file) => !file.startsWith('node_modules/'));
}

const isBelow = (inputs: readonly string[]) => (file: string) =>
  inputs.some((input) => file === input || file.startsWith(`${input}/`));

test('every module the CDK app and the page it deploys load lies below a synth input', () => {
  const files = importedFiles(['bin/app.ts', 'web/src/main.ts']);
  expect(files).toEqual(expect.arrayContaining(['bin/app.ts', 'lib/web-site.ts', 'web/bundle.ts']));
  expect(files.filter((file) => !isBelow(synthInputs)(file))).toEqual([]);
});

test('every module a handler bundle is built from lies below a handler input', () => {
  const files = importedFiles(handlerEntries);
  expect(files).toEqual(expect.arrayContaining(['lambda/sign-in.ts', 'lambda/api/handler.ts']));
  expect(files.filter((file) => !isBelow(handlerInputs)(file))).toEqual([]);
});

describe('an edit to any input gives a new key', () => {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'source-inputs-'));
  for (const input of synthInputs) fs.cpSync(path.join(root, input), path.join(copy, input), { recursive: true });
  afterAll(() => fs.rmSync(copy, { recursive: true, force: true }));

  /** One file below each input: the input itself, or the first file of the folder. */
  const sample = (input: string): string => {
    const target = path.join(copy, input);
    if (!fs.statSync(target).isDirectory()) return target;
    return sample(path.join(input, fs.readdirSync(target).sort()[0]));
  };

  /** The key after appending a blank line to `file`, restored afterwards. */
  function keyAfterEditing(file: string, key: () => string): string {
    const original = fs.readFileSync(file);
    fs.appendFileSync(file, '\n');
    try {
      return key();
    } finally {
      fs.writeFileSync(file, original);
    }
  }

  // sourceHash keeps one digest per folder for the life of a process, as npm start needs it: each
  // key is computed in a fresh copy path by linking the copy under a new name.
  let generation = 0;
  const freshSourceHash = () => {
    const alias = `${copy}-view-${generation++}`;
    fs.symlinkSync(copy, alias);
    try {
      return sourceHash({}, alias);
    } finally {
      fs.unlinkSync(alias);
    }
  };

  test.each([...synthInputs])('the synth cache misses after an edit below %s', (input) => {
    const before = freshSourceHash();
    expect(keyAfterEditing(sample(input), freshSourceHash)).not.toBe(before);
    expect(freshSourceHash()).toBe(before);
  });

  test.each([...handlerInputs])('every handler bundle is renamed after an edit below %s', (input) => {
    const before = digestOf(handlerInputs, copy);
    expect(keyAfterEditing(sample(input), () => digestOf(handlerInputs, copy))).not.toBe(before);
    expect(digestOf(handlerInputs, copy)).toBe(before);
  });
});

import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';

// Two jest configurations split the test files (jest.config.js states the rule); a file that
// matched neither would silently never run, one that matched both would run twice.
const root = path.join(__dirname, '..');

function testFilesBelow(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return testFilesBelow(file);
    return entry.name.endsWith('.test.ts') ? [file] : [];
  });
}

/** The files jest itself would run with this configuration. */
async function filesRunBy(config: string): Promise<string[]> {
  const jest = path.join(root, 'node_modules', 'jest', 'bin', 'jest.js');
  const { stdout } = await promisify(execFile)(process.execPath, [jest, '--listTests', '--config', config], { cwd: root });
  return stdout.split('\n').filter((line) => line.trim() !== '');
}

const everyTestFile = testFilesBelow(path.join(root, 'test')).sort();
let fastTier: string[];
let endToEndTier: string[];
beforeAll(async () => {
  [fastTier, endToEndTier] = await Promise.all([filesRunBy('jest.config.js'), filesRunBy('jest.e2e.config.js')]);
});

test('every test file runs in exactly one tier, npm test or npm run test:e2e', () => {
  const tiersOf = (file: string) =>
    [fastTier.includes(file) ? 'npm test' : [], endToEndTier.includes(file) ? 'test:e2e' : []].flat();
  expect(everyTestFile.map((file) => [path.relative(root, file), tiersOf(file).length])).toEqual(
    everyTestFile.map((file) => [path.relative(root, file), 1]),
  );
  expect([...fastTier, ...endToEndTier].sort()).toEqual(everyTestFile);
});

test('the end-to-end tier is exactly the test files below a folder named e2e', () => {
  const belowE2e = (file: string) => path.relative(root, file).split(path.sep).includes('e2e');
  expect(endToEndTier.filter((file) => !belowE2e(file))).toEqual([]);
  expect(fastTier.filter(belowE2e)).toEqual([]);
  expect(endToEndTier.length).toBeGreaterThan(0);
});

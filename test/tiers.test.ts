import * as fs from 'node:fs';
import * as path from 'node:path';
import { SearchSource } from '@jest/core';
import { readConfig } from 'jest-config';

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

/**
 * The files jest itself would run with this configuration: the configuration as jest normalizes
 * it, and jest's own test of a path against its roots, testMatch and testPathIgnorePatterns
 * (`jest --listTests` asks the same of every file it finds, in a process of its own).
 */
async function filesRunBy(config: string, files: string[]): Promise<string[]> {
  const { projectConfig } = await readConfig({ $0: 'jest', _: [] }, path.join(root, config));
  const search = new SearchSource({ config: projectConfig } as ConstructorParameters<typeof SearchSource>[0]);
  return files.filter((file) => search.isTestFilePath(file));
}

const everyTestFile = testFilesBelow(path.join(root, 'test')).sort();
let fastTier: string[];
let endToEndTier: string[];
beforeAll(async () => {
  [fastTier, endToEndTier] = await Promise.all([
    filesRunBy('jest.config.js', everyTestFile),
    filesRunBy('jest.e2e.config.js', everyTestFile),
  ]);
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

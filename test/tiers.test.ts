import * as fs from 'node:fs';
import * as path from 'node:path';
import { SearchSource } from '@jest/core';
import { readConfig } from 'jest-config';

// Two jest configurations split the test files (jest.config.js states the rule); a file that
// matched neither would silently never run, one that matched both would run twice.
const root = path.join(__dirname, '..');

function testFilesBelow(dir: string, suffix = '.test.ts'): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return testFilesBelow(file, suffix);
    return entry.name.endsWith(suffix) ? [file] : [];
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

// docs/web-page.md: `npm test` starts no browser. The page's tests are *.browser.ts files that only
// `npm run test:browser` (jest.browser.config.js) runs, and nothing npm test runs imports a browser.
test('npm test starts no browser: the *.browser.ts files run only in npm run test:browser', async () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  expect(pkg.scripts.test).toBe('jest');
  const browserFiles = testFilesBelow(path.join(root, 'test'), '.browser.ts').sort();
  expect(browserFiles.length).toBeGreaterThan(0);
  const [runByNpmTest, runByE2e, runByBrowserTier] = await Promise.all(
    ['jest.config.js', 'jest.e2e.config.js', 'jest.browser.config.js'].map((config) => filesRunBy(config, browserFiles)),
  );
  expect({ runByNpmTest, runByE2e }).toEqual({ runByNpmTest: [], runByE2e: [] });
  expect(runByBrowserTier).toEqual(browserFiles);
  const importsABrowser = /from '(playwright[^']*|puppeteer[^']*|[^']*\/browser\/[^']*)'/;
  expect(fastTier.filter((file) => importsABrowser.test(fs.readFileSync(file, 'utf8')))).toEqual([]);
});

import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The contract is the one thing every part shares, so it depends on none of them; the handlers
 * depend on the contract alone, never on the stack that deploys them (docs/add-a-route.md,
 * "Where things live").
 */
const root = path.join(__dirname, '..', '..');

function sourcesBelow(folder: string): string[] {
  return fs
    .readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(ts|mts|cts)$/.test(file))
    .map((file) => path.join(folder, file));
}

/** The folders of ours each relative import of a file reaches (`contract`, `lib`…). */
function foldersImportedBy(file: string, source = fs.readFileSync(path.join(root, file), 'utf8')): string[] {
  return [...source.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']*)'/g)].map(
    ([, specifier]) => path.relative(root, path.resolve(root, path.dirname(file), specifier)).split(path.sep)[0],
  );
}

test.each([
  ['contract', ['contract']],
  ['lambda', ['lambda', 'contract']],
])('every file under %s/ imports only from %j', (folder, allowed) => {
  const files = sourcesBelow(folder);
  expect(files.length).toBeGreaterThan(3);
  const outside = files.flatMap((file) =>
    foldersImportedBy(file)
      .filter((imported) => !allowed.includes(imported))
      .map((imported) => `${file} → ${imported}/`),
  );
  expect(outside).toEqual([]);
});

test('the check sees an import that crosses the line', () => {
  // The parser above, on lines a handler must not have: they name lib/ and local/.
  const source = "import { routes } from '../lib/app';\nimport type { X } from '../../local/index';\n";
  expect(foldersImportedBy(path.join('lambda', 'api', 'probe.ts'), source)).toEqual(['lambda', 'local']);
  expect(foldersImportedBy(path.join('lambda', 'probe.ts'), source)).toEqual(['lib', '..']);
});

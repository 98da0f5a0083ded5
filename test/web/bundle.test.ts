import * as path from 'node:path';
import { buildSync } from 'esbuild';

// docs/client.md: the typed client imports the route table and the schemas as types only, so no
// zod and no route table reach a frontend's bundle. esbuild bundles what a frontend would (the
// client alone, and the page's own entry), and its metafile lists every file that went in.
const root = path.join(__dirname, '..', '..');

function bundledFiles(entry: string): string[] {
  const { metafile } = buildSync({
    entryPoints: [path.join(root, entry)],
    bundle: true,
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
    outdir: 'out',
    absWorkingDir: root,
  });
  return Object.keys(metafile.inputs);
}

const serverSide = (file: string) =>
  /(^|\/)node_modules\/zod\//.test(file) || file === 'contract/routes.ts' || file.startsWith('lambda/');

test.each(['web/src/client.ts', 'web/src/main.ts'])(
  'a bundle of %s holds no zod, no route table and no handler code',
  (entry) => {
    const files = bundledFiles(entry);
    expect(files).toContain(entry);
    expect(files.filter(serverSide)).toEqual([]);
  },
);

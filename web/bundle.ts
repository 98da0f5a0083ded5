import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildSync } from 'esbuild';

export interface WebPageFile {
  readonly contentType: string;
  readonly body: Uint8Array;
}

const webDir = __dirname;

/** Copied as they are; everything else the page needs is in the bundle. */
const staticFiles: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'styles.css': 'text/css; charset=utf-8',
  'favicon.svg': 'image/svg+xml',
};

/**
 * The page as it is served, file name → file: index.html, its stylesheet and icon, and `app.js`,
 * web/src bundled by esbuild into one script with nothing global. Local mode serves these from
 * memory; the deploy writes them into the site's asset. `config.json` is not part of it: each
 * place that serves the page writes its own.
 */
export function bundleWebPage(): Map<string, WebPageFile> {
  const result = buildSync({
    entryPoints: [path.join(webDir, 'src', 'main.ts')],
    bundle: true,
    format: 'iife',
    minify: true,
    // Browsers from 2023 on: fetch, ES2022 and :focus-visible everywhere.
    target: ['chrome115', 'firefox115', 'safari16'],
    outfile: 'app.js',
    write: false,
    logLevel: 'silent',
  });
  const files = new Map<string, WebPageFile>();
  for (const [name, contentType] of Object.entries(staticFiles)) {
    files.set(name, { contentType, body: fs.readFileSync(path.join(webDir, name)) });
  }
  files.set('app.js', { contentType: 'text/javascript; charset=utf-8', body: result.outputFiles[0].contents });
  return files;
}

/** Writes the bundled page into `outDir` (the site's asset, at synth time). */
export function writeWebPage(outDir: string): void {
  for (const [name, file] of bundleWebPage()) fs.writeFileSync(path.join(outDir, name), file.body);
}

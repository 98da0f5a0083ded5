import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildSync } from 'esbuild';

export interface WebPageFile {
  readonly contentType: string;
  readonly body: Uint8Array;
}

const webDir = __dirname;
const swaggerUiDir = path.dirname(require.resolve('swagger-ui-dist/package.json'));

/** Copied as they are; everything else the pages need is in the bundle. */
const staticFiles: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'styles.css': 'text/css; charset=utf-8',
  'favicon.svg': 'image/svg+xml',
  'reference.html': 'text/html; charset=utf-8',
};

/** Swagger UI as its package ships it, already minified, beside reference.html; its licenses with it (Apache-2.0). */
const swaggerUiFiles: Record<string, [file: string, contentType: string]> = {
  'swagger-ui-bundle.js': ['swagger-ui-bundle.js', 'text/javascript; charset=utf-8'],
  'swagger-ui.css': ['swagger-ui.css', 'text/css; charset=utf-8'],
  'swagger-ui-bundle.js.LICENSE.txt': ['swagger-ui-bundle.js.LICENSE.txt', 'text/plain; charset=utf-8'],
  'swagger-ui.LICENSE.txt': ['LICENSE', 'text/plain; charset=utf-8'],
};

/**
 * The API reference page (reference.html) and the files it loads. Local mode serves these beside
 * the API too, at /_local/docs (local/index.ts), with the OpenAPI document they read.
 */
export const REFERENCE_PAGE_FILES = ['reference.html', 'reference.js', 'swagger-ui-bundle.js', 'swagger-ui.css', 'favicon.svg'];

/**
 * The page as it is served, file name → file: index.html, its stylesheet and icon, and `app.js`,
 * web/src bundled by esbuild into one script with nothing global; and the API reference
 * (REFERENCE_PAGE_FILES). Local mode serves these from memory; the deploy writes them into the
 * site's asset. `config.json` and `openapi.json` are not part of it: each place that serves the
 * pages writes its own, naming its API.
 */
export function bundleWebPage(): Map<string, WebPageFile> {
  const result = buildSync({
    entryPoints: { app: path.join(webDir, 'src', 'main.ts'), reference: path.join(webDir, 'src', 'reference.ts') },
    bundle: true,
    format: 'iife',
    minify: true,
    // Browsers from 2023 on: fetch, ES2022 and :focus-visible everywhere.
    target: ['chrome115', 'firefox115', 'safari16'],
    outdir: '.',
    write: false,
    logLevel: 'silent',
  });
  const files = new Map<string, WebPageFile>();
  for (const [name, contentType] of Object.entries(staticFiles)) {
    files.set(name, { contentType, body: fs.readFileSync(path.join(webDir, name)) });
  }
  for (const [name, [file, contentType]] of Object.entries(swaggerUiFiles)) {
    files.set(name, { contentType, body: fs.readFileSync(path.join(swaggerUiDir, file)) });
  }
  for (const output of result.outputFiles) {
    files.set(path.basename(output.path), { contentType: 'text/javascript; charset=utf-8', body: output.contents });
  }
  return files;
}

/** Writes the bundled page into `outDir` (the site's asset, at synth time). */
export function writeWebPage(outDir: string): void {
  for (const [name, file] of bundleWebPage()) fs.writeFileSync(path.join(outDir, name), file.body);
}

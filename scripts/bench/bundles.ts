import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import type { FunctionModel } from '../../local/stack-model';
import { atMost, type Figure, info, median } from './figures';

const root = path.join(__dirname, '..', '..');
const LOAD_SAMPLES = 25;

/** Milliseconds to require `file` in a fresh Node.js process: the module-load part of a cold start. */
function loadOnce(file: string): number {
  const probe = `const t = process.hrtime.bigint(); require(${JSON.stringify(file)}); process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6));`;
  return Number(
    execFileSync(process.execPath, ['-e', probe], {
      env: { PATH: process.env.PATH, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    }),
  );
}

/**
 * The median load time of each file, sampled in turns (a, b, a, b, …) so that the machine's
 * passing load weighs on every file alike: a ratio of two medians taken minutes apart is noise.
 */
function loadTimes(...files: string[]): number[] {
  const samples = files.map(() => [] as number[]);
  for (let i = 0; i < LOAD_SAMPLES; i++) {
    for (const [f, file] of files.entries()) samples[f].push(loadOnce(file));
  }
  return samples.map(median);
}

/**
 * The handler as the tutorials ship it: NodejsFunction's defaults on NODEJS_LATEST, which bundle
 * the SDK into non-minified CommonJS with Node's default main fields.
 */
function tutorialBundle(handler: string, dir: string): string {
  const outfile = path.join(dir, `${handler}.js`);
  buildSync({
    entryPoints: [path.join(root, 'lambda', `${handler}.ts`)],
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'cjs',
    outfile,
    logLevel: 'silent',
  });
  return outfile;
}

export function bundleFigures(functions: FunctionModel[], handlerOf: (fn: FunctionModel) => string): Figure[] {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-bundles-'));
  try {
    const empty = path.join(scratch, 'empty.js');
    fs.writeFileSync(empty, 'exports.handler = async () => ({ statusCode: 200, body: "" });');
    const figures: Figure[] = [
      info('load: empty handler (floor)', loadTimes(empty)[0], 'ms', 'a fresh Node.js requiring a one-line handler'),
    ];

    for (const fn of functions) {
      const handler = handlerOf(fn);
      const entry = path.join(fn.codeDir, 'index.js');
      const bytes = fs.statSync(entry).size;
      const callsCognito = fs.readFileSync(path.join(root, 'lambda', `${handler}.ts`), 'utf8').includes('./api/cognito');
      if (callsCognito) {
        const baseline = tutorialBundle(handler, scratch);
        const [ms, baselineMs] = loadTimes(entry, baseline);
        figures.push(
          atMost(`bundle: ${handler}`, bytes, 'B', 350_000, `tutorial build: ${fs.statSync(baseline).size} B`),
          atMost(`load: ${handler}`, ms, 'ms', 0.6 * baselineMs, `0.6 × ${baselineMs.toFixed(1)} ms, the tutorial build`),
        );
      } else {
        figures.push(atMost(`bundle: ${handler}`, bytes, 'B', 10_000), atMost(`load: ${handler}`, loadTimes(entry)[0], 'ms', 10));
      }
    }
    return figures;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

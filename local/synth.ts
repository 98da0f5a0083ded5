import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { digestOf } from '../lib/bundle-hash';
import { isRunning } from './state-lock';

const root = path.join(__dirname, '..');
/**
 * Everything the app can read, so everything that can change the synthesized template or the
 * bundles: its sources (lib/web-site.ts bundles web/), its settings and the locked dependencies.
 * test/local/source-inputs.test.ts checks every module the app loads is below one of these.
 */
export const synthInputs = [
  'bin',
  'lib',
  'lambda',
  'contract',
  'web',
  'cdk.json',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
] as const;

/** What synthesize() reports as it goes, one line each: `npm start` prints them. */
export type SynthProgress = (line: string) => void;

/**
 * Synthesizes the app in `bin/app.ts`, bundling included, into `<cacheDir>/<hash of the inputs>`
 * and returns that directory. When nothing changed since the last synth, the cached one is reused:
 * a synth with bundling takes seconds, a hash of the sources a few milliseconds.
 */
export function synthesize(
  cacheDir: string,
  context: Record<string, unknown> = {},
  progress: SynthProgress = () => {},
): { cdkOut: string; cached: boolean } {
  removeAbandonedBuilds(cacheDir);
  const hash = sourceHash(context);
  const cdkOut = path.join(cacheDir, hash);
  if (fs.existsSync(path.join(cdkOut, 'manifest.json'))) {
    progress(`Reusing the synth of these sources and context (${path.relative(process.cwd(), cdkOut)}).`);
    return { cdkOut, cached: true };
  }

  const started = Date.now();
  const building = `${cdkOut}.building-${process.pid}`;
  fs.rmSync(building, { recursive: true, force: true });
  try {
    const reused = reusePreviousBundles(cacheDir, building);
    // Measured: ready ~11 s after an edit under lambda/ (docs/performance.md); a first synth,
    // 57–62 s on 2 cores under a load of 11.
    progress(
      reused
        ? 'Synthesizing the stack (the sources or the context changed; an edit under lambda/ re-bundles every handler)…'
        : `Synthesizing the stack: this first run bundles all ${handlerCount()} handlers, which can take a minute…`,
    );
    runApp(building, context);
    fs.rmSync(cdkOut, { recursive: true, force: true });
    fs.renameSync(building, cdkOut);
  } finally {
    // A failed synth leaves nothing half-built behind; after a success this folder is already renamed.
    fs.rmSync(building, { recursive: true, force: true });
  }
  pruneOldSynths(cacheDir, hash);
  progress(`Synthesized in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return { cdkOut, cached: false };
}

/** Runs bin/app.ts as the CDK CLI would, writing the cloud assembly into `outdir`. */
function runApp(outdir: string, context: Record<string, unknown>): void {
  const cdkJson = JSON.parse(fs.readFileSync(path.join(root, 'cdk.json'), 'utf8'));
  // What the CDK CLI hands the app: the output directory and the context (cdk.json's, with asset
  // metadata on so that each function names its bundle's directory). Running the app directly
  // skips the CLI's own start-up.
  // CDK's line per bundle and esbuild's warnings go to stderr; shown only when the synth fails.
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'bin', 'app.ts')], {
    cwd: root,
    encoding: 'utf8',
    env: {
      ...process.env,
      CDK_OUTDIR: outdir,
      CDK_CONTEXT_JSON: JSON.stringify({ ...cdkJson.context, 'aws:cdk:enable-asset-metadata': true, ...context }),
      CDK_DISABLE_CLI_TELEMETRY: 'true',
    },
  });
  if (run.status !== 0) throw new Error(failureMessage(run.status, `${run.stderr ?? ''}${run.error?.message ?? ''}`));
}

/**
 * A bad context value (bin/app.ts exits 2) is the config's own message, one line per key, without
 * the warnings npm start has already shown; anything else is the whole stderr, esbuild's report included.
 */
function failureMessage(status: number | null, stderr: string): string {
  if (status !== 2) return `synth failed:\n${stderr}`;
  return stderr
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('Warning: '))
    .join('\n');
}

/** Each `lambda/<handler>.ts` is one function's entry (lib/handler-function.ts). */
function handlerCount(): number {
  return fs.readdirSync(path.join(root, 'lambda')).filter((name) => name.endsWith('.ts')).length;
}

/**
 * Removes the half-built output of any synth whose process is gone (killed mid-synth: Ctrl-C stops
 * the parent before it can clean up). A running synth's folder is left alone.
 */
function removeAbandonedBuilds(cacheDir: string): void {
  if (!fs.existsSync(cacheDir)) return;
  for (const name of fs.readdirSync(cacheDir)) {
    const pid = Number(/\.building-(\d+)$/.exec(name)?.[1]);
    if (pid && !isRunning(pid)) fs.rmSync(path.join(cacheDir, name), { recursive: true, force: true });
  }
}

const inputDigests = new Map<string, string>();

/** A hash of every synth input below `projectRoot`, and of `extra` (the context, say). */
export function sourceHash(extra: unknown, projectRoot = root): string {
  if (!inputDigests.has(projectRoot)) inputDigests.set(projectRoot, digestOf(synthInputs, projectRoot));
  return createHash('sha256')
    .update(inputDigests.get(projectRoot) as string)
    .update(JSON.stringify(extra))
    .digest('hex')
    .slice(0, 16);
}

/**
 * Copies the bundles of the newest earlier synth into the new output directory. Bundles are named
 * by a hash of their inputs (lib/bundle-hash.ts) and CDK skips bundling an asset whose directory
 * is already there, so a change that leaves the handlers alone (the stack, the context) re-bundles
 * nothing. Says whether there was an earlier synth to copy from.
 */
function reusePreviousBundles(cacheDir: string, building: string): boolean {
  if (!fs.existsSync(cacheDir)) return false;
  const previous = fs
    .readdirSync(cacheDir)
    .filter((name) => /^[0-9a-f]{16}$/.test(name) && fs.existsSync(path.join(cacheDir, name, 'manifest.json')))
    .map((name) => ({ dir: path.join(cacheDir, name), mtime: fs.statSync(path.join(cacheDir, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime)[0];
  if (!previous) return false;
  fs.mkdirSync(building, { recursive: true });
  for (const name of fs.readdirSync(previous.dir).filter((n) => n.startsWith('asset.'))) {
    fs.cpSync(path.join(previous.dir, name), path.join(building, name), { recursive: true });
  }
  return true;
}

/** Keeps the cache to the newest few synths: each holds every bundle. */
function pruneOldSynths(cacheDir: string, keep: string): void {
  const entries = fs.readdirSync(cacheDir).filter((name) => name !== keep && /^[0-9a-f]{16}$/.test(name));
  const byAge = entries
    .map((name) => ({ name, mtime: fs.statSync(path.join(cacheDir, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const { name } of byAge.slice(3)) fs.rmSync(path.join(cacheDir, name), { recursive: true, force: true });
}

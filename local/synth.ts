import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { digestOf } from '../lib/bundle-hash';

const root = path.join(__dirname, '..');
/**
 * Everything the app can read, so everything that can change the synthesized template or the
 * bundles: its sources (lib/web-site.ts bundles web/), its settings and the locked dependencies.
 * test/local/source-inputs.test.ts checks every module the app loads is below one of these.
 */
export const synthInputs = ['bin', 'lib', 'lambda', 'web', 'cdk.json', 'package.json', 'package-lock.json', 'tsconfig.json'] as const;

/**
 * Synthesizes the app in `bin/app.ts`, bundling included, into `<cacheDir>/<hash of the inputs>`
 * and returns that directory. When nothing changed since the last synth, the cached one is reused:
 * a synth with bundling takes seconds, a hash of the sources a few milliseconds.
 */
export function synthesize(cacheDir: string, context: Record<string, unknown> = {}): { cdkOut: string; cached: boolean } {
  const hash = sourceHash(context);
  const cdkOut = path.join(cacheDir, hash);
  if (fs.existsSync(path.join(cdkOut, 'manifest.json'))) return { cdkOut, cached: true };

  const building = `${cdkOut}.building-${process.pid}`;
  fs.rmSync(building, { recursive: true, force: true });
  reusePreviousBundles(cacheDir, building);
  const cdkJson = JSON.parse(fs.readFileSync(path.join(root, 'cdk.json'), 'utf8'));
  // What the CDK CLI hands the app: the output directory and the context (cdk.json's, with asset
  // metadata on so that each function names its bundle's directory). Running the app directly
  // skips the CLI's own start-up.
  // esbuild's per-bundle report goes to stderr; it is shown only when the synth fails.
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'bin', 'app.ts')], {
    cwd: root,
    encoding: 'utf8',
    env: {
      ...process.env,
      CDK_OUTDIR: building,
      CDK_CONTEXT_JSON: JSON.stringify({ ...cdkJson.context, 'aws:cdk:enable-asset-metadata': true, ...context }),
      CDK_DISABLE_CLI_TELEMETRY: 'true',
    },
  });
  if (run.status !== 0) throw new Error(`synth failed:\n${run.stderr}${run.error?.message ?? ''}`);
  fs.rmSync(cdkOut, { recursive: true, force: true });
  fs.renameSync(building, cdkOut);
  pruneOldSynths(cacheDir, hash);
  return { cdkOut, cached: false };
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
 * nothing.
 */
function reusePreviousBundles(cacheDir: string, building: string): void {
  if (!fs.existsSync(cacheDir)) return;
  const previous = fs
    .readdirSync(cacheDir)
    .filter((name) => /^[0-9a-f]{16}$/.test(name) && fs.existsSync(path.join(cacheDir, name, 'manifest.json')))
    .map((name) => ({ dir: path.join(cacheDir, name), mtime: fs.statSync(path.join(cacheDir, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime)[0];
  if (!previous) return;
  fs.mkdirSync(building, { recursive: true });
  for (const name of fs.readdirSync(previous.dir).filter((n) => n.startsWith('asset.'))) {
    fs.cpSync(path.join(previous.dir, name), path.join(building, name), { recursive: true });
  }
}

/** Keeps the cache to the newest few synths: each holds every bundle. */
function pruneOldSynths(cacheDir: string, keep: string): void {
  const entries = fs.readdirSync(cacheDir).filter((name) => name !== keep && /^[0-9a-f]{16}$/.test(name));
  const byAge = entries.map((name) => ({ name, mtime: fs.statSync(path.join(cacheDir, name)).mtimeMs })).sort((a, b) => b.mtime - a.mtime);
  for (const { name } of byAge.slice(3)) fs.rmSync(path.join(cacheDir, name), { recursive: true, force: true });
}

import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.join(__dirname, '..');
let sourcesDigest: string | undefined;

/** Every file a handler bundle can be built from: the handlers' sources and the locked dependencies. */
function digestOfSources(): string {
  if (sourcesDigest) return sourcesDigest;
  const hash = createHash('sha256');
  const files = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  for (const file of [...files(path.join(root, 'lambda')), path.join(root, 'package-lock.json')].sort()) {
    hash.update(path.relative(root, file)).update(fs.readFileSync(file));
  }
  sourcesDigest = hash.digest('hex');
  return sourcesDigest;
}

/**
 * The asset hash of a handler's bundle, computed from its inputs instead of its output. CDK then
 * knows the asset's name before bundling and reuses `cdk.out/asset.<hash>` when it is already
 * there, so a synth with unchanged handlers skips esbuild (measured: each bundle costs ~0.5 s,
 * most of it `npx` starting, and there are eleven). Any change to `lambda/`, the lockfile or the
 * bundling options gives a new hash and a new bundle.
 */
export function bundleHash(handler: string, bundlingOptions: object): string {
  return createHash('sha256').update(digestOfSources()).update(handler).update(JSON.stringify(bundlingOptions)).digest('hex');
}

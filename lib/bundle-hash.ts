import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

const projectRoot = path.join(__dirname, '..');

/**
 * Every file a handler bundle can be built from: the handlers' sources, the locked dependencies and
 * the tsconfig esbuild reads. test/local/source-inputs.test.ts checks that no handler imports
 * anything else.
 */
export const handlerInputs = ['lambda', 'contract', 'package-lock.json', 'tsconfig.json'] as const;

/** A digest of the files at these paths (folders walked), named by their path below `root`. */
export function digestOf(inputs: readonly string[], root = projectRoot): string {
  const hash = createHash('sha256');
  for (const file of inputs.flatMap((input) => listFiles(path.join(root, input))).sort()) {
    hash.update(path.relative(root, file)).update('\0').update(fs.readFileSync(file));
  }
  return hash.digest('hex');
}

function listFiles(target: string): string[] {
  if (!fs.existsSync(target)) return [];
  if (!fs.statSync(target).isDirectory()) return [target];
  return fs.readdirSync(target).flatMap((name) => listFiles(path.join(target, name)));
}

let handlersDigest: string | undefined;

/**
 * The asset hash of a handler's bundle, computed from its inputs instead of its output. CDK then
 * knows the asset's name before bundling and reuses `cdk.out/asset.<hash>` when it is already
 * there, so a synth with unchanged handlers skips esbuild (measured: each bundle costs ~0.5 s,
 * most of it `npx` starting, and there are eleven). Any change to the handler inputs or the
 * bundling options gives a new hash and a new bundle.
 */
export function bundleHash(handler: string, bundlingOptions: object): string {
  handlersDigest ??= digestOf(handlerInputs);
  return createHash('sha256').update(handlersDigest).update(handler).update(JSON.stringify(bundlingOptions)).digest('hex');
}

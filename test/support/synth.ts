import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { addAuthApiStack } from '../../lib/app';
import type { AuthApiStack } from '../../lib/auth-api-stack';
import { cdkJsonContext } from '../../scripts/rehearse/synth';

export interface SynthOptions {
  /** Extra context, as `-c key=value` would give it. */
  readonly context?: Record<string, unknown>;
  readonly outdir?: string;
}

/**
 * An App built like `cdk synth` builds it: `new App()` in jest does not read cdk.json, and without
 * its feature flags the template would differ from the deployed one. Bundling is skipped (an asset
 * hash stands for the code): the run's one real synth, in global-setup.ts, bundles.
 */
function testApp(options: SynthOptions = {}): App {
  return new App({
    outdir: options.outdir,
    context: { ...cdkJsonContext, 'aws:cdk:bundling-stacks': [], ...options.context },
  });
}

/** The stack as bin/app.ts builds it, not yet synthesized, so that a test can still add to it. */
export function buildStack(options: SynthOptions = {}): { app: App; stack: AuthApiStack } {
  const app = testApp(options);
  return { app, stack: addAuthApiStack(app) };
}

/**
 * A JSON result computed from a synth (a template, a check's report), shared by every test file
 * of this jest run (a synth costs about a second, three for the first in a worker) and never by
 * another run: global-setup.ts gives each run an empty folder and global-teardown.ts removes it,
 * so no result can stand for code that changed since.
 */
export function cachedSynth<T>(key: object, produce: () => T): T {
  const runDir = process.env.TEST_RUN_DIR;
  if (!runDir) throw new Error('TEST_RUN_DIR is unset: run the tests through jest (test/support/global-setup.ts sets it)');
  const file = path.join(runDir, `${createHash('sha256').update(JSON.stringify(key)).digest('hex').slice(0, 16)}.json`);
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  const result = produce();
  // Written whole to a temporary name, then renamed: a parallel worker never reads half a file.
  fs.writeFileSync(`${file}.${process.pid}`, JSON.stringify(result));
  fs.renameSync(`${file}.${process.pid}`, file);
  return result;
}

/** The synthesized template for this context, from the cache when the sources have not changed. */
export function synthTemplate(context: Record<string, unknown> = {}): Template {
  return Template.fromJSON(cachedSynth({ template: context }, () => Template.fromStack(buildStack({ context }).stack).toJSON()));
}

/** The stack name bin/app.ts gives for this context. */
export function stackNameFor(context: Record<string, unknown>): string {
  return cachedSynth({ stackName: context }, () => buildStack({ context }).stack.stackName);
}

/** The error building the stack with this context throws, or '' when it builds. */
export function synthError(context: Record<string, unknown>): string {
  return cachedSynth({ error: context }, () => {
    try {
      buildStack({ context });
      return '';
    } catch (error) {
      return (error as Error).message;
    }
  });
}

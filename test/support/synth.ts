import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { addAuthApiStack } from '../../lib/app';
import type { AuthApiStack } from '../../lib/auth-api-stack';

const cdkJson = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'cdk.json'), 'utf8'));

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
export function testApp(options: SynthOptions = {}): App {
  return new App({
    outdir: options.outdir,
    context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], ...options.context },
  });
}

/** The stack as bin/app.ts builds it, not yet synthesized, so that a test can still add to it. */
export function buildStack(options: SynthOptions = {}): { app: App; stack: AuthApiStack } {
  const app = testApp(options);
  return { app, stack: addAuthApiStack(app) };
}

const synthesized = new Map<string, { app: App; stack: Stack; template: Template }>();

/** The synthesized stack for this context; the same context is synthesized once per test file. */
export function synthStack(options: SynthOptions = {}): { app: App; stack: Stack; template: Template } {
  const key = JSON.stringify(options);
  let result = synthesized.get(key);
  if (!result) {
    const { app, stack } = buildStack(options);
    result = { app, stack, template: Template.fromStack(stack) };
    synthesized.set(key, result);
  }
  return result;
}

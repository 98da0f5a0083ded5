import { App } from 'aws-cdk-lib';
import { addAuthApiStack } from '../../lib/app';
import type { AuthApiStack } from '../../lib/auth-api-stack';
import { cdkJsonContext } from '../../scripts/rehearse/synth';

export interface BuildOptions {
  /** Extra context, as `-c key=value` would give it. */
  readonly context?: Record<string, unknown>;
  readonly outdir?: string;
}

/**
 * The stack as bin/app.ts builds it, not yet synthesized, so that a caller can still add to it; in
 * an App built like `cdk synth` builds it: `new App()` alone does not read cdk.json, and without
 * its feature flags the template would differ from the deployed one. Bundling is skipped (an asset
 * hash stands for the code): the end-to-end tier's one real synth bundles.
 */
export function buildStack(options: BuildOptions = {}): { app: App; stack: AuthApiStack } {
  const app = new App({
    outdir: options.outdir,
    context: { ...cdkJsonContext, 'aws:cdk:bundling-stacks': [], ...options.context },
  });
  return { app, stack: addAuthApiStack(app) };
}

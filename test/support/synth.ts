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
  /** Bundle the handlers for real (slow); by default an asset hash stands for the code. */
  readonly bundle?: boolean;
  readonly outdir?: string;
}

/**
 * An App built like `cdk synth` builds it: `new App()` in jest does not read cdk.json, and without
 * its feature flags the template would differ from the deployed one.
 */
export function testApp(options: SynthOptions = {}): App {
  return new App({
    outdir: options.outdir,
    context: {
      ...cdkJson.context,
      // The CLI turns asset metadata on; it tells which asset directory holds each function's bundle.
      ...(options.bundle ? { 'aws:cdk:enable-asset-metadata': true } : { 'aws:cdk:bundling-stacks': [] }),
      ...options.context,
    },
  });
}

/** The stack as bin/app.ts builds it, not yet synthesized, so that a test can still add to it. */
export function buildStack(options: SynthOptions = {}): { app: App; stack: AuthApiStack } {
  const app = testApp(options);
  return { app, stack: addAuthApiStack(app) };
}

export function synthStack(options: SynthOptions = {}): { app: App; stack: Stack; template: Template } {
  const { app, stack } = buildStack(options);
  return { app, stack, template: Template.fromStack(stack) };
}

import * as fs from 'node:fs';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { buildApp } from '../../lib/app';
import type { Rehearsal } from './matrix';

const root = path.join(__dirname, '..', '..');

/** The context `cdk synth` gives the app from cdk.json: a `new App()` alone does not read it. */
export const cdkJsonContext: Record<string, unknown> = JSON.parse(fs.readFileSync(path.join(root, 'cdk.json'), 'utf8')).context;

export type RehearsalResult =
  // biome-ignore lint/suspicious/noExplicitAny: a CloudFormation template, read by tests as they like
  | { readonly ok: true; readonly template: Record<string, any>; readonly templateFile: string }
  | { readonly ok: false; readonly error: string };

/**
 * Synthesizes the app as `cdk synth` runs bin/app.ts for this rehearsal: cdk.json's context with
 * the rehearsal's on top, CDK_DEFAULT_ACCOUNT / CDK_DEFAULT_REGION as the CLI sets them, and
 * cdk-nag's checks, whose unacknowledged findings fail the synth. Bundling is skipped: each
 * handler's asset is named by a hash of its inputs (lib/bundle-hash.ts), so the template is the
 * same, and the real CLI run (`npm run rehearse`) bundles.
 */
export function synthRehearsal(rehearsal: Rehearsal, outdir: string): RehearsalResult {
  const saved = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  setOrDelete('CDK_DEFAULT_ACCOUNT', rehearsal.environment.account);
  setOrDelete('CDK_DEFAULT_REGION', rehearsal.environment.region);
  try {
    const app = new App({ outdir, context: { ...cdkJsonContext, ...rehearsal.context, 'aws:cdk:bundling-stacks': [] } });
    const stack = buildApp(app);
    app.synth();
    // Errors fail app.synth() itself; a warning only shows in the report, and counts as much here.
    const report = path.join(outdir, 'validation-report.json');
    const violations = fs.existsSync(report)
      ? JSON.parse(fs.readFileSync(report, 'utf8')).pluginReports.flatMap((r: { violations?: unknown[] }) => r.violations ?? [])
      : [];
    if (violations.length > 0) return { ok: false, error: `unacknowledged findings: ${JSON.stringify(violations, null, 1)}` };
    const templateFile = path.join(outdir, stack.templateFile);
    return { ok: true, template: JSON.parse(fs.readFileSync(templateFile, 'utf8')), templateFile };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  } finally {
    setOrDelete('CDK_DEFAULT_ACCOUNT', saved.account);
    setOrDelete('CDK_DEFAULT_REGION', saved.region);
  }
}

function setOrDelete(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

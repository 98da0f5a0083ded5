import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildStack, cachedSynth } from '../support/synth';

type Outcome = { ok: true; report: string } | { ok: false; message: string };

// cdk-nag's AwsSolutions pack, as bin/app.ts runs it on every synth (cached while nothing changes).
function checkedSynth(context: Record<string, unknown> = {}, change?: (stack: ReturnType<typeof buildStack>['stack']) => void): Outcome {
  return cachedSynth({ nag: context, change: change?.toString() }, () => runChecks(context, change));
}

function runChecks(context: Record<string, unknown>, change?: (stack: ReturnType<typeof buildStack>['stack']) => void): Outcome {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'nag-'));
  const { app, stack } = buildStack({ context, outdir });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  change?.(stack);
  try {
    app.synth();
    return { ok: true, report: fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf8') };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

test.each([
  ['the default (dev) stack', {}],
  ['the prod stage', { stage: 'prod' }],
  ['with threat protection and MFA', { threatProtection: 'true', mfa: 'true' }],
  ['with a single CORS origin', { corsOrigins: 'https://app.example' }],
  ['with the demo site (CloudFront, S3, deployment)', { site: 'true' }],
])('%s has no unacknowledged AwsSolutions finding, error or warning', (_, context) => {
  const result = checkedSynth(context);
  expect(result.ok ? '' : result.message).toBe('');
  expect(result.ok && JSON.parse(result.report).pluginReports.flatMap((r: any) => r.violations ?? [])).toEqual([]);
});

test('the check can fail: a public method added without a reason is reported', () => {
  const result = checkedSynth({}, (stack) => {
    stack.api.api.root.addResource('unreviewed').addMethod('GET', new apigateway.MockIntegration());
  });
  expect(result.ok).toBe(false);
  expect(result.ok ? '' : result.message).toMatch(/APIG4|COG4/);
});

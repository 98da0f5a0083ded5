import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildStack } from '../support/synth';

// Every option combination passes cdk-nag's AWS Solutions checks in test/stack/rehearsal.test.ts;
// this proves the check bites, as bin/app.ts runs it.
test('the check can fail: a public method added without a reason is reported', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'nag-'));
  const { app, stack } = buildStack({ outdir });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  stack.api.api.root.addResource('unreviewed').addMethod('GET', new apigateway.MockIntegration());
  try {
    expect(() => app.synth()).toThrow(/APIG4|COG4/);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
});

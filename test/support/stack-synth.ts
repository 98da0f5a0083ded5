import * as fs from 'node:fs';
import * as path from 'node:path';
import { Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildStack } from './build-stack';
import { stackConfigurations } from './configurations';
import { nagProbeContexts, nagProbes } from './nag-probes';
import { type ConfigurationResult, configurationFile, nagProbeFile, synthExitFile } from './synth';

/**
 * The run's one synth process (`node --import tsx stack-synth.ts <run folder>`, started by
 * global-setup.ts): loads aws-cdk-lib once and synthesizes every declared configuration and each
 * nag probe, writing each result to the run folder as soon
 * as it has it. In a jest worker each test file would load aws-cdk-lib and start the CloudFormation
 * validation's engine afresh; here the second and later synths cost a fraction of the first.
 */
const runDir = process.argv[2];
// Readers stop waiting once this is there, whatever ended the process: a test file run in band
// shares jest's process with this one's parent, whose event loop it blocks, so the exit is not
// seen until then.
process.on('exit', (code) => fs.writeFileSync(path.join(runDir, synthExitFile), String(code)));

/** Written whole to a temporary name, then renamed: a reader never sees half a file. */
function write(file: string, result: unknown): void {
  const target = path.join(runDir, file);
  fs.writeFileSync(`${target}.partial`, JSON.stringify(result));
  fs.renameSync(`${target}.partial`, target);
}

function configurationResult(context: Record<string, unknown>, outdir: string): ConfigurationResult {
  try {
    const { stack } = buildStack({ context, outdir, templateOnly: true });
    return { stackName: stack.stackName, template: Template.fromStack(stack).toJSON() };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

function nagProbeError(name: keyof typeof nagProbes, outdir: string): string {
  const probe: (stack: Parameters<(typeof nagProbes)['unreviewedPublicMethod']>[0]) => void = nagProbes[name];
  const { app, stack } = buildStack({ outdir, context: nagProbeContexts[name] });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  probe(stack);
  try {
    app.synth();
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

const scratch = fs.mkdtempSync(path.join(runDir, 'assemblies-'));
// aws-cdk-lib's built-in CloudFormation validation checks a template without changing it, and
// costs about as much as the synth itself (its engine takes seconds to start, then a quarter of a
// second a template: 17.8 of this process's 25 s, profiled here). The deploy rehearsal
// (test/stack/e2e/rehearsal.test.ts over the covering set of settings, `npm run rehearse` over every
// combination) runs it as `cdk synth` does. CDK_VALIDATION=false turns off that plugin alone:
// cdk-nag's, added to the nag probes' apps, still runs (aws-cdk-lib's App docs, `validation`).
process.env.CDK_VALIDATION = 'false';
const written = new Set<string>();
for (const context of stackConfigurations) {
  const file = configurationFile(context);
  if (written.has(file)) continue;
  write(file, configurationResult(context, fs.mkdtempSync(path.join(scratch, 'stack-'))));
  written.add(file);
}
for (const name of Object.keys(nagProbes) as Array<keyof typeof nagProbes>) {
  write(nagProbeFile(name), { error: nagProbeError(name, fs.mkdtempSync(path.join(scratch, 'nag-'))) });
}

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { synthStack } from '../support/synth';

// The one synth that bundles for real: every other stack test lets an asset hash stand for the code.
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-bundles-'));
afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

test('each handler is bundled by esbuild into an asset that loads and exports a handler function', () => {
  const { app, stack } = synthStack({ bundle: true, outdir });
  const assembly = app.synth();
  const template = Template.fromJSON(assembly.getStackByName(stack.stackName).template);
  const functions = Object.values(template.findResources('AWS::Lambda::Function'));
  expect(functions).toHaveLength(5);

  for (const fn of functions) {
    const assetPath = fn.Metadata['aws:asset:path'] as string;
    const entry = path.join(outdir, assetPath, 'index.js');
    expect(fs.existsSync(entry)).toBe(true);
    // A fresh process, as a Lambda container would load it: no jest module registry, no ts-jest.
    const exported = execFileSync(process.execPath, ['-e', `process.stdout.write(typeof require(${JSON.stringify(entry)}).handler)`], {
      env: { PATH: process.env.PATH, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    }).toString();
    expect(exported).toBe('function');
  }
});

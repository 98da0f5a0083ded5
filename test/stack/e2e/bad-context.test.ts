import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';

// bin/app.ts as the CDK CLI runs it, in a process of its own: what a person sees after `cdk synth -c …`.
test('cdk synth with a bad value prints one line per bad key and fails, with no stack trace', () => {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'bin/app.ts'], {
    cwd: path.join(__dirname, '..', '..', '..'),
    encoding: 'utf8',
    env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify({ site: 'maybe', stage: 'Prod' }), CDK_OUTDIR: os.tmpdir() },
  });
  expect(run.status).toBe(2);
  expect(run.stderr.trim().split('\n')).toEqual([
    'Context key stage must be 1 to 20 lower-case letters, digits and dashes, starting with a letter (received: "Prod")',
    'Context key site must be true or false (received: "maybe")',
  ]);
});

test("cdk synth with a certificate from another Region than the stack's says so in one line, before any deploy", () => {
  const certificateArn = 'arn:aws:acm:eu-west-1:123456789012:certificate/0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';
  const synth = (region: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'bin/app.ts'], {
      cwd: path.join(__dirname, '..', '..', '..'),
      encoding: 'utf8',
      env: {
        ...process.env,
        CDK_CONTEXT_JSON: JSON.stringify({ domainName: 'api.example.com', certificateArn, 'aws:cdk:bundling-stacks': [] }),
        CDK_OUTDIR: os.tmpdir(),
        CDK_DEFAULT_ACCOUNT: '123456789012',
        CDK_DEFAULT_REGION: region,
      },
    });
  const elsewhere = synth('us-east-1');
  expect(elsewhere.status).toBe(2);
  expect(elsewhere.stderr.trim()).toBe(
    `Context key certificateArn must be a certificate in the stack's Region, us-east-1 (received: "${certificateArn}")`,
  );
  expect(synth('eu-west-1').status).toBe(0);
});

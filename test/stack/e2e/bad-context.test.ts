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

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// `npm run synth` (cdk synth --quiet) should say what goes wrong, not esbuild's size-and-time report
// of every bundle: one handler bundled for real, in a process of its own (esbuild writes to the
// inherited stderr), prints nothing but CDK's one line for the asset.
const root = path.join(__dirname, '..', '..', '..');

test('bundling a handler prints no esbuild report', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'quiet-bundling-'));
  try {
    const script = `
      const { App, Stack } = require('aws-cdk-lib');
      const { RetentionDays } = require('aws-cdk-lib/aws-logs');
      const { HandlerFunction } = require('./lib/handler-function');
      const app = new App({ outdir: ${JSON.stringify(outdir)} });
      new HandlerFunction(new Stack(app, 'Quiet'), 'Public', { handler: 'public', environment: {}, logRetention: RetentionDays.ONE_DAY });
      app.synth();`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: root, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(fs.readdirSync(outdir).filter((name) => name.startsWith('asset.'))).toHaveLength(1);
    expect(`${run.stdout}${run.stderr}`.trim()).toBe('Bundling asset Quiet/Public/Function/Code/Stage...');
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
});

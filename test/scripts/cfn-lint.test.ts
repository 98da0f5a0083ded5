import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const wrapper = path.join(__dirname, '..', '..', 'scripts', 'cfn-lint.mjs');

test('npm run lint:cfn without cfn-lint installed says how to install it, instead of "command not found"', () => {
  const run = spawnSync(process.execPath, [wrapper, 'template.json'], {
    encoding: 'utf8',
    env: { ...process.env, PATH: '/nonexistent' },
  });
  expect(run.status).toBe(127);
  expect(run.stderr).toContain('pipx install cfn-lint');
});

// cfn-lint is a Python tool (AWS's CloudFormation linter), not an npm package: say how to get it
// instead of npm's bare "command not found".
import { spawnSync } from 'node:child_process';

const run = spawnSync('cfn-lint', process.argv.slice(2), { stdio: 'inherit' });
if (run.error) {
  console.error(
    "cfn-lint is not installed. Install AWS's CloudFormation linter with `pipx install cfn-lint` (or `pip install cfn-lint`), then run this again.",
  );
  process.exit(127);
}
process.exit(run.status ?? 1);

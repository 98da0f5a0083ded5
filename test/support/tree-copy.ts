import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The repository's root. */
export const repositoryRoot = path.join(__dirname, '..', '..');

/**
 * A copy of the working tree as git sees it (tracked and untracked files, ignored ones left out),
 * with node_modules linked rather than copied: where a guide's steps are followed without touching
 * the tree the tests run from. `prefix` names the temporary folder.
 */
export function copyOfTree(prefix: string): string {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: repositoryRoot, encoding: 'utf8' })
    .split('\n')
    .filter((file) => file && fs.existsSync(path.join(repositoryRoot, file)));
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
    fs.copyFileSync(path.join(repositoryRoot, file), path.join(copy, file));
  }
  fs.symlinkSync(path.join(repositoryRoot, 'node_modules'), path.join(copy, 'node_modules'));
  return copy;
}

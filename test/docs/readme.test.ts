import * as fs from 'node:fs';
import * as path from 'node:path';

// The README is a newcomer's first hour: short, and its prerequisites name every tool its commands
// run. (test/local/e2e/readme.test.ts runs its first calls against local mode.)
const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');

/** The section under `## <title>`, up to the next one. */
function section(title: string): string {
  const start = readme.indexOf(`\n## ${title}\n`);
  expect(start).toBeGreaterThan(0);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

/** The programs the README's shell blocks run: each command's first word, after a pipe, && or $( too. */
function programs(): Set<string> {
  const found = new Set<string>();
  for (const [, block] of readme.matchAll(/```bash\n([\s\S]*?)```/g)) {
    // Comments and single-quoted words ('correct horse battery staple') are not commands.
    const code = block
      .replace(/#.*$/gm, '')
      .replace(/\\\n/g, ' ')
      .replace(/'[^']*'/g, "''");
    for (const command of code.split(/\n|&&|\||\$\(|;/)) {
      const words = command
        .trim()
        .split(/\s+/)
        .filter((word) => !/^[A-Z_]+=/.test(word));
      if (words[0] && /^[a-z][\w-]*$/.test(words[0])) found.add(words[0]);
    }
  }
  return found;
}

test('the README fits a few screens: at most 200 lines', () => {
  expect(readme.split('\n').length).toBeLessThanOrEqual(200);
});

test('its prerequisites name every program its commands run', () => {
  const prerequisites = section('Prerequisites');
  const run = [...programs()].sort();
  expect(run).toEqual(expect.arrayContaining(['curl', 'git', 'jq', 'npm']));
  // npm comes with Node.js, which the prerequisites name first.
  const unnamed = run.filter((program) => !new RegExp(`\\b${program}\\b`).test(prerequisites));
  expect(unnamed).toEqual([]);
});

test('the sections come in the order a newcomer needs them', () => {
  const headings = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
  expect(headings).toEqual([
    'What you get',
    "What you don't get",
    'Prerequisites',
    'Run it locally',
    'Test it',
    'Deploy it',
    'Going to production',
    'Versions and upgrades',
    'Where to go next',
  ]);
});

import * as fs from 'node:fs';
import * as path from 'node:path';

// Every relative link of the Markdown docs names a file that exists, and a #fragment a heading of
// it (GitHub's anchors: lower case, punctuation dropped, spaces to hyphens). Docs move between
// files; a link left behind fails here instead of in a reader's browser.
const root = path.join(__dirname, '..', '..');
const docs = [
  'README.md',
  'SECURITY.md',
  'CONTRIBUTING.md',
  'CHANGELOG.md',
  ...fs
    .readdirSync(path.join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

function anchors(markdown: string): Set<string> {
  const withoutCode = markdown.replace(/```[\s\S]*?```/g, '');
  return new Set(
    [...withoutCode.matchAll(/^#{1,6} +(.+)$/gm)].map((m) =>
      m[1]
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, '')
        .replace(/ /g, '-'),
    ),
  );
}

function links(markdown: string): string[] {
  const withoutCode = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...withoutCode.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((l) => !/^[a-z]+:/.test(l));
}

test.each(docs)('%s: every relative link and anchor resolves', (file) => {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const broken: string[] = [];
  for (const link of links(text)) {
    const [target, fragment] = link.split('#');
    const resolved = target ? path.join(root, path.dirname(file), target) : path.join(root, file);
    if (!fs.existsSync(resolved)) {
      broken.push(`${link}: no such file`);
      continue;
    }
    if (fragment && resolved.endsWith('.md') && !anchors(fs.readFileSync(resolved, 'utf8')).has(fragment)) {
      broken.push(`${link}: no such heading`);
    }
  }
  expect(broken).toEqual([]);
});

test('the README links every document under docs/', () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const unlinked = docs.filter((d) => d.startsWith('docs/') && !readme.includes(`](${d})`));
  expect(unlinked).toEqual([]);
});

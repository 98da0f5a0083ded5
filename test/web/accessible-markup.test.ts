import * as fs from 'node:fs';
import * as path from 'node:path';

// docs/web-page.md: labels on every field, status messages in live regions. Both are in the page's
// markup (web/index.html), which these read as text; what only a browser shows (the focus ring
// drawn, one column on a phone) is the browser test's. The page creates no field of its own.
const web = path.join(__dirname, '..', '..', 'web');
const html = fs.readFileSync(path.join(web, 'index.html'), 'utf8');
const attribute = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
const tags = (source: string, name: string) => source.match(new RegExp(`<${name}\\b[^>]*>`, 'g')) ?? [];
const isLiveRegion = (tag: string) => attribute(tag, 'role') === 'status' && attribute(tag, 'aria-live') === 'polite';

const sources = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(file);
    return entry.name.endsWith('.ts') ? [fs.readFileSync(file, 'utf8')] : [];
  });

test('every field of the page has a label naming it by id', () => {
  const fields = ['input', 'select', 'textarea'].flatMap((name) => tags(html, name));
  expect(fields.length).toBeGreaterThan(10);
  const labelled = new Set(tags(html, 'label').map((label) => attribute(label, 'for')));
  const unlabelled = fields.filter((field) => {
    const id = attribute(field, 'id');
    return !id || !labelled.has(id);
  });
  expect(unlabelled).toEqual([]);
  // web/src adds none the markup would not show.
  expect(
    sources(path.join(web, 'src')).filter((source) => /createElement\(['"](input|select|textarea)['"]\)/.test(source)),
  ).toEqual([]);
});

test("every form has a status line in a live region (forms.ts says a form's problems there)", () => {
  const forms = html.match(/<form\b[\s\S]*?<\/form>/g) ?? [];
  expect(forms.length).toBeGreaterThan(5);
  const withoutLiveStatus = forms.filter(
    (form) => !tags(form, 'p').some((p) => attribute(p, 'class') === 'status' && isLiveRegion(p)),
  );
  expect(withoutLiveStatus.map((form) => attribute(form, 'id'))).toEqual([]);
});

test('every status element the scripts name by id is a live region', () => {
  const named = new Set(
    sources(path.join(web, 'src')).flatMap((source) => [...source.matchAll(/element\('([\w-]+-status)'/g)].map((m) => m[1])),
  );
  expect(named.size).toBeGreaterThan(2);
  const notLive = [...named].filter((id) => {
    const tag = tags(html, '[a-z]+').find((candidate) => attribute(candidate, 'id') === id);
    return !tag || !isLiveRegion(tag);
  });
  expect(notLive).toEqual([]);
});

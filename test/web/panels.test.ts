import * as fs from 'node:fs';
import * as path from 'node:path';

// The page's panels (web/src/panels/, one module each): main.ts mounts only those in its list, so a
// panel file missing from it would be dead markup with no code, and a panel whose root id is not
// in index.html would throw when the page boots (forms.ts `element`), in a browser test at best.
const web = path.join(__dirname, '..', '..', 'web');
const panelFiles = fs
  .readdirSync(path.join(web, 'src', 'panels'))
  .filter((file) => file.endsWith('.ts'))
  .map((file) => file.replace(/\.ts$/, ''))
  .sort();
const main = fs.readFileSync(path.join(web, 'src', 'main.ts'), 'utf8');
const indexHtml = fs.readFileSync(path.join(web, 'index.html'), 'utf8');

/** main.ts's panel list: the array literal `const panels: Panel[] = [ … ];`. */
const panelList = /const panels: Panel\[\] = \[([\s\S]*?)\];/.exec(main)?.[1] ?? '';

interface PanelLike {
  readonly root: string;
  readonly mount: unknown;
}
const isPanel = (value: unknown): value is PanelLike =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as PanelLike).root === 'string' &&
  typeof (value as PanelLike).mount === 'function';

test('main.ts has a panel list', () => {
  expect(panelList).not.toBe('');
  expect(panelFiles.length).toBeGreaterThan(0);
});

describe.each(panelFiles)('web/src/panels/%s.ts', (file) => {
  const exported = Object.entries(require(path.join(web, 'src', 'panels', file)) as Record<string, unknown>).filter(([, value]) =>
    isPanel(value),
  );

  test('exports one panel', () => {
    expect(exported).toHaveLength(1);
  });

  test("is in main.ts's panel list", () => {
    const [name] = exported[0];
    expect(main).toContain(`import { ${name} } from './panels/${file}';`);
    expect(panelList).toMatch(new RegExp(`\\b${name}\\b`));
  });

  test('has its root element in index.html, once', () => {
    const [, panel] = exported[0] as [string, PanelLike];
    expect(indexHtml.split(`id="${panel.root}"`)).toHaveLength(2);
  });
});

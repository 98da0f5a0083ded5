import * as fs from 'node:fs';
import * as path from 'node:path';
import { BLOCK_END, BLOCK_START, recordedRun, renderBlock } from '../../scripts/bench/report';

// docs/performance.md's figures are `npm run bench -- --write`'s output, and no other doc types one.
const root = path.join(__dirname, '..', '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const performance = read('docs/performance.md');

test("performance.md's figures block is the renderer's output for the run it records, untouched", () => {
  const start = performance.indexOf(BLOCK_START);
  const end = performance.indexOf(BLOCK_END);
  expect(start).toBeGreaterThan(0);
  expect(end).toBeGreaterThan(start);
  const run = recordedRun(performance);
  expect(run).toBeDefined();
  if (!run) return;
  expect(run.figures.length).toBeGreaterThan(0);
  expect(performance.slice(start, end + BLOCK_END.length)).toBe(renderBlock(run));
});

// A figure (a number with ms, s, req/s, KB or MB) on a line that speaks of what the bench measures.
const FIGURE = /\d[\d,.]*\s?(ms|s|req\/s|KB|MB)\b/;
const BENCH_WORDS =
  /\bbench\b|load time|loads? in\b|to load\b|\bp50\b|\bp99\b|req\/s|throughput|npm test|cdk synth|npm start ready|\bmeasured\b/i;
const others = [
  'README.md',
  'SECURITY.md',
  'CONTRIBUTING.md',
  ...fs
    .readdirSync(path.join(root, 'docs'))
    .filter((f) => f.endsWith('.md') && f !== 'performance.md')
    .map((f) => `docs/${f}`),
];

test.each(others)('%s quotes no bench figure: it links performance.md instead', (file) => {
  const quoting = read(file)
    .split('\n')
    .filter((line) => FIGURE.test(line) && BENCH_WORDS.test(line));
  expect(quoting).toEqual([]);
});

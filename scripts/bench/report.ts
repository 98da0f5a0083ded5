import * as fs from 'node:fs';
import * as os from 'node:os';
import { type Figure, round } from './figures';

/**
 * `npm run bench -- --write`: the run's figures as docs/performance.md's figures section, between
 * these markers, so no performance figure in the docs is typed by hand. The block carries the run's
 * figures and machine as JSON too; test/docs/performance.test.ts renders them again and compares.
 */
export const BLOCK_START = '<!-- bench:figures:start (written by `npm run bench -- --write`; do not edit) -->';
export const BLOCK_END = '<!-- bench:figures:end -->';

/** The machine a run measured on, and how busy it was (the 1-minute load average at start and end). */
export interface Machine {
  readonly date: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly loadAverage: readonly [number, number];
  /** The groups of figures the run measured, when not all of them (`--only`). */
  readonly only?: readonly string[];
}

export interface Run {
  readonly machine: Machine;
  readonly figures: readonly Figure[];
}

export function machineNow(loadAtStart: number, only?: readonly string[]): Machine {
  return {
    date: `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    cores: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    loadAverage: [round(loadAtStart), round(os.loadavg()[0])],
    ...(only ? { only } : {}),
  };
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** Bytes as KB or MB (1 KB = 1,000 B, as the targets are written); other units as measured. */
function shown(value: number, unit: string): string {
  if (unit === 'B' && value >= 1e6) return `${round(value / 1e6)} MB`;
  if (unit === 'B' && value >= 1e3) return `${round(value / 1e3)} KB`;
  return `${round(value)} ${unit}`;
}

/** The block between the markers, markers included. */
export function renderBlock(run: Run): string {
  const { machine, figures } = run;
  const missed = figures.filter((f) => f.met === false);
  const lines = [
    BLOCK_START,
    `Measured ${machine.date} on ${machine.cores} cores and ${machine.memoryGiB} GiB, Node.js ${machine.node}, ` +
      `at a 1-minute load average of ${machine.loadAverage[0]} at the start and ${machine.loadAverage[1]} at the end` +
      (machine.only ? ` (a partial run: ${machine.only.join(', ')} only; the other figures were not measured)` : '') +
      '. ' +
      (missed.length === 0 ? 'Every target met.' : `${missed.length} target(s) missed: ${missed.map((f) => f.name).join(', ')}.`),
    '',
    '| Figure | Measured | Target | Ratio | Met | Note |',
    '|---|---|---|---|---|---|',
    ...figures.map((f) => {
      const target = f.limit === undefined ? '' : `${f.target?.slice(0, 1)} ${shown(f.limit, f.unit)}`;
      const ratio = f.limit === undefined || f.limit === 0 ? '' : `${round(f.value / f.limit)}`;
      const met = f.met === undefined ? '' : f.met ? 'met' : '**missed**';
      return `| ${cell(f.name)} | ${shown(f.value, f.unit)} | ${target} | ${ratio} | ${met} | ${cell(f.note ?? '')} |`;
    }),
    '',
    `<!-- bench:run ${JSON.stringify(run)} -->`,
    BLOCK_END,
  ];
  return lines.join('\n');
}

/** The run recorded in a document's block, or undefined when it has none. */
export function recordedRun(markdown: string): Run | undefined {
  const json = /<!-- bench:run (.*) -->/.exec(markdown)?.[1];
  return json === undefined ? undefined : JSON.parse(json);
}

/** `markdown` with its block replaced by this run's; it must already have the markers. */
export function withBlock(markdown: string, run: Run): string {
  const start = markdown.indexOf(BLOCK_START);
  const end = markdown.indexOf(BLOCK_END);
  if (start < 0 || end < start) throw new Error(`no "${BLOCK_START}" … "${BLOCK_END}" block to replace`);
  return markdown.slice(0, start) + renderBlock(run) + markdown.slice(end + BLOCK_END.length);
}

export function writeBlock(file: string, run: Run): void {
  fs.writeFileSync(file, withBlock(fs.readFileSync(file, 'utf8'), run));
}

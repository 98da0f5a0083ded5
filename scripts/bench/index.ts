import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { routes } from '../../contract/routes';
import { loadStackModel } from '../../local/stack-model';
import { synthesize } from '../../local/synth';
import { bundleFigures } from './bundles';
import { commandFigures } from './commands';
import { type Figure, printTable } from './figures';
import { flavorFigures, loadTestFigures, throughputFigures } from './local-load';
import { pageFigures } from './pages';
import { poolScaleFigures } from './pool-scale';
import { refreshFigures } from './refresh';
import { machineNow, writeBlock } from './report';

const GROUPS = ['bundles', 'pages', 'commands', 'refresh', 'scale', 'throughput', 'flavors', 'load'] as const;
type Group = (typeof GROUPS)[number];

/** `--only=bundles,pages`: the groups to measure (all by default). */
function onlyGroups(): Group[] | undefined {
  const arg = process.argv.find((a) => a.startsWith('--only='));
  if (!arg) return undefined;
  const named = arg.slice('--only='.length).split(',');
  const unknown = named.filter((g) => !(GROUPS as readonly string[]).includes(g));
  if (unknown.length > 0) throw new Error(`unknown group(s) ${unknown.join(', ')}: choose among ${GROUPS.join(', ')}`);
  return named as Group[];
}

/**
 * `npm run bench`: every performance figure of the project, measured on this machine, beside its
 * target. `--json` prints the same figures as JSON; `--write` also writes them, with the machine
 * and its load, into docs/performance.md (scripts/bench/report.ts); `--only=<group>,…` measures
 * some groups only (the block then says so). Offline; a few minutes.
 */
async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const only = onlyGroups();
  const runs = (group: Group) => only === undefined || only.includes(group);
  const loadAtStart = os.loadavg()[0];
  const progress = (line: string) => (json ? process.stderr : process.stdout).write(`${line}\n`);
  const root = path.join(__dirname, '..', '..');
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-state-'));
  const figures: Figure[] = [];
  try {
    const { cdkOut } = synthesize(path.join(root, '.local', 'synth'));
    const model = loadStackModel(cdkOut, 'us-east-1');
    if (runs('bundles')) {
      progress('bundles and load times …');
      const handlerOf = (functionId: string) =>
        routes.find((r) => model.routes.some((m) => m.functionId === functionId && m.path === r.path && m.method === r.method))
          ?.handler ?? functionId;
      figures.push(...bundleFigures(Object.values(model.functions), (fn) => handlerOf(fn.logicalId)));
    }
    if (runs('pages')) figures.push(...pageFigures());
    if (runs('commands')) {
      progress('npm test, cdk synth, npm start …');
      figures.push(...(await commandFigures(stateDir)));
    }
    if (runs('refresh')) {
      progress('the twin: refresh rates …');
      figures.push(...(await refreshFigures(model)));
    }
    if (runs('scale')) {
      progress('the twin: a pool of 10,000 and 100,000 users …');
      figures.push(...(await poolScaleFigures(model)));
    }
    if (runs('throughput')) {
      progress('local throughput …');
      figures.push(...(await throughputFigures(stateDir)));
    }
    if (runs('flavors')) {
      progress('GET /secret through the REST and the HTTP API …');
      figures.push(...(await flavorFigures(stateDir)));
    }
    if (runs('load')) {
      progress('load test …');
      figures.push(...(await loadTestFigures(stateDir)));
    }
  } finally {
    fs.rmSync(stateDir, { recursive: true, force: true });
  }

  if (process.argv.includes('--write')) {
    const file = path.join(root, 'docs', 'performance.md');
    writeBlock(file, { machine: machineNow(loadAtStart, only), figures });
    progress(`wrote the figures into ${path.relative(process.cwd(), file)}`);
  }
  if (json) console.log(JSON.stringify(figures, null, 2));
  else printTable(figures);
  const missed = figures.filter((f) => f.met === false);
  if (!json)
    console.log(
      missed.length === 0
        ? '\nEvery target met.'
        : `\n${missed.length} target(s) missed: ${missed.map((f) => f.name).join(', ')}`,
    );
}

main().catch((error: Error) => {
  console.error(`bench failed: ${error.message}`);
  process.exit(1);
});

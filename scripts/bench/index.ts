import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { routes } from '../../lib/routes';
import { loadStackModel } from '../../local/stack-model';
import { synthesize } from '../../local/synth';
import { bundleFigures } from './bundles';
import { commandFigures } from './commands';
import { type Figure, printTable } from './figures';
import { loadTestFigures, throughputFigures } from './local-load';
import { pageFigures } from './pages';
import { refreshFigures } from './refresh';

/**
 * `npm run bench`: every performance figure of the project, measured on this machine, beside its
 * target. `--json` prints the same figures as JSON. Offline; a few minutes.
 */
async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const progress = (line: string) => (json ? process.stderr : process.stdout).write(`${line}\n`);
  const root = path.join(__dirname, '..', '..');
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-state-'));
  const figures: Figure[] = [];
  try {
    progress('bundles and load times …');
    const { cdkOut } = synthesize(path.join(root, '.local', 'synth'));
    const model = loadStackModel(cdkOut, 'us-east-1');
    const handlerOf = (functionId: string) =>
      routes.find((r) => model.routes.some((m) => m.functionId === functionId && m.path === r.path && m.method === r.method))
        ?.handler ?? functionId;
    figures.push(...bundleFigures(Object.values(model.functions), (fn) => handlerOf(fn.logicalId)));
    figures.push(...pageFigures());
    progress('npm test, cdk synth, npm start …');
    figures.push(...(await commandFigures(stateDir)));
    progress('the twin: refresh rates …');
    figures.push(...(await refreshFigures(model)));
    progress('local throughput …');
    figures.push(...(await throughputFigures(stateDir)));
    progress('load test …');
    figures.push(...(await loadTestFigures(stateDir)));
  } finally {
    fs.rmSync(stateDir, { recursive: true, force: true });
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

import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { CDK_SYNTH_CONTEXT, stackConfigurations } from './configurations';
import type { nagProbes } from './nag-probes';

// The reading side of the run's one synth process (test/support/stack-synth.ts, started by
// global-setup.ts): each result is a JSON file in the run's folder, which global-teardown.ts
// removes, so no result outlives the run or stands for code that changed since.

const cdkJsonContext: Record<string, unknown> = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', '..', 'cdk.json'), 'utf8'),
).context;

/** JSON with every object's keys sorted: the same context, however it was written, gives the same text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  return `{${Object.keys(value)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
    .join(',')}}`;
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

/** The file name of a configuration's result: the context as the app sees it, cdk.json's and the CLI's included. */
export const configurationFile = (context: Record<string, unknown>) =>
  `stack-${digest(canonical({ ...cdkJsonContext, ...CDK_SYNTH_CONTEXT, ...context }))}.json`;
export const nagProbeFile = (probe: string) => `nag-${probe}.json`;
/** Written by the synth process as it exits, with its exit code. */
export const synthExitFile = 'stack-synth.exit';

/** What the synth process records for one configuration. */
export type ConfigurationResult =
  | { readonly stackName: string; readonly template: Record<string, unknown> }
  | { readonly error: string };

const declared = new Set(stackConfigurations.map(configurationFile));
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * The result the synth process writes to `file`, once it is there. Test files read templates
 * while they load, so this waits synchronously, sleeping between looks; the synth process works
 * through its list while the test files that need no template run (test/support/sequencer.js
 * runs those first).
 */
function awaitResult<T>(file: string): T {
  const runDir = process.env.TEST_RUN_DIR;
  const pid = Number(process.env.TEST_STACK_SYNTH_PID);
  if (!runDir || !pid)
    throw new Error('No stack synth in this run: run the stack tests through `npm test` (jest.config.js starts it)');
  const target = path.join(runDir, file);
  for (;;) {
    if (fs.existsSync(target)) return JSON.parse(fs.readFileSync(target, 'utf8')) as T;
    if (fs.existsSync(path.join(runDir, synthExitFile)) || !isRunning(pid)) {
      if (fs.existsSync(target)) continue;
      const log = fs.readFileSync(path.join(runDir, 'stack-synth.log'), 'utf8');
      throw new Error(`The stack synth process (test/support/stack-synth.ts) ended without writing ${file}:\n${log}`);
    }
    Atomics.wait(sleeper, 0, 0, 25);
  }
}

/** Whether the process runs; one that has ended but is not yet reaped (a zombie) does not. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  const stat = `/proc/${pid}/stat`;
  return !fs.existsSync(stat) || fs.readFileSync(stat, 'utf8').split(') ')[1]?.[0] !== 'Z';
}

const results = new Map<string, ConfigurationResult>();

function configurationResult(context: Record<string, unknown>): ConfigurationResult {
  const file = configurationFile(context);
  if (!declared.has(file))
    throw new Error(`Context ${JSON.stringify(context)} is not declared: add it to test/support/configurations.ts`);
  if (!results.has(file)) results.set(file, awaitResult<ConfigurationResult>(file));
  return results.get(file) as ConfigurationResult;
}

/** The template synthesized for this context (bundling skipped): a copy of its own, for the caller to change if it likes. */
export function synthTemplate(context: Record<string, unknown> = {}): Template {
  const result = configurationResult(context);
  if ('error' in result) throw new Error(result.error);
  return Template.fromJSON(structuredClone(result.template));
}

/** The stack name bin/app.ts gives for this context. */
export function stackNameFor(context: Record<string, unknown>): string {
  const result = configurationResult(context);
  if ('error' in result) throw new Error(result.error);
  return result.stackName;
}

/** The error building the stack with this context throws, or '' when it builds. */
export function synthError(context: Record<string, unknown>): string {
  const result = configurationResult(context);
  return 'error' in result ? result.error : '';
}

/** What the synth of this probe with cdk-nag's checks threw, or '' when it passed (test/support/nag-probes.ts). */
export function nagFailure(probe: keyof typeof nagProbes): string {
  return awaitResult<{ error: string }>(nagProbeFile(probe)).error;
}

import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { everyPair, everyTriple, type Rehearsal } from './matrix';
import { synthRehearsal } from './synth';

/**
 * `npm run rehearse` (CI runs it): the deploy path as users take it, offline.
 * 1. A covering set of strength 3 (every triple of option values, environment and qualifier),
 *    synthesized as the CLI runs the app, with cdk-nag (about a third of a second each).
 * 2. The covering set of test/stack/e2e/rehearsal.test.ts through the real `cdk synth`, bundling
 *    included, with the account and region a user's profile would give.
 * 3. AWS's CloudFormation linter over every template of both.
 */
const root = path.join(__dirname, '..', '..');
const out = path.join(root, 'cdk.out', 'rehearsal');
const failures: string[] = [];
const templates: string[] = [];

function keep(templateFile: string, group: string, index: number): void {
  const target = path.join(out, group, `${String(index).padStart(3, '0')}.template.json`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(templateFile, target);
  templates.push(target);
}

function inProcess(rehearsals: Rehearsal[]): void {
  const started = Date.now();
  rehearsals.forEach((rehearsal, i) => {
    const result = synthRehearsal(rehearsal, path.join(out, 'work', String(i)));
    if (result.ok) keep(result.templateFile, 'every-triple', i);
    else failures.push(`synth (in process), ${rehearsal.name}:\n${result.error}`);
  });
  fs.rmSync(path.join(out, 'work'), { recursive: true, force: true });
  console.log(`every triple: ${rehearsals.length} synthesized in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * The CLI with no AWS profile or credentials of the machine's: the account comes from
 * CDK_DEFAULT_ACCOUNT (the CLI keeps it when it finds no credentials) and the region from
 * AWS_REGION, as a profile would give them. Nothing here can reach an AWS account.
 */
function throughTheCli(rehearsals: Rehearsal[]): void {
  const started = Date.now();
  const cdkOut = path.join(out, 'cli-work');
  const env: NodeJS.ProcessEnv = { ...process.env, AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' };
  for (const name of [
    'AWS_PROFILE',
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'AWS_DEFAULT_REGION',
    'CDK_DEFAULT_ACCOUNT',
    'CDK_DEFAULT_REGION',
  ])
    delete env[name];
  Object.assign(env, { CDK_DISABLE_CLI_TELEMETRY: 'true', CDK_DISABLE_VERSION_CHECK: '1', AWS_EC2_METADATA_DISABLED: 'true' });
  // The CLI always hands the app a region, so an environment-agnostic app is the in-process run's alone.
  const cliRehearsals = rehearsals.filter((r) => r.environment.region);
  cliRehearsals.forEach((rehearsal, i) => {
    const context = Object.entries(rehearsal.context).flatMap(([key, value]) => ['-c', `${key}=${value}`]);
    const run = spawnSync(
      path.join(root, 'node_modules', '.bin', 'cdk'),
      ['synth', '--quiet', '--no-notices', '-o', cdkOut, ...context],
      {
        cwd: root,
        encoding: 'utf8',
        env: {
          ...env,
          AWS_REGION: rehearsal.environment.region,
          ...(rehearsal.environment.account ? { CDK_DEFAULT_ACCOUNT: rehearsal.environment.account } : {}),
        },
      },
    );
    const templateFile = path.join(cdkOut, `CognitoAuthApi-${rehearsal.context.stage}.template.json`);
    if (run.status === 0) keep(templateFile, 'cli', i);
    else
      failures.push(
        `cdk synth, ${rehearsal.name}:\n${run.stderr
          .split('\n')
          .filter((line) => !/^\s|Bundling|Done in/.test(line))
          .join('\n')}`,
      );
    console.log(`cdk synth ${run.status === 0 ? 'ok    ' : 'FAILED'} ${rehearsal.name}`);
  });
  console.log(
    `covering set through the CLI: ${cliRehearsals.length} synthesized in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

/**
 * cfn-lint checks one template at a time on one core (590 s for 265 templates here), so the
 * templates are linted once per distinct content, split across one process per core.
 */
async function lint(): Promise<void> {
  const started = Date.now();
  const byContent = new Map<string, string>();
  for (const template of templates) byContent.set(createHash('sha256').update(fs.readFileSync(template)).digest('hex'), template);
  const distinct = [...byContent.values()];
  const processes = Math.min(os.availableParallelism(), distinct.length);
  const shares = Array.from({ length: processes }, (_, i) => distinct.filter((_, j) => j % processes === i));
  const runs = await Promise.all(shares.map((share) => cfnLint(share)));
  if (runs.some((run) => run === 'missing')) {
    failures.push('cfn-lint is not installed: `pipx install cfn-lint` (or `pip install cfn-lint`), then run again');
    return;
  }
  for (const run of runs) if (run !== 'missing' && run.status !== 0) failures.push(`cfn-lint:\n${run.output}`);
  console.log(
    `cfn-lint: ${distinct.length} distinct of ${templates.length} templates, ${processes} processes, ` +
      `${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

function cfnLint(share: string[]): Promise<{ status: number | null; output: string } | 'missing'> {
  return new Promise((resolve) => {
    const child = spawn('cfn-lint', share, { cwd: root });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', () => resolve('missing'));
    child.on('close', (status) => resolve({ status, output }));
  });
}

async function rehearse(): Promise<void> {
  fs.rmSync(out, { recursive: true, force: true });
  inProcess(everyTriple());
  throughTheCli(everyPair());
  await lint();
  if (failures.length > 0) {
    console.error(`\n${failures.length} rehearsal failure(s):\n\n${failures.join('\n\n')}`);
    process.exit(1);
  }
  console.log(`\nrehearsal passed: ${templates.length} templates synthesized, cdk-nag and cfn-lint clean`);
}

void rehearse();

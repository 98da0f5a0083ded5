import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { localPorts } from '../lib/local-ports';
import { type LocalMode, PortInUseError, startLocalMode } from '.';
import { firstCalls } from './first-calls';
import { synthesize } from './synth';

const root = path.join(__dirname, '..');
const localDir = path.join(root, '.local');

const usage = `usage: npm start -- [--reset] [--state-dir <dir>] [-c key=value ...]
  --reset            start from an empty user pool
  --state-dir <dir>  where users, codes and the signing key live (default .local/state)
  -c key=value       CDK context for the synth, as with cdk synth (e.g. -c passwordMinLength=16)
  -h, --help         print this and exit
Ports: ${Object.values(localPorts)
  .map((p) => `${p.variable} (${p.serves}, ${p.default})`)
  .join(', ')}; 0 picks a free one.`;

/** A command line npm start cannot use: its message is one line, printed with the usage. */
class UsageError extends Error {}

const flags = {
  reset: { type: 'boolean', default: false },
  'state-dir': { type: 'string' },
  context: { type: 'string', short: 'c', multiple: true },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function options() {
  let values: ReturnType<typeof parseArgs<{ options: typeof flags; strict: true }>>['values'];
  try {
    ({ values } = parseArgs({ options: flags, strict: true }));
  } catch (error) {
    // parseArgs's first sentence names the argument ("Unknown option '--foo'"); the rest is advice about "--".
    throw new UsageError((error as Error).message.split('. ')[0]);
  }
  const context: Record<string, string> = {};
  for (const pair of values.context ?? []) {
    const [key, ...rest] = pair.split('=');
    if (!key || rest.length === 0) throw new UsageError(`-c takes key=value, got "${pair}"`);
    context[key] = rest.join('=');
  }
  const stateDir = path.resolve(values['state-dir'] ?? path.join(localDir, 'state'));
  return { help: values.help, reset: values.reset, stateDir, context };
}

/** The port its environment variable sets, or its default. */
function port(option: keyof typeof localPorts): number {
  const { variable, default: fallback } = localPorts[option];
  const value = process.env[variable];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) {
    throw new Error(`${variable} must be a port number (0 picks a free one), got "${value}"`);
  }
  return parsed;
}

/**
 * Checks `-c` here, before the synth: a bad value fails in a fraction of a second instead of after
 * the synth's start-up, and an unknown key is warned about even when the synth is cached. Loaded
 * only when there is context to check: lib/config.ts brings aws-cdk-lib (~0.3 s).
 */
async function checkContext(context: Record<string, string>): Promise<void> {
  if (Object.keys(context).length === 0) return;
  const { configFromContext, unknownContextKeys, unknownContextKeyWarnings } = await import('../lib/config');
  // A key one typo away from ours would cost a synth for nothing: stop, and name the right one.
  const typos = unknownContextKeys(context).filter(({ meant }) => meant);
  if (typos.length > 0) {
    const fixed = Object.entries(context).map(([key, value]) => {
      const meant = typos.find((typo) => typo.key === key)?.meant ?? key;
      return `-c ${shellWord(`${meant}=${value}`)}`;
    });
    throw new Error(
      typos.map(({ key, meant }) => `unknown context key ${key}: did you mean ${meant}?`).join('; ') +
        ` Nothing was synthesized. Try: npm start -- ${fixed.join(' ')}`,
    );
  }
  for (const warning of unknownContextKeyWarnings(context)) console.warn(`Warning: ${warning}`);
  const cdkJson = JSON.parse(fs.readFileSync(path.join(root, 'cdk.json'), 'utf8'));
  configFromContext({ ...cdkJson.context, ...context });
}

/**
 * The options npm kept for itself: without `--`, `npm start -c mfa=required` gives `-c` to npm (its
 * --call; only the last one survives) and `--reset` or `--state-dir <dir>` become npm config, none
 * reaching this script. npm hands each to the script's environment as npm_config_<name> (npm 11,
 * measured), so they can be named, and the command that passes them on given.
 */
function swallowedByNpm(given: string[], env: NodeJS.ProcessEnv = process.env): { lost: string[]; rest: string[] } {
  const rest = [...given];
  const lost: string[] = [];
  if (env.npm_lifecycle_event !== 'start') return { lost, rest };
  if (env.npm_config_call) lost.push('-c', env.npm_config_call);
  if (env.npm_config_reset === 'true') lost.push('--reset');
  const stateDir = env.npm_config_state_dir;
  // `--state-dir <dir>` leaves npm a flag, `true`, and passes <dir> on as the first argument.
  if (stateDir === 'true' && rest[0] && !rest[0].startsWith('-')) lost.push('--state-dir', rest.shift() as string);
  else if (stateDir) lost.push('--state-dir', stateDir);
  return { lost, rest };
}

/** A word as a POSIX shell reads it back. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

type PortOption = keyof typeof localPorts;

/** Whether something already listens on this port of 127.0.0.1, where local mode listens. */
function isBusy(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'EADDRINUSE'));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(false)));
  });
}

/**
 * Every port npm start needs, tried before the synth, so one message names all the busy ones (and
 * the variables that move them) instead of one a restart. One at a time: two probes of one port
 * would find each other. A port taken between this and the listening still fails, by name.
 */
async function checkPorts(ports: Record<PortOption, number>): Promise<void> {
  const options = Object.keys(ports) as PortOption[];
  for (const [i, a] of options.entries()) {
    const b = options.slice(i + 1).find((other) => ports[other] === ports[a] && ports[a] !== 0);
    if (b)
      throw new Error(`${localPorts[a].variable} and ${localPorts[b].variable} are both ${ports[a]}: give each its own port`);
  }
  const busy: PortOption[] = [];
  for (const option of options) if (ports[option] !== 0 && (await isBusy(ports[option]))) busy.push(option);
  if (busy.length === 0) return;
  if (busy.length === 1) {
    const [option] = busy;
    throw new Error(
      `port ${ports[option]} is in use (EADDRINUSE): set ${localPorts[option].variable} to another port, or 0 for a free one`,
    );
  }
  const named = busy.map((option) => `${ports[option]} (${localPorts[option].variable}, ${localPorts[option].serves})`);
  throw new Error(
    `ports ${named.slice(0, -1).join(', ')} and ${named.at(-1)} are in use (EADDRINUSE): ` +
      'set each variable to another port, or 0 for a free one',
  );
}

async function startOrNameThePort(options: Parameters<typeof startLocalMode>[0]): Promise<LocalMode> {
  try {
    return await startLocalMode(options);
  } catch (error) {
    if (!(error instanceof PortInUseError)) throw error;
    const { variable } = localPorts[error.option];
    throw new Error(`port ${error.port} is in use (EADDRINUSE): set ${variable} to another port, or 0 for a free one`);
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const { lost, rest } = swallowedByNpm(process.argv.slice(2));
  if (lost.length > 0) {
    throw new Error(
      `npm kept ${lost.map(shellWord).join(' ')} for itself (before --, options are npm's${lost.includes('-c') ? ', and it keeps only the last -c' : ''}), ` +
        `so local mode would start without ${lost.filter((word) => word.startsWith('-')).length > 1 ? 'them' : 'it'}. Options go after --: npm start -- ${[...rest, ...lost].map(shellWord).join(' ')}`,
    );
  }
  const args = options();
  if (args.help) {
    console.log(usage);
    return;
  }
  await checkContext(args.context);
  const ports = { apiPort: port('apiPort'), cognitoPort: port('cognitoPort'), webPort: port('webPort') };
  await checkPorts(ports);

  const { cdkOut, cached } = synthesize(path.join(localDir, 'synth'), args.context, (line) => console.log(line));
  const local = await startOrNameThePort({ cdkOut, stateDir: args.stateDir, ...ports, reset: args.reset });

  // Before the banner: a Ctrl-C as soon as it shows still closes the servers and flushes the journal.
  const stop = async () => {
    await local.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  const api = local.apiUrl;
  console.log(`
cognito-auth-api is running locally (${cached ? 'synth cached' : 'synthesized'}, ready in ${Date.now() - started} ms)

  Web page     ${local.webUrl}  (sign up, confirm with the code from its local mailbox panel, sign in)${corsNote(local)}
  API          ${api}
  Reference    ${local.docsUrl}  (every route, with "Try it out" against this API)
  Cognito      ${local.cognitoUrl}  (user pool ${local.userPoolId}, app client ${local.userPoolClientId})
  Mailbox      ${local.cognitoUrl}/_local/mailbox
  State        ${path.relative(process.cwd(), args.stateDir)}  (npm start -- --reset starts clean)

Try it (in another terminal, with jq):

${firstCalls(api, `${local.cognitoUrl}/_local/mailbox`)
  .split('\n')
  .map((line) => `  ${line}`)
  .join('\n')}

Or run the whole walk-through: MAILBOX=${local.cognitoUrl}/_local/mailbox scripts/smoke.sh ${api}
`);
}

/** The page can call the API only when the template's CORS origins (lib/config.ts: the dev stage's default) include it. */
function corsNote(local: LocalMode): string {
  if (!local.webUrl) return '';
  const origin = new URL(local.webUrl).origin;
  const allowed: string[] = JSON.parse(Object.values(local.model.functions)[0]?.environment.CORS_ALLOWED_ORIGINS ?? '[]');
  if (allowed.includes(origin) || allowed.includes('*')) return '';
  return `\n               (the API does not allow this origin, so the page cannot call it: add -c corsOrigins=${origin})`;
}

main().catch((error: Error) => {
  console.error(`npm start failed: ${error.message}`);
  if (error instanceof UsageError) console.error(usage);
  process.exit(1);
});

import * as fs from 'node:fs';
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
  const { configFromContext, unknownContextKeyWarnings } = await import('../lib/config');
  for (const warning of unknownContextKeyWarnings(context)) console.warn(`Warning: ${warning}`);
  const cdkJson = JSON.parse(fs.readFileSync(path.join(root, 'cdk.json'), 'utf8'));
  configFromContext({ ...cdkJson.context, ...context });
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
  const args = options();
  if (args.help) {
    console.log(usage);
    return;
  }
  await checkContext(args.context);

  const { cdkOut, cached } = synthesize(path.join(localDir, 'synth'), args.context, (line) => console.log(line));
  const local = await startOrNameThePort({
    cdkOut,
    stateDir: args.stateDir,
    apiPort: port('apiPort'),
    cognitoPort: port('cognitoPort'),
    webPort: port('webPort'),
    reset: args.reset,
  });

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

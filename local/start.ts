import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { startLocalMode } from '.';
import { synthesize } from './synth';

const root = path.join(__dirname, '..');
const localDir = path.join(root, '.local');

const usage = `usage: npm start -- [--reset] [--state-dir <dir>] [-c key=value ...]
  --reset            start from an empty user pool
  --state-dir <dir>  where users, codes and the signing key live (default .local/state)
  -c key=value       CDK context for the synth, as with cdk synth (e.g. -c passwordMinLength=16)`;

function options() {
  const { values } = parseArgs({
    options: { reset: { type: 'boolean', default: false }, 'state-dir': { type: 'string' }, context: { type: 'string', short: 'c', multiple: true } },
    strict: true,
  });
  const context: Record<string, string> = {};
  for (const pair of values.context ?? []) {
    const [key, ...rest] = pair.split('=');
    if (!key || rest.length === 0) throw new Error(`-c takes key=value, got "${pair}"\n${usage}`);
    context[key] = rest.join('=');
  }
  return { reset: values.reset, stateDir: path.resolve(values['state-dir'] ?? path.join(localDir, 'state')), context };
}

function port(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) throw new Error(`${name} must be a port number (0 picks a free one), got "${value}"`);
  return parsed;
}

async function main(): Promise<void> {
  const started = Date.now();
  let args: ReturnType<typeof options>;
  try {
    args = options();
  } catch (error) {
    throw new Error(`${(error as Error).message.split('\n')[0]}\n${usage}`);
  }

  const { cdkOut, cached } = synthesize(path.join(localDir, 'synth'), args.context);
  const local = await startLocalMode({
    cdkOut,
    stateDir: args.stateDir,
    apiPort: port('PORT', 3000),
    cognitoPort: port('COGNITO_PORT', 9229),
    webPort: port('WEB_PORT', 5173),
    reset: args.reset,
  });

  const api = local.apiUrl;
  console.log(`
cognito-auth-api is running locally (${cached ? 'synth cached' : 'synthesized'}, ready in ${Date.now() - started} ms)

  Web page     ${local.webUrl}  (sign up, confirm with the code from its local mailbox panel, sign in)${corsNote(local.webUrl)}
  API          ${api}
  Cognito      ${local.cognitoUrl}  (user pool ${local.userPoolId}, app client ${local.userPoolClientId})
  Mailbox      ${local.cognitoUrl}/_local/mailbox
  State        ${path.relative(process.cwd(), args.stateDir)}  (npm start -- --reset starts clean)

Try it (in another terminal, with jq):

  API=${api}
  EMAIL=you@example.com
  PASSWORD='correct horse battery staple'
  curl -s -X POST "\${API}sign-up" -H 'Content-Type: application/json' -d "{\\"email\\":\\"$EMAIL\\",\\"password\\":\\"$PASSWORD\\"}" | jq
  CODE=$(curl -s "${local.cognitoUrl}/_local/mailbox?to=$EMAIL" | jq -r '.[-1].code')
  curl -s -X POST "\${API}confirm" -H 'Content-Type: application/json' -d "{\\"email\\":\\"$EMAIL\\",\\"code\\":\\"$CODE\\"}" | jq
  ID_TOKEN=$(curl -s -X POST "\${API}sign-in" -H 'Content-Type: application/json' -d "{\\"email\\":\\"$EMAIL\\",\\"password\\":\\"$PASSWORD\\"}" | jq -r .idToken)
  curl -s "\${API}secret" -H "Authorization: Bearer $ID_TOKEN" | jq

Or run the whole walk-through: MAILBOX=${local.cognitoUrl}/_local/mailbox scripts/smoke.sh ${api}
`);

  const stop = async () => {
    await local.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** The API's default CORS origins (lib/config.ts) name the page at port 5173 only. */
function corsNote(webUrl: string | undefined): string {
  if (!webUrl || webUrl === 'http://127.0.0.1:5173/') return '';
  return `\n               (the API allows this origin only if cdk.json's context lists it in corsOrigins)`;
}

main().catch((error: Error) => {
  console.error(`npm start failed: ${error.message}`);
  process.exit(1);
});

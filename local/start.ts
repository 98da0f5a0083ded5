import * as path from 'node:path';
import { startLocalMode } from '.';
import { synthesize } from './synth';

const root = path.join(__dirname, '..');
const stateDir = path.join(root, '.local');

function port(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) throw new Error(`${name} must be a port number (0 picks a free one), got "${value}"`);
  return parsed;
}

async function main(): Promise<void> {
  const started = Date.now();
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== '--reset');
  if (unknown.length > 0) throw new Error(`Unknown argument ${unknown.join(' ')}: the only option is --reset`);

  const { cdkOut, cached } = synthesize(path.join(stateDir, 'synth'));
  const local = await startLocalMode({
    cdkOut,
    stateDir: path.join(stateDir, 'state'),
    apiPort: port('PORT', 3000),
    cognitoPort: port('COGNITO_PORT', 9229),
    reset: args.includes('--reset'),
  });

  const api = local.apiUrl;
  console.log(`
cognito-auth-api is running locally (${cached ? 'synth cached' : 'synthesized'}, ready in ${Date.now() - started} ms)

  API          ${api}
  Cognito      ${local.cognitoUrl}  (user pool ${local.userPoolId}, app client ${local.userPoolClientId})
  Mailbox      ${local.cognitoUrl}/_local/mailbox
  State        ${path.relative(process.cwd(), stateDir)}/state  (npm start -- --reset starts clean)

Try it (in another terminal, with jq):

  API=${api}
  EMAIL=you@example.com
  PASSWORD='correct horse battery staple'
  curl -s -X POST "\${API}sign-up" -H 'Content-Type: application/json' -d "{\\"email\\":\\"$EMAIL\\",\\"password\\":\\"$PASSWORD\\"}" | jq
  CODE=$(curl -s "${local.cognitoUrl}/_local/mailbox?to=$EMAIL" | jq -r '.[-1].code')
  curl -s -X POST "\${API}confirm" -H 'Content-Type: application/json' -d "{\\"email\\":\\"$EMAIL\\",\\"code\\":\\"$CODE\\"}" | jq
  ID_TOKEN=$(curl -s -X POST "\${API}sign-in" -H 'Content-Type: application/json' -d "{\\"email\\":\\"$EMAIL\\",\\"password\\":\\"$PASSWORD\\"}" | jq -r .idToken)
  curl -s "\${API}secret" -H "Authorization: Bearer $ID_TOKEN" | jq

Or run the whole walk-through: scripts/smoke.sh ${api}
`);

  const stop = async () => {
    await local.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: Error) => {
  console.error(`npm start failed: ${error.message}`);
  process.exit(1);
});

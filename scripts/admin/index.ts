import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { OPERATOR_FILE, type OperatorFile } from '../../local/iam-credentials';
import { shown } from '../../local/state-lock';
import { type AdminTarget, addToGroup, listUsers, removeFromGroup } from './commands';

// The SDK's notice about Node 20 is for the SDK's maintainers, not for someone adding an admin.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const root = path.join(__dirname, '..', '..');
const usage = `usage: npm run admin -- <command> [options]
  add-to-group <email> <group>       make the user a member (e.g. the first admin: add-to-group you@example.com admin)
  remove-from-group <email> <group>  end the membership
  list-users [--email <prefix>] [--limit <1-60>] [--next <token>]
Where: local mode by default (npm start must run; --state-dir as given to it), or a deployment:
  --outputs <file>   cdk deploy's --outputs-file, with the caller's AWS credentials (profile, environment)
  --stage <stage>    which stack of that file (default dev)`;

const flags = {
  'state-dir': { type: 'string' },
  outputs: { type: 'string' },
  stage: { type: 'string', default: 'dev' },
  email: { type: 'string' },
  limit: { type: 'string', default: '60' },
  next: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** A command line or a target this script cannot use: one line, printed with the usage or alone. */
class AdminError extends Error {}

type Flags = ReturnType<typeof parseArgs<{ options: typeof flags; strict: true; allowPositionals: true }>>['values'];

/** Local mode's pool, from the file it writes at start (local/iam-credentials.ts): its URL and the operator's credentials. */
function localTarget(stateDir: string): AdminTarget {
  const file = path.join(stateDir, OPERATOR_FILE);
  if (!fs.existsSync(file))
    throw new AdminError(
      `Local mode is not running with state folder ${shown(stateDir)}: start it with npm start (or pass --outputs for a deployment)`,
    );
  const operator: OperatorFile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const { AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN } = operator.credentials;
  const cognito = new CognitoIdentityProviderClient({
    endpoint: operator.endpoint,
    region: operator.region,
    credentials: { accessKeyId: AWS_ACCESS_KEY_ID, secretAccessKey: AWS_SECRET_ACCESS_KEY, sessionToken: AWS_SESSION_TOKEN },
    maxAttempts: 1,
  });
  return { cognito, userPoolId: operator.userPoolId };
}

/** A deployment: UserPoolId and Region from `cdk deploy --outputs-file`, credentials from the SDK's default chain. */
function deployedTarget(outputsFile: string, stage: string): AdminTarget {
  const stack = `CognitoAuthApi-${stage}`;
  const outputs = JSON.parse(fs.readFileSync(outputsFile, 'utf8'))[stack] as Record<string, string> | undefined;
  if (!outputs?.UserPoolId || !outputs.Region)
    throw new AdminError(
      `${outputsFile} has no UserPoolId and Region under "${stack}": deploy with --outputs-file, or give --stage`,
    );
  return { cognito: new CognitoIdentityProviderClient({ region: outputs.Region }), userPoolId: outputs.UserPoolId };
}

async function run(command: string | undefined, args: string[], values: Flags): Promise<string> {
  const target = values.outputs
    ? deployedTarget(values.outputs, values.stage)
    : localTarget(path.resolve(values['state-dir'] ?? path.join(root, '.local', 'state')));
  try {
    const [email, group] = args;
    if ((command === 'add-to-group' || command === 'remove-from-group') && (!email || !group || args.length !== 2))
      throw new AdminError(`${command} takes <email> <group>`);
    if (command === 'add-to-group') return await addToGroup(target, email, group);
    if (command === 'remove-from-group') return await removeFromGroup(target, email, group);
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 60) throw new AdminError(`--limit takes 1 to 60, got ${values.limit}`);
    return await listUsers(target, { prefix: values.email, limit, next: values.next });
  } finally {
    target.cognito.destroy();
  }
}

async function main(): Promise<number> {
  let parsed: { values: Flags; positionals: string[] };
  try {
    parsed = parseArgs({ options: flags, strict: true, allowPositionals: true });
  } catch (error) {
    console.error(`${(error as Error).message.split('. ')[0]}\n${usage}`);
    return 2;
  }
  const [command, ...args] = parsed.positionals;
  if (parsed.values.help) {
    console.log(usage);
    return 0;
  }
  if (!['add-to-group', 'remove-from-group', 'list-users'].includes(command ?? '')) {
    console.error(`${command ? `Unknown command ${command}` : 'No command'}\n${usage}`);
    return 2;
  }
  try {
    console.log(await run(command, args, parsed.values));
    return 0;
  } catch (error) {
    // Cognito's own exception name and message (UserNotFoundException: User does not exist.), never a stack trace.
    const { name, message } = error as Error;
    console.error(error instanceof AdminError ? message : `${name}: ${message}`);
    return 1;
  }
}

main().then((code) => {
  process.exitCode = code;
});

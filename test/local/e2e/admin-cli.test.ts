import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { decodeJwt } from 'jose';
import type { SignInResponse } from '../../../contract/responses';
import { bootLocal, type LocalClient } from '../../support/local-mode';

// npm run admin as the README shows it, against local mode: the operator's credentials come from
// the state folder, and the twin holds them to the operator's policy like any other.
const root = path.join(__dirname, '..', '..', '..');
/** Each command is a process of its own, as a person runs it: a tsx start, seconds on a loaded machine. */
const CLI_TEST_TIMEOUT_MS = 90_000;
let client: LocalClient;
beforeAll(async () => {
  client = await bootLocal();
});
afterAll(() => client?.close());

async function admin(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
  try {
    const { stdout, stderr } = await promisify(execFile)(
      tsx,
      ['scripts/admin/index.ts', ...args, '--state-dir', client.stateDir],
      {
        cwd: root,
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

test(
  'add-to-group makes the first admin: the next sign-in carries cognito:groups ["admin"]; list-users shows it',
  async () => {
    await client.signUp('first@example.com');
    const added = await admin('add-to-group', 'first@example.com', 'admin');
    expect(added).toMatchObject({ code: 0, stdout: expect.stringContaining('first@example.com is in admin') });
    const { idToken, accessToken } = (await client.signIn('first@example.com')).body as SignInResponse;
    expect([decodeJwt(idToken)['cognito:groups'], decodeJwt(accessToken)['cognito:groups']]).toEqual([['admin'], ['admin']]);
    const listed = await admin('list-users', '--email', 'first');
    expect(listed.stdout.trim()).toBe('first@example.com\tCONFIRMED\tenabled\tadmin');
    const removed = await admin('remove-from-group', 'first@example.com', 'admin');
    expect(removed.code).toBe(0);
    expect((await admin('list-users', '--email', 'first')).stdout.trim()).toBe('first@example.com\tCONFIRMED\tenabled\t-');
  },
  CLI_TEST_TIMEOUT_MS,
);

test(
  "an unknown user or group is Cognito's exception in one line, exit 1; a bad command line is the usage, exit 2",
  async () => {
    expect(await admin('add-to-group', 'nobody@example.com', 'admin')).toMatchObject({
      code: 1,
      stderr: 'UserNotFoundException: User does not exist.\n',
    });
    await client.signUp('second@example.com');
    expect(await admin('add-to-group', 'second@example.com', 'owners')).toMatchObject({
      code: 1,
      stderr: 'ResourceNotFoundException: Group not found.\n',
    });
    const usage = await admin('promote', 'second@example.com');
    expect([usage.code, usage.stderr.split('\n')[0]]).toEqual([2, 'Unknown command promote']);
  },
  CLI_TEST_TIMEOUT_MS,
);

test(
  'the operator file is readable by its owner only, and a forged copy of it administers nothing',
  async () => {
    const file = path.join(client.stateDir, 'operator.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const operator = JSON.parse(fs.readFileSync(file, 'utf8'));
    const forged = path.join(client.stateDir, 'forged');
    fs.mkdirSync(forged);
    const wrongSecret = { ...operator.credentials, AWS_SECRET_ACCESS_KEY: `x${operator.credentials.AWS_SECRET_ACCESS_KEY}` };
    fs.writeFileSync(path.join(forged, 'operator.json'), JSON.stringify({ ...operator, credentials: wrongSecret }));
    const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
    const run = await promisify(execFile)(tsx, ['scripts/admin/index.ts', 'list-users', '--state-dir', forged], {
      cwd: root,
    }).catch((error: { code: number; stderr: string }) => error);
    expect(run).toMatchObject({ code: 1, stderr: expect.stringMatching(/^InvalidSignatureException: /) });
  },
  CLI_TEST_TIMEOUT_MS,
);

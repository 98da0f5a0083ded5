import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { firstCalls } from '../../../local/first-calls';
import { bootLocal, type LocalClient } from '../../support/local-mode';
import { copyOfTree } from '../../support/tree-copy';

/**
 * docs/profile.md's "Add a custom attribute", followed word for word in a copy of the tree: each
 * `find` block must be in the repository as written, and its `replace` block takes its place. The
 * copy then type-checks, has the field in its OpenAPI document, synthesizes through the real CDK
 * CLI with the attribute in the pool's Schema and the app client's attributes (and refuses to
 * without step 1), and answers the guide's curl calls in local mode as the guide says.
 */
const root = path.join(__dirname, '..', '..', '..');
const guide = fs.readFileSync(path.join(root, 'docs', 'profile.md'), 'utf8');
const TIMEOUT_MS = 300_000;

interface Edit {
  readonly file: string;
  readonly find: string;
  readonly replace: string;
}
const blocks = [...guide.matchAll(/<!-- profile: (find|replace) (\S+) -->\n```ts\n([\s\S]*?)```/g)].map(
  ([, action, file, text]) => ({ action, file, text }),
);
const edits: Edit[] = blocks.flatMap((block, index) => {
  const next = blocks[index + 1];
  return block.action === 'find' && next?.action === 'replace' && next.file === block.file
    ? [{ file: block.file, find: block.text, replace: next.text }]
    : [];
});
const curlBlock = [...guide.matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => m[1])[0];

let tree: string;
let client: LocalClient | undefined;
const read = (file: string) => fs.readFileSync(path.join(tree, file), 'utf8');
const run = (command: string, args: string[], env: NodeJS.ProcessEnv = {}) =>
  promisify(execFile)(command, args, { cwd: tree, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
const follow = (edit: Edit) => fs.writeFileSync(path.join(tree, edit.file), read(edit.file).replace(edit.find, edit.replace));
const synth = (out: string) =>
  run('npx', ['cdk', 'synth', '--quiet', '--no-notices', '-o', out], {
    CDK_DEFAULT_ACCOUNT: '123456789012',
    AWS_REGION: 'eu-west-1',
  });

beforeAll(() => {
  tree = copyOfTree('profile-guide-');
});
afterAll(async () => {
  await client?.close();
  fs.rmSync(tree, { recursive: true, force: true });
});

test('the guide has its two edits, each found in the repository exactly once as written', () => {
  expect(edits.map((edit) => edit.file)).toEqual(['lib/user-pool.ts', 'contract/profile.ts']);
  for (const edit of edits) expect(read(edit.file).split(edit.find)).toHaveLength(2);
  // The shipped pool has no custom attribute: adding one cannot be undone (docs/profile.md).
  expect(read('lib/user-pool.ts')).not.toContain('custom:team');
});

test(
  'the profile row alone type-checks, but the synth stops: the pool has no such custom attribute',
  async () => {
    follow(edits[1]);
    await run('npx', ['tsc', '--noEmit']);
    await expect(synth(path.join(tree, 'cdk.out.refused'))).rejects.toMatchObject({
      stderr: expect.stringContaining('contract/profile.ts names attributes Cognito does not have: custom:team'),
    });
  },
  TIMEOUT_MS,
);

test(
  "with both steps: the OpenAPI document has the field, and the real CLI's template has the attribute in the pool and the client",
  async () => {
    follow(edits[0]);
    await run('npx', ['tsc', '--noEmit']);
    await run('npx', ['tsx', 'scripts/openapi.ts']);
    const openapi = JSON.parse(read('docs/openapi.json'));
    const body = openapi.paths['/me'].patch.requestBody.content['application/json'].schema;
    const schemaOf = (s: { $ref?: string }) => (s.$ref ? openapi.components.schemas[s.$ref.split('/').pop() as string] : s);
    expect(schemaOf(body).properties.team).toMatchObject({ type: 'string', maxLength: 64 });

    const out = path.join(tree, 'cdk.out');
    await synth(out);
    const templateFile = fs.readdirSync(out).find((file) => file.endsWith('.template.json')) as string;
    const resources = Object.values<{ Type: string; Properties: Record<string, unknown> }>(
      JSON.parse(fs.readFileSync(path.join(out, templateFile), 'utf8')).Resources,
    );
    const pool = resources.find((r) => r.Type === 'AWS::Cognito::UserPool');
    expect(pool?.Properties.Schema).toContainEqual({
      Name: 'team',
      AttributeDataType: 'String',
      Mutable: true,
      StringAttributeConstraints: { MinLength: '1', MaxLength: '64' },
    });
    const appClient = resources.find((r) => r.Type === 'AWS::Cognito::UserPoolClient');
    expect(appClient?.Properties.ReadAttributes).toEqual(expect.arrayContaining(['name', 'custom:team']));
    expect(appClient?.Properties.WriteAttributes).toEqual(expect.arrayContaining(['name', 'custom:team']));

    client = await bootLocal(out);
    const script = `${firstCalls(client.local.apiUrl, `${client.local.cognitoUrl}/_local/mailbox`)}\n${curlBlock}`;
    const { stdout } = await promisify(execFile)('bash', ['-eo', 'pipefail', '-c', script]);
    expect(stdout.trimEnd().split('\n').slice(-4)).toEqual([
      '{"name":"Ann Lee","team":"Platform"}',
      '{"name":"Ann Lee","team":"Platform"}',
      'Platform',
      'InvalidRequest',
    ]);
  },
  TIMEOUT_MS,
);

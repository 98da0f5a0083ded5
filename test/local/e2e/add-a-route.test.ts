import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { firstCalls } from '../../../local/first-calls';
import { bootLocal, type LocalClient } from '../../support/local-mode';
import { copyOfTree } from '../../support/tree-copy';

/**
 * docs/add-a-route.md, followed in a copy of the tree: the shipped example (GET /notes/{id}) is
 * taken out by the guide's own blocks, which must each be in the repository verbatim, then put back
 * the way the guide says (a file, appended declarations, the imports, a row). The copy then
 * synthesizes through the real CDK CLI with the route in the template, answers the guide's curl
 * calls in local mode over HTTP as the guide says, has the route in its OpenAPI document, and runs
 * the generic unit tests with it.
 */
const root = path.join(__dirname, '..', '..', '..');
const guide = fs.readFileSync(path.join(root, 'docs', 'add-a-route.md'), 'utf8');
const TIMEOUT_MS = 240_000;

interface Step {
  readonly action: 'append' | 'create' | 'imports' | 'row';
  readonly file: string;
  readonly text: string;
}
const steps: Step[] = [...guide.matchAll(/<!-- add-a-route: (\w+) (\S+) -->\n```ts\n([\s\S]*?)```/g)].map(
  ([, action, file, text]) => ({ action: action as Step['action'], file, text }),
);
const [curlBlock] = [...guide.matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => m[1]);
const TABLE_END = '] as const satisfies readonly RouteSpec[];';

/** The names an import block brings in. */
const importedNames = (block: string) =>
  [...block.matchAll(/import \{ ([^}]+) \}/g)].flatMap(([, names]) => names.split(',').map((n) => n.trim()));

const read = (tree: string, file: string) => fs.readFileSync(path.join(tree, file), 'utf8');
const write = (tree: string, file: string, text: string) => fs.writeFileSync(path.join(tree, file), text);

/** Takes the shipped example out of the copy by the guide's blocks; each must be in the tree as written. */
function takeOut(tree: string, step: Step): void {
  if (step.action === 'create') {
    expect(read(tree, step.file)).toBe(step.text);
    fs.rmSync(path.join(tree, step.file));
  } else if (step.action === 'imports') {
    let source = read(tree, step.file);
    for (const name of importedNames(step.text)) {
      expect(source).toMatch(new RegExp(`\\b${name},\\n`));
      source = source.replace(new RegExp(`\\n\\s*${name},`), '');
    }
    write(tree, step.file, source);
  } else {
    const source = read(tree, step.file);
    expect(source).toContain(step.text);
    write(tree, step.file, source.replace(step.action === 'append' ? `\n${step.text}` : step.text, ''));
  }
}

/** Does what the guide's step says. */
function follow(tree: string, step: Step): void {
  const source = step.action === 'create' ? '' : read(tree, step.file);
  if (step.action === 'create') write(tree, step.file, step.text);
  if (step.action === 'append') write(tree, step.file, `${source}\n${step.text}`);
  if (step.action === 'imports') write(tree, step.file, step.text + source);
  if (step.action === 'row') write(tree, step.file, source.replace(TABLE_END, step.text + TABLE_END));
}

let tree: string;
let client: LocalClient | undefined;
const run = (command: string, args: string[], env: NodeJS.ProcessEnv = {}) =>
  promisify(execFile)(command, args, { cwd: tree, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });

beforeAll(() => {
  tree = copyOfTree('add-a-route-');
});
afterAll(async () => {
  await client?.close();
  fs.rmSync(tree, { recursive: true, force: true });
});

test('the guide has its five steps, each in the repository as written, and they take the example out', () => {
  expect(steps.map((step) => `${step.action} ${step.file}`)).toEqual([
    'append contract/requests.ts',
    'append contract/responses.ts',
    'create lambda/get-note.ts',
    'imports contract/routes.ts',
    'row contract/routes.ts',
  ]);
  for (const step of steps) takeOut(tree, step);
  expect(read(tree, 'contract/routes.ts')).not.toContain('/notes/{id}');
  expect(fs.existsSync(path.join(tree, 'lambda/get-note.ts'))).toBe(false);
});

test(
  'followed, the steps give a tree that type-checks and whose generic unit tests hold the new route',
  async () => {
    for (const step of steps) follow(tree, step);
    await run('npx', ['tsc', '--noEmit']);
    await run('npx', ['tsx', 'scripts/openapi.ts']);
    const openapi = JSON.parse(read(tree, 'docs/openapi.json'));
    expect(openapi.paths['/notes/{id}'].get.parameters).toEqual([
      expect.objectContaining({ name: 'id', in: 'path', required: true }),
    ]);
    const { stdout } = await run('npx', ['jest', 'test/contract/routes.test.ts', '-t', 'GET /notes', '--json']);
    const results = JSON.parse(stdout);
    expect(results.numPassedTests).toBeGreaterThanOrEqual(1);
    expect(results.numFailedTests).toBe(0);
  },
  TIMEOUT_MS,
);

test(
  "the real CDK CLI synthesizes the route, and local mode answers the guide's calls as it says",
  async () => {
    const out = path.join(tree, 'cdk.out');
    await run('npx', ['cdk', 'synth', '--quiet', '--no-notices', '-o', out], {
      CDK_DEFAULT_ACCOUNT: '123456789012',
      AWS_REGION: 'eu-west-1',
    });
    const templateFile = fs.readdirSync(out).find((file) => file.endsWith('.template.json')) as string;
    const template = JSON.parse(read(out, templateFile));
    const resources = Object.values<{ Type: string; Properties: { PathPart?: string } }>(template.Resources);
    expect(resources.filter((r) => r.Type === 'AWS::ApiGateway::Resource').map((r) => r.Properties.PathPart)).toEqual(
      expect.arrayContaining(['notes', '{id}']),
    );

    client = await bootLocal(out);
    const script = `${firstCalls(client.local.apiUrl, `${client.local.cognitoUrl}/_local/mailbox`)}\n${curlBlock}`;
    const { stdout } = await promisify(execFile)('bash', ['-eo', 'pipefail', '-c', script]);
    expect(stdout.trimEnd().split('\n').slice(-3)).toEqual(['{"id":"n-42","owner":true}', '401', 'InvalidRequest']);
  },
  TIMEOUT_MS,
);

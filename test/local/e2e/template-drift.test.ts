import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { AuthRestApi } from '../../../lib/auth-rest-api';
import { loadStackModel } from '../../../local/stack-model';
import { buildStack } from '../../support/build-stack';
import { bootLocal, type LocalClient } from '../../support/local-mode';

// Local mode reads the synthesized template, so a change to the stack shows up locally with no
// second copy to update: a route added to a test stack is served, and its settings are followed.
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'drift-'));
let client: LocalClient;

/** The stack with two routes added, GET /public's function logging from WARN up, and other settings, synthesized without bundling: its cloud assembly's manifest and template. */
function synthChangedStack(): { manifest: unknown; templateFile: string; template: any } {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'drift-synth-'));
  try {
    const { app, stack } = buildStack({
      outdir: scratch,
      context: { passwordMinLength: '20', stage: 'drift', 'aws:cdk:enable-asset-metadata': true },
    });
    const authorizer = stack.node
      .findAll()
      .find((c): c is apigateway.CognitoUserPoolsAuthorizer => c instanceof apigateway.CognitoUserPoolsAuthorizer);
    const extra = (stack.api as AuthRestApi).api.root.addResource('extra');
    extra.addMethod('GET', new apigateway.LambdaIntegration(stack.api.functions.public.function));
    extra.addMethod('DELETE', new apigateway.LambdaIntegration(stack.api.functions.secret.function), {
      authorizer,
      authorizationType: apigateway.AuthorizationType.COGNITO,
    });
    (stack.api.functions.public.function.node.defaultChild as lambda.CfnFunction).addPropertyOverride(
      'LoggingConfig.ApplicationLogLevel',
      'WARN',
    );
    app.synth();
    const templateFile = `${stack.stackName}.template.json`;
    const read = (name: string) => JSON.parse(fs.readFileSync(path.join(scratch, name), 'utf8'));
    return { manifest: read('manifest.json'), templateFile, template: read(templateFile) };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

// An in-process synth and a local mode start: tens of seconds on a busy two-core machine.
beforeAll(async () => {
  const { manifest, templateFile, template } = synthChangedStack();
  // Each function runs the bundle the run's real synth made for the same logical id: the code is
  // the same, only the template differs, and bundling eleven handlers again would take most of
  // this suite's time.
  const bundles = loadStackModel(process.env.TEST_CDK_OUT as string, 'us-east-1').functions;
  for (const [id, resource] of Object.entries<any>(template.Resources)) {
    if (resource.Type === 'AWS::Lambda::Function') resource.Metadata['aws:asset:path'] = bundles[id].codeDir;
  }
  fs.writeFileSync(path.join(outdir, 'manifest.json'), JSON.stringify(manifest));
  fs.writeFileSync(path.join(outdir, templateFile), JSON.stringify(template));
  client = await bootLocal(outdir);
}, 120_000);
afterAll(async () => {
  await client?.close();
  fs.rmSync(outdir, { recursive: true, force: true });
});

test('the stage name comes from the template', () => {
  expect(client.local.apiUrl).toMatch(/\/drift\/$/);
});

test('a route added to the stack is served', async () => {
  const { status, body } = await client.call('GET', 'extra');
  expect(status).toBe(200);
  expect(body.message).toEqual(expect.any(String));
});

test('a route added behind the authorizer is guarded by it', async () => {
  expect((await client.call('DELETE', 'extra')).status).toBe(401);
  const { idToken } = await client.signedInUser('drift@example.com', 'twenty characters long!');
  expect((await client.call('DELETE', 'extra', { headers: { Authorization: idToken } })).status).toBe(200);
});

test('the password policy follows the template: 19 characters are now too few', async () => {
  const { status, body } = await client.call('POST', 'sign-up', {
    body: { email: 'policy@example.com', password: 'nineteen characters' },
  });
  expect(status).toBe(400);
  expect(body).toEqual({ code: 'InvalidPassword', message: expect.stringContaining('at least 20 characters') });
});

test("a function's application log level follows the template: at WARN, its request lines are dropped", async () => {
  const handlerLine = (requestId: string | null) =>
    client.logs.find((line) => line.startsWith('{') && JSON.parse(line).message?.apiRequestId === requestId);
  const quiet = (await client.call('GET', 'extra')).headers.get('x-amzn-requestid');
  // Sign-up's function still logs at INFO: once its line is in, the other function has had time to write.
  const marker = (
    await client.call('POST', 'sign-up', { body: { email: 'levels@example.com', password: 'too short' } })
  ).headers.get('x-amzn-requestid');
  for (let waited = 0; waited < 5_000 && !handlerLine(marker); waited += 20)
    await new Promise((resolve) => setTimeout(resolve, 20));
  expect(handlerLine(marker)).toBeDefined();
  expect(handlerLine(quiet)).toBeUndefined();
});

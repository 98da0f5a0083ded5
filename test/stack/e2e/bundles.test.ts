import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDeployed, type RouteSpec, routes } from '../../../contract/routes';
import { configFromContext } from '../../../lib/config';
import { loadStackModel } from '../../../local/stack-model';

// The run's one real synth of bin/app.ts (test/support/global-setup.ts), bundles included.
const cdkOut = process.env.TEST_CDK_OUT as string;
const functions = Object.values(loadStackModel(cdkOut, 'us-east-1').functions);

test('the app bundles one asset per handler of the route table it deploys with the default settings', () => {
  const deployed = (routes as readonly RouteSpec[]).filter((r) => isDeployed(r, configFromContext({})));
  expect(functions).toHaveLength(new Set(deployed.map((r) => r.handler)).size);
});

test.each(functions.map((fn) => [fn.logicalId, fn]))(
  '%s: its bundle loads in a fresh Node.js and exports the handler',
  (_, fn) => {
    const [file, exportName] = fn.handler.split('.');
    const entry = path.join(fn.codeDir, `${file}.js`);
    expect(fs.existsSync(entry)).toBe(true);
    // A fresh process, as a Lambda container loads it: no jest module registry, no swc.
    const exported = execFileSync(
      process.execPath,
      ['-e', `process.stdout.write(typeof require(${JSON.stringify(entry)})[${JSON.stringify(exportName)}])`],
      {
        env: { PATH: process.env.PATH, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      },
    ).toString();
    expect(exported).toBe('function');
  },
);

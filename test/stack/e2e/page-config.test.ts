import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isDeployed, type RouteSpec, routes } from '../../../contract/routes';
import type { PageConfig } from '../../../web/page-config';
import { buildStack } from '../../support/build-stack';

type OpenApi = { servers: Array<{ url: string }>; paths: Record<string, Record<string, unknown>> };

/**
 * The config.json and openapi.json the deploy uploads beside the pages, read from the cloud
 * assembly as `cdk deploy` would publish them: Source.jsonData stages each as a directory asset,
 * and the bucket deployment names that asset's zip among its SourceObjectKeys. A synth with an
 * outdir: the e2e tier's.
 */
function deployedSiteFiles(context: Record<string, string>): { config: PageConfig; openApi: OpenApi } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'page-config-'));
  try {
    const { app, stack } = buildStack({ outdir, context: { site: 'true', ...context } });
    app.synth();
    const template = JSON.parse(fs.readFileSync(path.join(outdir, `${stack.stackName}.template.json`), 'utf8'));
    const [deployment] = Object.values<any>(template.Resources).filter((r) => r.Type === 'Custom::CDKBucketDeployment');
    const read = (name: string) => {
      const files = (deployment.Properties.SourceObjectKeys as string[])
        .map((key) => path.join(outdir, `asset.${key.replace(/\.zip$/, '')}`, name))
        .filter((file) => fs.existsSync(file));
      expect(files).toHaveLength(1);
      return JSON.parse(fs.readFileSync(files[0], 'utf8'));
    };
    return { config: read('config.json'), openApi: read('openapi.json') };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

test.each([
  [{}, 'optional'],
  [{ mfa: 'off' }, 'off'],
  [{ mfa: 'true' }, 'optional'],
  [{ mfa: 'required' }, 'required'],
])('with %j the deployed config.json tells the page mfa=%s, and the API URL is filled in at deploy time', (context, mfa) => {
  const { config, openApi } = deployedSiteFiles(context);
  expect(config.mfa).toBe(mfa);
  // The URL's tokens are markers the deployment's handler replaces with the stack's values.
  expect(config.apiUrl).toMatch(/^https:\/\/<<marker:0xbaba:\d+>>/);
  // The reference page's document: this deployment's routes, its server the stage's URL without the final slash.
  expect(openApi.servers).toEqual([{ url: expect.stringMatching(/^https:\/\/<<marker:0xbaba:\d+>>.*\/<<marker:0xbaba:\d+>>$/) }]);
  const documented = Object.entries(openApi.paths).flatMap(([route, methods]) =>
    Object.keys(methods).map((method) => `${method.toUpperCase()} ${route}`),
  );
  const deployed = (routes as readonly RouteSpec[])
    .filter((route) => isDeployed(route, { identityPool: true, mfa: mfa as 'off' | 'optional' | 'required', passwordless: [] }))
    .map((route) => `${route.method} ${route.path}`);
  expect(documented.sort()).toEqual(deployed.sort());
});

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { PageConfig } from '../../../web/page-config';
import { buildStack } from '../../support/build-stack';

/**
 * The config.json the deploy uploads beside the page, read from the cloud assembly as `cdk deploy`
 * would publish it: Source.jsonData stages it as a directory asset, and the bucket deployment names
 * that asset's zip among its SourceObjectKeys. A synth with an outdir: the e2e tier's.
 */
function deployedPageConfig(context: Record<string, string>): PageConfig {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'page-config-'));
  try {
    const { app, stack } = buildStack({ outdir, context: { site: 'true', ...context } });
    app.synth();
    const template = JSON.parse(fs.readFileSync(path.join(outdir, `${stack.stackName}.template.json`), 'utf8'));
    const [deployment] = Object.values<any>(template.Resources).filter((r) => r.Type === 'Custom::CDKBucketDeployment');
    const configs = (deployment.Properties.SourceObjectKeys as string[])
      .map((key) => path.join(outdir, `asset.${key.replace(/\.zip$/, '')}`, 'config.json'))
      .filter((file) => fs.existsSync(file));
    expect(configs).toHaveLength(1);
    return JSON.parse(fs.readFileSync(configs[0], 'utf8'));
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
  const config = deployedPageConfig(context);
  expect(config.mfa).toBe(mfa);
  // The URL's tokens are markers the deployment's handler replaces with the stack's values.
  expect(config.apiUrl).toMatch(/^https:\/\/<<marker:0xbaba:\d+>>/);
});

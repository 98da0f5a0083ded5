import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Secret, TOTP } from 'otpauth';
import { loadStackModel } from '../../../local/stack-model';
import { synthesize } from '../../../local/synth';
import { buildStack } from '../../support/build-stack';
import { type Flavor, flavorContext } from '../../support/flavors';
import { type BootOptions, bootLocal, type LocalClient } from '../../support/local-mode';

/** One TOTP step (RFC 6238's default, and Cognito's). */
export const STEP_MS = 30_000;

/** What /sign-in and /sign-in/totp answer with: the tokens of a completed sign-in. */
export const SIGNED_IN = {
  idToken: expect.any(String),
  accessToken: expect.any(String),
  refreshToken: expect.any(String),
  expiresIn: 3600,
  tokenType: 'Bearer',
};

/** Every session, key and code a suite handled, so that its last test can check that none reached a log line. */
export class HandledSecrets {
  readonly sessions: string[] = [];
  readonly secrets: string[] = [];
  readonly codes: string[] = [];

  /** Those some line of `logs` holds: a session by its first 40 characters, a code as a whole word. */
  leakedInto(logs: readonly string[]): string[] {
    const logged = logs.join('\n');
    return [
      ...this.sessions.filter((session) => logged.includes(session.slice(0, 40))),
      ...this.secrets.filter((secret) => logged.includes(secret)),
      ...this.codes.filter((totp) => new RegExp(`\\b${totp}\\b`).test(logged)),
    ];
  }
}

/**
 * Local mode for the two-factor suites: the stack synthesized with the given `mfa` context, and the
 * twin on a clock that stands still until the test moves it, so a TOTP code's 30-second step and a
 * sign-in session's 10 minutes are the test's to choose, never a race with the wall clock.
 */
export interface MfaLocal extends LocalClient {
  /** Moves the twin's clock forward. */
  advance(ms: number): void;
  /** The code an authenticator app with this key shows at the twin's time, `offsetMs` away. */
  codeFor(secret: string, offsetMs?: number): string;
}

/**
 * The stack with this context, synthesized without bundling (about a second), each function pointed at the bundle the
 * run's real synth (the default config) made for the same logical id: `mfa` changes the template (routes, pool,
 * environment), not the handlers' code. `bundlesFrom`: another real synth to borrow from, one that deploys every
 * function of this context (the same context in the other API flavor). The caller removes the folder it returns.
 */
export function cloudAssemblyWith(context: Record<string, string>, bundlesFrom = process.env.TEST_CDK_OUT): string {
  const cdkOut = bundlesFrom;
  if (!cdkOut) throw new Error('TEST_CDK_OUT is not set: run through jest (test/support/e2e-global-setup.ts)');
  const { manifest, templateFile, template } = (() => {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'mfa-synth-'));
    try {
      const { app, stack } = buildStack({ outdir: scratch, context: { ...context, 'aws:cdk:enable-asset-metadata': true } });
      app.synth();
      const file = `${stack.stackName}.template.json`;
      const read = (name: string) => JSON.parse(fs.readFileSync(path.join(scratch, name), 'utf8'));
      return { manifest: read('manifest.json'), templateFile: file, template: read(file) };
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  })();
  const bundles = loadStackModel(cdkOut, 'us-east-1').functions;
  for (const [id, resource] of Object.entries<any>(template.Resources)) {
    if (resource.Type !== 'AWS::Lambda::Function') continue;
    if (!bundles[id]) {
      throw new Error(
        `function ${id} of the stack with ${JSON.stringify(context)} has no bundle in the run's synth (${cdkOut}): ` +
          `cloudAssemblyWith borrows the bundles of that synth, so it must deploy every function`,
      );
    }
    resource.Metadata['aws:asset:path'] = bundles[id].codeDir;
  }
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'mfa-assembly-'));
  fs.writeFileSync(path.join(outdir, 'manifest.json'), JSON.stringify(manifest));
  fs.writeFileSync(path.join(outdir, templateFile), JSON.stringify(template));
  return outdir;
}

/**
 * Local mode from a real synth of the stack with this context, bundling included, through local mode's own synth
 * cache (as `npm start -c …` runs it; bundles of unchanged handlers are reused): for a context that deploys handlers
 * the default config does not, which cloudAssemblyWith cannot borrow (-c passwordless's routes).
 */
export function bootLocalBundled(context: Record<string, string>, options: BootOptions = {}): Promise<LocalClient> {
  // A cache of its own: local/synth.ts keeps a folder's four newest synths, and these contexts beside
  // npm start's would push out the run's own (test/support/e2e-global-setup.ts) while suites use it.
  const { cdkOut } = synthesize(path.join(__dirname, '..', '..', '..', '.local', 'synth-contexts'), context);
  return bootLocal(cdkOut, options);
}

/**
 * Local mode for this API flavor with a context that deploys handlers the default config does not (-c passwordless's
 * routes): the REST flavor from bootLocalBundled's real synth, the HTTP flavor from an in-process synth whose functions
 * borrow that synth's bundles (cloudAssemblyWith), so the second flavor bundles nothing.
 */
export async function bootFlavorBundled(
  flavor: Flavor,
  context: Record<string, string>,
  options: BootOptions = {},
): Promise<LocalClient> {
  if (flavor === 'rest') return bootLocalBundled(context, options);
  const { cdkOut: bundled } = synthesize(path.join(__dirname, '..', '..', '..', '.local', 'synth-contexts'), context);
  return withAssembly(cloudAssemblyWith(flavorContext(flavor, context) ?? context, bundled), options);
}

/** Local mode on an assembly made for it; closing it also removes the assembly. */
async function withAssembly(cdkOut: string | undefined, options: BootOptions): Promise<LocalClient> {
  const client = await bootLocal(cdkOut, options);
  return {
    ...client,
    close: async () => {
      await client.close();
      if (cdkOut) fs.rmSync(cdkOut, { recursive: true, force: true });
    },
  };
}

/**
 * Local mode from the run's assembly, or, given a context, from the stack synthesized with it
 * (cloudAssemblyWith); closing it also removes that assembly.
 */
export async function bootLocalWith(context?: Record<string, string>, options: BootOptions = {}): Promise<LocalClient> {
  return withAssembly(context && cloudAssemblyWith(context), options);
}

/**
 * Local mode for this API flavor's stack (docs/http-api.md), with `context` on top: the REST flavor
 * with no context boots the run's own assembly, any other from an in-process synth (cloudAssemblyWith).
 */
export function bootFlavor(flavor: Flavor, context?: Record<string, string>, options: BootOptions = {}): Promise<LocalClient> {
  return bootLocalWith(flavorContext(flavor, context), options);
}

/** Local mode for `mfa` (`undefined`: the default, optional) and the API flavor, on free ports, from an empty pool. */
export async function bootMfaLocal(mfa?: 'required' | 'off', flavor: Flavor = 'rest'): Promise<MfaLocal> {
  let clock = Date.now();
  const client = await bootFlavor(flavor, mfa === undefined ? undefined : { mfa }, { now: () => clock });
  return {
    ...client,
    advance: (ms) => {
      clock += ms;
    },
    codeFor: (secret, offsetMs = 0) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: clock + offsetMs }),
  };
}

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Secret, TOTP } from 'otpauth';
import { type LocalMode, startLocalMode } from '../../../local';
import { loadStackModel } from '../../../local/stack-model';
import { buildStack } from '../../support/build-stack';

export const PASSWORD = 'correct horse battery staple';
/** One TOTP step (RFC 6238's default, and Cognito's). */
export const STEP_MS = 30_000;

export interface Answer {
  status: number;
  body: any;
  text: string;
}

/**
 * Local mode for the two-factor suites: the stack synthesized with the given `mfa` context, and the
 * twin on a clock that stands still until the test moves it, so a TOTP code's 30-second step and a
 * sign-in session's 10 minutes are the test's to choose, never a race with the wall clock.
 */
export interface MfaLocal {
  readonly local: LocalMode;
  /** Every line local mode printed: the gateway's, the twin's and the handlers' (their JSON lines). */
  readonly logs: string[];
  call(method: string, route: string, options?: { body?: unknown; token?: string }): Promise<Answer>;
  /** Signs up and confirms with the mailed code; no sign-in. */
  signUp(email: string): Promise<void>;
  signIn(email: string, password?: string): Promise<Answer>;
  /** The twin's clock, in ms since the epoch. */
  now(): number;
  /** Moves the twin's clock forward. */
  advance(ms: number): void;
  /** The code an authenticator app with this key shows at the twin's time, `offsetMs` away. */
  codeFor(secret: string, offsetMs?: number): string;
  close(): Promise<void>;
}

/**
 * The stack with this context, synthesized without bundling (about a second), each function pointed at the bundle the run's real synth made for the same logical
 * id: `mfa` changes the template (routes, pool, environment), not the handlers' code.
 */
function cloudAssemblyWith(context: Record<string, string>): string {
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
  const bundles = loadStackModel(process.env.TEST_CDK_OUT as string, 'us-east-1').functions;
  for (const [id, resource] of Object.entries<any>(template.Resources)) {
    if (resource.Type === 'AWS::Lambda::Function') resource.Metadata['aws:asset:path'] = bundles[id].codeDir;
  }
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'mfa-assembly-'));
  fs.writeFileSync(path.join(outdir, 'manifest.json'), JSON.stringify(manifest));
  fs.writeFileSync(path.join(outdir, templateFile), JSON.stringify(template));
  return outdir;
}

/** Local mode for `mfa` (`undefined`: the default, optional), on free ports, from an empty pool. */
export async function bootMfaLocal(mfa?: 'required' | 'off'): Promise<MfaLocal> {
  if (!process.env.TEST_CDK_OUT) throw new Error('TEST_CDK_OUT is not set: run through jest (test/support/e2e-global-setup.ts)');
  const cdkOut = mfa === undefined ? process.env.TEST_CDK_OUT : cloudAssemblyWith({ mfa });
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mfa-local-'));
  const logs: string[] = [];
  let clock = Date.now();
  const local = await startLocalMode({
    cdkOut,
    stateDir,
    apiPort: 0,
    cognitoPort: 0,
    log: (line) => logs.push(line),
    scryptCost: 1024,
    now: () => clock,
  });

  const call: MfaLocal['call'] = async (method, route, { body, token } = {}) => {
    const response = await fetch(new URL(route, local.apiUrl), {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: response.status, body: parsed, text };
  };

  return {
    local,
    logs,
    call,
    signUp: async (email) => {
      expect((await call('POST', 'sign-up', { body: { email, password: PASSWORD } })).status).toBe(201);
      const mails = local.mailbox().filter((mail) => mail.to === email);
      const confirmed = await call('POST', 'confirm', { body: { email, code: mails[mails.length - 1].code } });
      expect(confirmed.status).toBe(200);
    },
    signIn: (email, password = PASSWORD) => call('POST', 'sign-in', { body: { email, password } }),
    now: () => clock,
    advance: (ms) => {
      clock += ms;
    },
    codeFor: (secret, offsetMs = 0) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: clock + offsetMs }),
    close: async () => {
      await local.close();
      fs.rmSync(stateDir, { recursive: true, force: true });
      if (cdkOut !== process.env.TEST_CDK_OUT) fs.rmSync(cdkOut, { recursive: true, force: true });
    },
  };
}

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { SignInResponse } from '../../contract/responses';
import { type LocalMode, startLocalMode } from '../../local';

export interface LocalClient {
  readonly local: LocalMode;
  readonly logs: string[];
  /** Local mode's state directory; the twin's state (its signing key included) is in `<stateDir>/cognito`. */
  readonly stateDir: string;
  /**
   * A request to the local API; `path` is relative to the stage, like `sign-up`. A stream body is
   * sent chunked, without Content-Length; `timeoutMs` turns a hang into a failure that says so.
   */
  call(
    method: string,
    route: string,
    options?: {
      body?: unknown;
      rawBody?: string | Buffer | ReadableStream<Uint8Array>;
      headers?: Record<string, string>;
      /** Sent as `Authorization: Bearer <token>`. */
      token?: string;
      timeoutMs?: number;
    },
  ): Promise<Answer>;
  /** The newest code the twin "emailed" to this address. */
  latestCode(email: string): Promise<string>;
  /** Signs up and confirms with the mailed code; no sign-in. */
  signUp(email: string, password?: string): Promise<void>;
  /** `POST /sign-in`, whatever it answers (tokens, or a 202 challenge where a second factor is asked). */
  signIn(email: string, password?: string): Promise<Answer>;
  /** Signs up, confirms and signs in a fresh user; returns the sign-in body. */
  signedInUser(email: string, password?: string): Promise<SignInResponse>;
  close(): Promise<void>;
}

export interface Answer {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

export interface BootOptions {
  /**
   * The twin's clock, in ms since the epoch, so a test can hold time still (a TOTP code's 30-second step).
   * @default Date.now
   */
  now?: () => number;
  /** Serve the demo page too, on this port (0: a free one). @default the page is not served */
  webPort?: number;
}

export const PASSWORD = 'correct horse battery staple';

/** Boots local mode from the run's synthesized assembly on free ports with a fresh state directory. */
export async function bootLocal(cdkOut = process.env.TEST_CDK_OUT, options: BootOptions = {}): Promise<LocalClient> {
  if (!cdkOut) throw new Error('TEST_CDK_OUT is not set: run through jest (test/support/e2e-global-setup.ts)');
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-mode-'));
  const logs: string[] = [];
  // A low scrypt cost keeps sign-ups fast in tests; the default stays production-like.
  const local = await startLocalMode({
    cdkOut,
    stateDir,
    apiPort: 0,
    cognitoPort: 0,
    log: (line) => logs.push(line),
    scryptCost: 1024,
    now: options.now,
    webPort: options.webPort,
  });

  const call: LocalClient['call'] = async (method, route, options = {}) => {
    const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    const response = await fetch(new URL(route, local.apiUrl), {
      method,
      headers: {
        'Content-Type': 'application/json',
        ...(options.token === undefined ? {} : { Authorization: `Bearer ${options.token}` }),
        ...options.headers,
      },
      body,
      // Node's fetch sends a stream only half-duplex, and says so only when asked.
      ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
      signal: options.timeoutMs === undefined ? undefined : AbortSignal.timeout(options.timeoutMs),
    } as RequestInit);
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: response.status, headers: response.headers, body: parsed, text };
  };

  const latestCode = async (email: string) => {
    const response = await fetch(`${local.cognitoUrl}/_local/mailbox?to=${encodeURIComponent(email)}`);
    const mails = (await response.json()) as Array<{ code: string }>;
    if (mails.length === 0) throw new Error(`no mail for ${email}`);
    return mails[mails.length - 1].code;
  };

  const signUp: LocalClient['signUp'] = async (email, password = PASSWORD) => {
    const signedUp = await call('POST', 'sign-up', { body: { email, password } });
    if (signedUp.status !== 201) throw new Error(`sign-up of ${email} answered ${signedUp.status}: ${signedUp.text}`);
    const confirmed = await call('POST', 'confirm', { body: { email, code: await latestCode(email) } });
    if (confirmed.status !== 200) throw new Error(`confirm of ${email} answered ${confirmed.status}: ${confirmed.text}`);
  };
  const signIn: LocalClient['signIn'] = (email, password = PASSWORD) => call('POST', 'sign-in', { body: { email, password } });

  return {
    local,
    logs,
    stateDir,
    call,
    latestCode,
    signUp,
    signIn,
    signedInUser: async (email, password = PASSWORD) => {
      await signUp(email, password);
      return (await signIn(email, password)).body;
    },
    close: async () => {
      await local.close();
      fs.rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/** Moves local mode's clock forward (`POST /_local/clock` on the twin's port), as docs/sessions.md shows. */
export async function advanceLocalClock(local: Pick<LocalMode, 'cognitoUrl'>, seconds: number): Promise<void> {
  const response = await fetch(`${local.cognitoUrl}/_local/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceSeconds: seconds }),
  });
  if (response.status !== 200) throw new Error(`/_local/clock answered ${response.status}: ${await response.text()}`);
}

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type LocalMode, startLocalMode } from '../../local';

export const PASSWORD = 'correct horse battery staple';

export interface LocalPage {
  readonly local: LocalMode;
  /** The port the page is served on; the browser reaches it as PAGE_URL (chromium.ts). */
  readonly webPort: number;
  /** Local mode's state folder: its operator.json administers the pool (docs/admin.md). */
  readonly stateDir: string;
  /** Signs up and confirms an account through the API itself, for tests that start at sign-in. */
  confirmedUser(email: string, password?: string): Promise<void>;
  /** The newest code the twin "emailed" to this address. */
  latestCode(email: string): Promise<string>;
  close(): Promise<void>;
}

export interface LocalPagePorts {
  readonly apiPort: number;
  readonly cognitoPort: number;
  readonly webPort: number;
}

/** Local mode from a synthesized assembly, the page included, with a fresh state: on free ports unless told. */
export async function startLocalPage(
  cdkOut = process.env.TEST_CDK_OUT,
  ports: LocalPagePorts = { apiPort: 0, cognitoPort: 0, webPort: 0 },
): Promise<LocalPage> {
  if (!cdkOut) throw new Error('TEST_CDK_OUT is not set: run through jest (test/support/global-setup.ts)');
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-page-'));
  // A low scrypt cost keeps sign-ups fast in tests; the default stays production-like.
  const local = await startLocalMode({ cdkOut, stateDir, ...ports, log: () => undefined, scryptCost: 1024 });

  const post = async (route: string, body: unknown) => {
    const response = await fetch(new URL(route, local.apiUrl), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`POST ${route} answered ${response.status}: ${await response.text()}`);
  };
  const latestCode = async (email: string) => {
    const mails = (await (await fetch(`${local.cognitoUrl}/_local/mailbox?to=${encodeURIComponent(email)}`)).json()) as Array<{
      code: string;
    }>;
    if (mails.length === 0) throw new Error(`no mail for ${email}`);
    return mails[mails.length - 1].code;
  };

  return {
    local,
    webPort: Number(new URL(local.webUrl ?? '').port),
    stateDir,
    latestCode,
    confirmedUser: async (email, password = PASSWORD) => {
      await post('sign-up', { email, password });
      await post('confirm', { email, code: await latestCode(email) });
    },
    close: async () => {
      await local.close();
      fs.rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

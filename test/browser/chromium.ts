import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/** Debian's Chromium (apt-get install chromium): playwright-core's own browser download is not reachable here. */
export const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';

/**
 * Where the browser opens the page: the origin `npm start` serves it at, which the API's default
 * CORS origins name (lib/config.ts). The test's page server listens on a free port instead, so a
 * running `npm start` never collides with it, and Chromium's host resolver maps this origin to
 * that port: the page, its CORS preflights and its Origin header are exactly what a developer's
 * browser sees.
 */
export const PAGE_URL = 'http://127.0.0.1:5173/';

/**
 * The same page server under a name of the kind a deployment has: Swagger UI treats a document
 * from localhost or 127.0.0.1 differently (it draws no online validator badge for it), so the
 * reference page is also opened here, as a reader of the site would. A reserved name (RFC 2606).
 * Local mode answers only a loopback Host (421 otherwise: SECURITY.md, DNS rebinding), so this name
 * reaches the page server through `startSiteLikeProxy`, which passes requests on with one.
 */
export const SITE_LIKE_URL = 'http://reference.example/';

/** SITE_LIKE_URL's server: each request passed on to the page server as addressed to 127.0.0.1. */
export async function startSiteLikeProxy(pagePort: number): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer((request, response) => {
    const upstream = http.request(
      {
        host: '127.0.0.1',
        port: pagePort,
        method: request.method,
        path: request.url,
        headers: { ...request.headers, host: `127.0.0.1:${pagePort}` },
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => response.writeHead(502).end());
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const DESKTOP = { width: 1280, height: 900 };
/** A common phone width (CSS pixels), for the screenshots that check the page is readable there. */
export const PHONE = { width: 390, height: 844 };

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/**
 * A headless Chromium with a fresh profile whose PAGE_URL reaches the page served at `pagePort`,
 * and SITE_LIKE_URL the server at `siteLikePort` (startSiteLikeProxy).
 */
export async function launchChromium(pagePort: number, siteLikePort = pagePort): Promise<Browser> {
  if (!fs.existsSync(CHROME_PATH)) {
    throw new Error(`No Chromium at ${CHROME_PATH}: apt-get install -y chromium, or set CHROME_PATH`);
  }
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-profile-'));
  const { host } = new URL(PAGE_URL);
  // playwright-core passes --user-data-dir itself, for a persistent context.
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROME_PATH,
    headless: true,
    viewport: DESKTOP,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      // The machine's network is closed: without these, Chromium tries Google's hosts at every start.
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      `--host-resolver-rules=MAP ${host} 127.0.0.1:${pagePort}, MAP ${new URL(SITE_LIKE_URL).host} 127.0.0.1:${siteLikePort}`,
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { bundleWebPage } from '../web/bundle';
import { contentSecurityPolicy } from '../web/content-security-policy';
import type { MfaSetting, PageConfig } from '../web/page-config';
import type { MailboxEntry } from './cognito-twin';
import type { PoolSettings } from './cognito-twin/settings';
import { loopbackOnly } from './loopback-only';
import { MAIL_FRAME_CSP, MAIL_PATH, mailFrame } from './mail-frame';

export interface WebServerOptions {
  /** 0 picks a free port. */
  readonly port: number;
  readonly host?: string;
  /** The local API's base URL, written into the page's config.json. */
  readonly apiUrl: string;
  /** The Cognito twin's URL: its mailbox is served under the page's origin, for the mailbox panel. */
  readonly cognitoUrl: string;
  /** The user pool's MfaConfiguration in the template, told to the page in the setting's own words. */
  readonly mfaConfiguration: PoolSettings['mfaConfiguration'];
  /** The pool's AllowedFirstAuthFactors in the template, told to the page as the passwordless setting's factors. */
  readonly allowedFirstAuthFactors?: PoolSettings['allowedFirstAuthFactors'];
  /** The template's OpenAPI document for an API at this URL (local/index.ts): the reference page reads it. */
  readonly openApiDocument: (apiUrl: string) => object;
}

export interface RunningWebServer {
  readonly url: string;
  close(): Promise<void>;
}

const MAILBOX_PATH = '/_local/mailbox';

const mfaSettingOf: Record<WebServerOptions['mfaConfiguration'], MfaSetting> = {
  OFF: 'off',
  OPTIONAL: 'optional',
  ON: 'required',
};

/**
 * The demo page (web/) and the API reference (reference.html) on localhost, as CloudFront serves them once deployed, plus what only local
 * mode has: a config.json that also names the mailbox, and the twin's mailbox proxied under the
 * page's own origin, so the page reads it without the twin allowing any origin. The page is
 * bundled once, here: esbuild takes about 20 ms for it, less than a cache lookup would save.
 */
export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const files = bundleWebPage();
  // What the deploy writes beside the pages (lib/web-site.ts), naming the local API instead.
  const openApi = JSON.stringify(options.openApiDocument(options.apiUrl));
  const config = JSON.stringify({
    apiUrl: options.apiUrl,
    mfa: mfaSettingOf[options.mfaConfiguration],
    passwordless: [
      ...(options.allowedFirstAuthFactors?.includes('WEB_AUTHN') ? (['passkey'] as const) : []),
      ...(options.allowedFirstAuthFactors?.includes('EMAIL_OTP') ? (['email-otp'] as const) : []),
    ],
    localMailbox: MAILBOX_PATH,
  } satisfies PageConfig);
  const headers = {
    'Content-Security-Policy': contentSecurityPolicy(new URL(options.apiUrl).origin, { localMail: true }),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    // Edits to web/ show after a restart of npm start; a browser should never keep an older copy.
    'Cache-Control': 'no-store',
  };

  const answer = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const send = (status: number, contentType: string, body: string | Uint8Array) => {
      res.writeHead(status, { ...headers, 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'text/plain; charset=utf-8', 'Method not allowed');
    if (url.pathname === '/config.json') return send(200, 'application/json', config);
    if (url.pathname === '/openapi.json') return send(200, 'application/json', openApi);
    if (url.pathname === MAILBOX_PATH) {
      return fetch(`${options.cognitoUrl}${MAILBOX_PATH}${url.search}`)
        .then(async (mailbox) => send(mailbox.status, 'application/json', await mailbox.text()))
        .catch((error: Error) => send(502, 'text/plain; charset=utf-8', `The Cognito twin did not answer: ${error.message}`));
    }
    const mailIndex = MAIL_PATH.exec(url.pathname)?.[1];
    if (mailIndex !== undefined) {
      return fetch(`${options.cognitoUrl}${MAILBOX_PATH}`)
        .then(async (mailbox) => {
          const frame = mailFrame((await mailbox.json()) as MailboxEntry[], Number(mailIndex));
          res.writeHead(frame.status, {
            ...headers,
            'Content-Security-Policy': MAIL_FRAME_CSP,
            'Content-Type': frame.contentType,
            'Content-Length': Buffer.byteLength(frame.body),
          });
          res.end(req.method === 'HEAD' ? undefined : frame.body);
        })
        .catch((error: Error) => send(502, 'text/plain; charset=utf-8', `The Cognito twin did not answer: ${error.message}`));
    }
    const file = files.get(url.pathname === '/' ? 'index.html' : url.pathname.slice(1));
    if (!file) return send(404, 'text/plain; charset=utf-8', 'Not found');
    return send(200, file.contentType, file.body);
  };
  const server = http.createServer(loopbackOnly(answer));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

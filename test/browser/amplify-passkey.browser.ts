import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { build } from 'esbuild';
import type { CDPSession, Page } from 'playwright-core';
import { bootLocalBundled } from '../local/e2e/mfa-local-mode';
import type { LocalClient } from '../support/local-mode';
import { type Browser, launchChromium } from './chromium';

/** Synthesizing without bundling and booting local mode, then bundling Amplify for the browser. */
const SETUP_MS = 300_000;
const PASSWORD = 'Correct-horse-9';

/**
 * Amplify JS v6's passkey journey in Chromium, against local mode on a stack with `-c passwordless=passkey`: the
 * twin's StartWebAuthnRegistration options go through the browser's real WebAuthn (navigator.credentials) to
 * Chromium's virtual authenticator (the DevTools protocol's WebAuthn domain: a platform authenticator with user
 * verification, https://chromedevtools.github.io/devtools-protocol/tot/WebAuthn/), and its answers back to the twin,
 * which verifies them with @simplewebauthn/server. The page is served at http://localhost:<port>, an origin of the
 * default relying party id, localhost.
 */
let client: LocalClient;
let browser: Browser;
let server: http.Server;
let origin: string;

beforeAll(async () => {
  client = await bootLocalBundled({ passwordless: 'passkey' });
  const bundle = await build({
    stdin: {
      contents:
        "import { Amplify } from 'aws-amplify'; import * as auth from 'aws-amplify/auth'; window.amplify = { Amplify, ...auth };",
      resolveDir: path.join(__dirname, '..', '..'),
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  const script = bundle.outputFiles[0].text;
  server = http.createServer((request, response) => {
    if (request.url === '/amplify.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
      return;
    }
    response
      .writeHead(200, { 'content-type': 'text/html' })
      .end('<!doctype html><title>Amplify passkeys</title><script src="/amplify.js"></script>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://localhost:${port}`;
  browser = await launchChromium(port);
}, SETUP_MS);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await client?.close();
});

/** A tab on the Amplify page, configured for local mode, with a virtual platform authenticator that verifies its user. */
async function openAmplifyPage(): Promise<{ page: Page; cdp: CDPSession; authenticatorId: string }> {
  const page = await browser.context.newPage();
  await page.goto(`${origin}/`);
  await page.evaluate(
    ({ userPoolId, userPoolClientId, userPoolEndpoint }) =>
      (globalThis as any).amplify.Amplify.configure({
        Auth: { Cognito: { userPoolId, userPoolClientId, userPoolEndpoint, loginWith: { email: true } } },
      }),
    {
      userPoolId: client.local.userPoolId,
      userPoolClientId: client.local.userPoolClientId,
      userPoolEndpoint: client.local.cognitoUrl,
    },
  );
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { page, cdp, authenticatorId };
}

/** Runs `amplify.<name>(input)` in the page and answers its result, or `{ error }` with the exception's name. */
function call(page: Page, name: string, input?: unknown): Promise<any> {
  return page.evaluate(
    async ({ name, input }) => {
      try {
        return await (globalThis as any).amplify[name](input);
      } catch (error) {
        return { error: (error as Error).name, message: (error as Error).message };
      }
    },
    { name, input },
  );
}

test('register a passkey, sign out, sign in with it, remove it and see passkey sign-in refused', async () => {
  const email = 'passkey-amplify@example.com';
  await client.signUp(email, PASSWORD);
  const { page, cdp, authenticatorId } = await openAmplifyPage();

  expect(
    await call(page, 'signIn', { username: email, password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } }),
  ).toMatchObject({
    isSignedIn: true,
  });
  expect(await call(page, 'associateWebAuthnCredential')).toBeUndefined();
  const { credentials: registered } = await call(page, 'listWebAuthnCredentials');
  expect(registered).toEqual([expect.objectContaining({ relyingPartyId: 'localhost', authenticatorAttachment: 'platform' })]);
  // The authenticator holds the passkey, as a discoverable credential for localhost.
  const { credentials: held } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  expect(held).toEqual([expect.objectContaining({ rpId: 'localhost', isResidentCredential: true })]);
  await call(page, 'signOut');

  const signedIn = await call(page, 'signIn', {
    username: email,
    options: { authFlowType: 'USER_AUTH', preferredChallenge: 'WEB_AUTHN' },
  });
  expect(signedIn).toMatchObject({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
  const session = await call(page, 'fetchAuthSession');
  expect(session.tokens.accessToken.payload.client_id).toBe(client.local.userPoolClientId);

  expect(await call(page, 'deleteWebAuthnCredential', { credentialId: registered[0].credentialId })).toBeUndefined();
  expect(await call(page, 'listWebAuthnCredentials')).toMatchObject({ credentials: [] });
  await call(page, 'signOut');
  // The passkey still sits in the authenticator, but the pool no longer knows it: no WEB_AUTHN challenge is offered.
  const refused = await call(page, 'signIn', {
    username: email,
    options: { authFlowType: 'USER_AUTH', preferredChallenge: 'WEB_AUTHN' },
  });
  expect(refused).toMatchObject({
    isSignedIn: false,
    nextStep: { signInStep: 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION', availableChallenges: ['PASSWORD'] },
  });
  await page.close();
});

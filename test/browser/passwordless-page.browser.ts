import * as net from 'node:net';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { synthesize } from '../../local/synth';
import { type Browser, launchChromium } from './chromium';
import { type LocalPage, PASSWORD, startLocalPage } from './local-page';

const root = path.join(__dirname, '..', '..');

/**
 * The page's passwordless sign-in in Chromium, on a stack with `-c passwordless=passkey,email-otp`: "Sign in with a
 * passkey" and "Email me a code" beside the password form, and the Account panel's Passkeys list, with Chromium's
 * virtual authenticator (the DevTools protocol's WebAuthn domain: a platform authenticator that verifies its user).
 * A passkey's relying party is localhost (the default), and an IP address can be none, so the page is opened at
 * http://localhost:<port>, the origin the stack's corsOrigins allows here.
 */
let localPage: LocalPage;
let browser: Browser;
let pageUrl: string;

beforeAll(async () => {
  const port = await freePort();
  pageUrl = `http://localhost:${port}/`;
  const { cdkOut } = synthesize(path.join(root, '.local', 'synth'), {
    passwordless: 'passkey,email-otp',
    emailFrom: 'no-reply@example.com',
    corsOrigins: `http://localhost:${port}`,
  });
  localPage = await startLocalPage(cdkOut, { apiPort: 0, cognitoPort: 0, webPort: port });
  browser = await launchChromium(port);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await localPage?.close();
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function openPage(): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(pageUrl);
  await page.locator('#api-url').filter({ hasText: localPage.local.apiUrl }).waitFor();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return page;
}

const signedIn = (page: Page) => page.locator('#signed-in').waitFor({ state: 'visible', timeout: 10_000 });
const signedOut = (page: Page) => page.locator('#signed-out').waitFor({ state: 'visible', timeout: 10_000 });
const statusSays = (page: Page, id: string, text: RegExp) =>
  page.locator(`#${id}`).filter({ hasText: text }).waitFor({ timeout: 10_000 });

test('register a passkey in the Account panel, sign out, sign in with it, remove it and see it refused', async () => {
  const email = 'page-passkey@example.com';
  await localPage.confirmedUser(email);
  const page = await openPage();
  await page.locator('#sign-in-email').fill(email);
  await page.locator('#sign-in-password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await signedIn(page);

  const passkeys = page.getByRole('region', { name: 'Passkeys' });
  await passkeys.getByText('No passkey yet.').waitFor();
  await passkeys.getByRole('button', { name: 'Add a passkey' }).click();
  await statusSays(page, 'passkeys-status', /Passkey added/);
  await passkeys.getByRole('listitem').first().waitFor();
  await expect(passkeys.getByRole('listitem').count()).resolves.toBe(1);

  await page.locator('#sign-out').click();
  await signedOut(page);
  await page.locator('#sign-in-email').fill(email);
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
  await signedIn(page);

  await passkeys.getByRole('button', { name: /^Remove / }).click();
  await statusSays(page, 'passkeys-status', /no longer signs you in/);
  await passkeys.getByText('No passkey yet.').waitFor();
  await page.locator('#sign-out').click();
  await signedOut(page);
  await page.locator('#sign-in-email').fill(email);
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
  await statusSays(page, 'passwordless-status', /\S/);
  expect(await page.locator('#signed-in').isHidden()).toBe(true);
  await page.close();
});

test('email me a code: the mailed code signs in', async () => {
  const email = 'page-code@example.com';
  await localPage.confirmedUser(email);
  const page = await openPage();
  await page.locator('#sign-in-email').fill(email);
  await page.getByRole('button', { name: 'Email me a code' }).click();
  await statusSays(page, 'email-code-form', /We emailed a sign-in code/);
  // The local mailbox panel's "Use this code" puts the mailed code into the form.
  await page.getByRole('button', { name: /^Use this code: sign-in code/ }).click();
  expect(await page.locator('#email-code').inputValue()).toBe(await localPage.latestCode(email));
  await page.getByRole('button', { name: 'Sign in with the code' }).click();
  await signedIn(page);
  await page.close();
});

import * as fs from 'node:fs';
import * as path from 'node:path';
import jsQR from 'jsqr';
import { Secret, TOTP } from 'otpauth';
import type { Locator, Page } from 'playwright-core';
import type { TotpSecretResponse } from '../../contract/responses';
import { synthesize } from '../../local/synth';
import type { PageConfig } from '../../web/page-config';
import { advanceLocalClock } from '../support/local-mode';
import { addToGroups } from '../support/operator';
import { type Browser, DESKTOP, launchChromium, PAGE_URL, PHONE } from './chromium';
import { type LocalPage, PASSWORD, startLocalPage } from './local-page';

const root = path.join(__dirname, '..', '..');
const resultsDir = path.join(root, 'test-results');

let localPage: LocalPage;
let browser: Browser;

beforeAll(async () => {
  fs.mkdirSync(resultsDir, { recursive: true });
  localPage = await startLocalPage();
  browser = await launchChromium(localPage.webPort);
});

afterAll(async () => {
  await browser?.close();
  await localPage?.close();
});

/**
 * A fresh tab on the page, and every console error or uncaught exception it reports (a CSP violation
 * is one). `on` is another local mode and the Chromium whose PAGE_URL reaches it.
 */
async function openPage(on = { browser, localPage }): Promise<{ page: Page; errors: string[] }> {
  const page = await on.browser.context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(PAGE_URL);
  // The page has loaded config.json once it shows the API it talks to.
  await page.locator('#api-url').filter({ hasText: on.localPage.local.apiUrl }).waitFor();
  return { page, errors };
}

const section = (page: Page, name: string) => page.getByRole('region', { name });
const mailbox = (page: Page) => page.getByRole('complementary', { name: 'Local mailbox' });
/** Resolves once a live region of `scope` says `text`; fails the test on timeout with what it said instead. */
async function saysSo(scope: ReturnType<Page['locator']>, text: string | RegExp): Promise<void> {
  await scope.getByRole('status').filter({ hasText: text }).first().waitFor({ timeout: 10_000 });
}
const focusedId = (page: Page) => page.evaluate<string>('document.activeElement ? document.activeElement.id : ""');

/** Fills in and sends the sign-up form; returns the confirm section once it says the account exists. */
async function signUpThroughPage(page: Page, email: string): Promise<ReturnType<Page['locator']>> {
  const signUp = section(page, '1. Create an account');
  await signUp.getByLabel('Email', { exact: true }).fill(email);
  await signUp.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await signUp.getByRole('button', { name: 'Sign up' }).click();
  const confirm = section(page, '2. Confirm your email');
  await saysSo(confirm, 'Account created.');
  return confirm;
}

/** Signs in through the page's form; returns the signed-in section once it shows. */
async function signInThroughPage(page: Page, email: string, password = PASSWORD): Promise<ReturnType<Page['locator']>> {
  const signIn = section(page, '3. Sign in');
  await signIn.getByLabel('Email', { exact: true }).fill(email);
  await signIn.getByLabel('Password', { exact: true }).fill(password);
  await signIn.getByLabel('Password', { exact: true }).press('Enter');
  const signedIn = section(page, 'You are signed in');
  await signedIn.waitFor();
  return signedIn;
}

/** What an authenticator app computes from a key: RFC 6238 with the API's parameters (SHA-1, 6 digits, 30 s), otpauth's defaults. */
const authenticator = (secret: string) => new TOTP({ secret: Secret.fromBase32(secret) });

/** A 6-digit code that is none of the three the one-step window accepts now. */
function wrongCodeFor(totp: TOTP): string {
  const accepted = [-30_000, 0, 30_000].map((offset) => totp.generate({ timestamp: Date.now() + offset }));
  return ['000000', '111111', '222222', '333333'].find((code) => !accepted.includes(code)) as string;
}

/** The text a camera would read from a canvas QR code: its pixels as drawn, decoded by jsQR. */
async function decodeQr(canvas: Locator): Promise<string | undefined> {
  const { width, height, rgba } = await canvas.evaluate((element: any) => ({
    width: element.width as number,
    height: element.height as number,
    rgba: Array.from(element.getContext('2d').getImageData(0, 0, element.width, element.height).data as number[]),
  }));
  return jsQR(Uint8ClampedArray.from(rgba), width, height)?.data;
}

/**
 * A key block (.authenticator-key) shows the key the API answered: its QR code decodes to the
 * otpauth:// URI and its text, without the reading spaces, is the URI's secret. Returns that text.
 */
async function keyShown(block: Locator, answered: TotpSecretResponse): Promise<string> {
  const grouped = (await block.locator('.key-secret').textContent()) ?? '';
  expect(grouped).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
  const secret = grouped.replaceAll(' ', '');
  expect(secret).toBe(answered.secret);
  expect(new URL(answered.otpauthUri).searchParams.get('secret')).toBe(secret);
  expect(await decodeQr(block.getByRole('img', { name: /^QR code/ }))).toBe(answered.otpauthUri);
  return secret;
}

/** The body of the API's answer to `POST <route>`, once the page has made that call. */
const answerTo = async <T>(page: Page, route: string, action: () => Promise<void>): Promise<T> => {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith(route)),
    action(),
  ]);
  return (await response.json()) as T;
};

/** The config.json a local mode serves the page. */
const configOf = async ({ local }: LocalPage) => (await (await fetch(new URL('config.json', local.webUrl))).json()) as PageConfig;

const storageOf = (page: Page) =>
  page.evaluate<string>('JSON.stringify([{ ...localStorage }, { ...sessionStorage }, document.cookie])');

/** The page's HTML as it is now, without white space: a key shown in groups of four is found whole. */
const markupWithoutSpaces = async (page: Page) => (await page.content()).replace(/\s+/g, '');

/** Sends the sign-in form with the password; what follows (signed in, or the code step) is the caller's. */
async function enterPassword(page: Page, email: string): Promise<void> {
  const signIn = section(page, '3. Sign in');
  await signIn.getByLabel('Email', { exact: true }).fill(email);
  await signIn.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await signIn.getByLabel('Password', { exact: true }).press('Enter');
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(resultsDir, `${name}.png`), fullPage: true });
}

describe('the demo page in Chromium, against local mode', () => {
  test('mail sent from outside the page (curl, a script) shows in the mailbox panel without a click', async () => {
    const { page, errors } = await openPage();
    const panel = mailbox(page);
    // The first look has been answered once the panel no longer says it is checking.
    await panel.getByText('Checking the mailbox…').waitFor({ state: 'hidden' });
    const email = `outside-${Date.now()}@example.com`;
    const signedUp = await fetch(new URL('sign-up', localPage.local.apiUrl), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    expect(signedUp.status).toBe(201);
    await panel.getByRole('listitem').filter({ hasText: email }).waitFor({ timeout: 5_000 });
    expect(await panel.getByText('No mail yet.').isVisible()).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });

  test('the mailbox panel shows the branded email as sent: its subject, and its HTML in a sandboxed frame with the mailed code', async () => {
    const { page, errors } = await openPage();
    const email = `branded-${Date.now()}@example.com`;
    const signedUp = await fetch(new URL('sign-up', localPage.local.apiUrl), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    expect(signedUp.status).toBe(201);
    const code = await localPage.latestCode(email);
    const item = mailbox(page).getByRole('listitem').filter({ hasText: email });
    await item.waitFor({ timeout: 5_000 });
    // The subject and the body are lib/email/'s, as the synthesized template has them (stage dev).
    await item.getByText('Email: cognito-auth-api (dev): your code').waitFor();
    const frame = item.locator('iframe');
    expect(await frame.getAttribute('sandbox')).toBe('');
    const mail = item.frameLocator('iframe');
    await mail.getByText('cognito-auth-api (dev)', { exact: true }).waitFor();
    // Rendered, not shown as source: as text, the HTML would have no element #code to find.
    expect(await mail.locator('#code').textContent()).toBe(code);
    await page.screenshot({ path: path.join(resultsDir, 'mailbox-branded-email.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  test("a mail's frame is served sandboxed, with no script and nothing remote, on the page's origin only", async () => {
    await localPage.confirmedUser(`frame-${Date.now()}@example.com`);
    const { page } = await openPage();
    const frameUrl = await mailbox(page).getByRole('listitem').first().locator('iframe').getAttribute('src');
    expect(frameUrl).toMatch(/^\/_local\/mailbox\/\d+$/);
    const response = await fetch(new URL(frameUrl ?? '', localPage.local.webUrl));
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp.split('; ')).toEqual(expect.arrayContaining(['sandbox', "default-src 'none'", "frame-ancestors 'self'"]));
    expect(csp).not.toMatch(/script-src|connect-src/);
    expect((await fetch(new URL('/_local/mailbox/999999', localPage.local.webUrl))).status).toBe(404);
    await page.close();
  });

  test('a new user signs up, confirms with the code from the mailbox panel, signs in, sees what /secret answers and signs out', async () => {
    const { page, errors } = await openPage();
    const email = 'ada@example.com';

    const signUp = section(page, '1. Create an account');
    await signUp.getByLabel('Email', { exact: true }).fill(email);
    await signUp.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await signUp.getByLabel('Password', { exact: true }).press('Enter');

    const confirm = section(page, '2. Confirm your email');
    await saysSo(confirm, 'Account created. We sent a code to a***@e***.com');
    // Keyboard users land where they type next, and see where they are.
    expect(await focusedId(page)).toBe('confirm-code');
    expect(
      await page.locator('#confirm-code').evaluate((el) => (globalThis as any).getComputedStyle(el).outlineStyle as string),
    ).toBe('solid');
    expect(await confirm.getByLabel('Email', { exact: true }).inputValue()).toBe(email);

    const mail = mailbox(page).getByRole('listitem').filter({ hasText: `Sign-up code` }).filter({ hasText: email });
    const code = (await mail.locator('.mail-code').textContent()) ?? '';
    expect(code).toMatch(/^\d{6}$/);
    await confirm.getByLabel('Code from the email', { exact: true }).fill(code);
    await confirm.getByRole('button', { name: 'Confirm' }).click();

    const signIn = section(page, '3. Sign in');
    await saysSo(signIn, 'Email confirmed. Sign in with your password.');
    expect(await signIn.getByLabel('Email', { exact: true }).inputValue()).toBe(email);
    await signIn.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await signIn.getByLabel('Password', { exact: true }).press('Enter');

    const signedIn = section(page, 'You are signed in');
    await signedIn.waitFor();
    await signedIn.getByRole('button', { name: 'Call GET /secret' }).click();
    await saysSo(signedIn, 'GET /secret let you in.');
    const answer = signedIn.getByRole('figure');
    expect(await answer.locator('dt').allTextContents()).toEqual(['Message', 'Email', 'Sub']);
    const [, shownEmail, sub] = await answer.locator('dd').allTextContents();
    expect(shownEmail).toBe(email);
    expect(sub).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    await screenshot(page, 'journey-signed-in-desktop');
    await page.setViewportSize(PHONE);
    await screenshot(page, 'journey-signed-in-phone');
    await page.setViewportSize(DESKTOP);

    await signedIn.getByRole('button', { name: 'Sign out', exact: true }).click();
    await saysSo(signIn, 'Signed out. The API revoked your refresh token and this page forgot your tokens.');
    expect(await signedIn.isHidden()).toBe(true);
    await screenshot(page, 'journey-signed-out');
    await page.setViewportSize(PHONE);
    await screenshot(page, 'journey-signed-out-phone');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('signing in with a wrong password says "Incorrect email or password." and keeps what was typed', async () => {
    const email = 'grace@example.com';
    await localPage.confirmedUser(email);
    const { page, errors } = await openPage();

    const signIn = section(page, '3. Sign in');
    await signIn.getByLabel('Email', { exact: true }).fill(email);
    await signIn.getByLabel('Password', { exact: true }).fill('not the password at all');
    await signIn.getByRole('button', { name: 'Sign in' }).click();

    await saysSo(signIn, 'Incorrect email or password.');
    expect(await signIn.getByLabel('Email', { exact: true }).inputValue()).toBe(email);
    expect(await signIn.getByLabel('Password', { exact: true }).inputValue()).toBe('not the password at all');
    expect(await signIn.getByLabel('Password', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await focusedId(page)).toBe('sign-in-password');
    expect(await section(page, 'You are signed in').isHidden()).toBe(true);
    await screenshot(page, 'wrong-password');
    // The browser logs the API's 401 as a failed resource load; that is the answer under test.
    expect(errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
    await page.close();
  });

  test('confirming with a wrong code says the code is not right and keeps what was typed', async () => {
    const email = 'alan@example.com';
    const { page, errors } = await openPage();
    const confirm = await signUpThroughPage(page, email);
    const wrongCode = (await localPage.latestCode(email)) === '000000' ? '111111' : '000000';
    await confirm.getByLabel('Code from the email', { exact: true }).fill(wrongCode);
    await confirm.getByRole('button', { name: 'Confirm' }).click();

    await saysSo(confirm, 'That code is not right. Check the email and type it again, or ask for a new code.');
    expect(await confirm.getByLabel('Email', { exact: true }).inputValue()).toBe(email);
    expect(await confirm.getByLabel('Code from the email', { exact: true }).inputValue()).toBe(wrongCode);
    expect(await confirm.getByLabel('Code from the email', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'wrong-code');
    expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
    await page.close();
  });

  test('"Send a new code" mails a fresh sign-up code, and the mailbox panel puts it into the form', async () => {
    const email = 'barbara@example.com';
    const { page, errors } = await openPage();
    const confirm = await signUpThroughPage(page, email);
    await confirm.getByRole('button', { name: 'Send a new code' }).click();
    await saysSo(confirm, 'We sent a new code to b***@e***.com. Earlier codes no longer work.');

    const newest = mailbox(page).getByRole('listitem').first();
    expect(await newest.textContent()).toContain('New sign-up code');
    await newest.getByRole('button', { name: /^Use this code: new sign-up code/ }).click();
    expect(await confirm.getByLabel('Code from the email', { exact: true }).inputValue()).toBe(await localPage.latestCode(email));
    await confirm.getByLabel('Code from the email', { exact: true }).press('Enter');
    await saysSo(section(page, '3. Sign in'), 'Email confirmed.');
    await screenshot(page, 'resend-code');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('a forgotten password is reset with the mailed code; the new one signs in, and /me and token renewal answer', async () => {
    const email = 'edsger@example.com';
    const newPassword = 'a brand new and longer passphrase';
    await localPage.confirmedUser(email);
    const { page, errors } = await openPage();

    const signIn = section(page, '3. Sign in');
    await page.getByText('Forgot your password?').click();
    const forgot = page.getByRole('form', { name: 'Get a reset code by email' });
    await forgot.getByLabel('Email', { exact: true }).fill(email);
    await forgot.getByRole('button', { name: 'Email me a reset code' }).click();

    const reset = page.getByRole('form', { name: 'Set a new password' });
    await saysSo(reset, `If ${email} has an account, a reset code is on its way`);
    await mailbox(page).getByRole('listitem').filter({ hasText: 'Password reset code' }).getByRole('button').click();
    expect(await focusedId(page)).toBe('reset-password');
    await reset.getByLabel('New password', { exact: true }).fill(newPassword);
    await reset.getByLabel('New password', { exact: true }).press('Enter');

    await saysSo(signIn, 'Password changed. Sign in with the new one.');
    await signIn.getByLabel('Password', { exact: true }).fill(newPassword);
    await signIn.getByLabel('Password', { exact: true }).press('Enter');
    const signedIn = section(page, 'You are signed in');
    await signedIn.getByRole('button', { name: 'Call GET /me' }).click();
    await saysSo(signedIn, 'GET /me answered');
    expect(await signedIn.getByRole('figure').locator('dd').allTextContents()).toEqual([email, expect.any(String), 'yes']);
    await signedIn.getByRole('button', { name: 'Renew tokens' }).click();
    await saysSo(signedIn, /^New id and access tokens, valid for 60 minutes/);
    await screenshot(page, 'reset-password');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('token renewal with rotation: the page keeps each rotated refresh token, renews with it after the grace period, and signs out with it', async () => {
    const email = 'rotation@example.com';
    await localPage.confirmedUser(email);
    const { page, errors } = await openPage();
    const signedIn = await answerTo<{ refreshToken: string }>(page, '/sign-in', () => enterPassword(page, email));
    const signedInSection = section(page, 'You are signed in');
    const renew = () =>
      answerTo<{ refreshToken?: string }>(page, '/refresh', () =>
        signedInSection.getByRole('button', { name: 'Renew tokens' }).click(),
      );
    const first = await renew();
    await saysSo(signedInSection, /a new refresh token \(rotation\), which this page keeps/);
    expect(first.refreshToken).toEqual(expect.any(String));
    // Past the grace period only the rotated token renews: the page must have kept it. The clock goes
    // back after that renewal: the two-factor journeys below compute codes from the machine's time.
    await advanceLocalClock(localPage.local, 61);
    const second = await renew().finally(() => fetch(`${localPage.local.cognitoUrl}/_local/clock`, { method: 'DELETE' }));
    expect(second.refreshToken).toEqual(expect.any(String));
    const [signOut] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname.endsWith('/sign-out')),
      signedInSection.getByRole('button', { name: 'Sign out', exact: true }).click(),
    ]);
    expect(signOut.status()).toBe(204);
    expect(signOut.request().postDataJSON()).toEqual({ refreshToken: second.refreshToken });
    const refreshWith = (refreshToken?: string) =>
      fetch(new URL('refresh', localPage.local.apiUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken }),
      }).then((response) => response.status);
    expect(await refreshWith(signedIn.refreshToken)).toBe(401);
    expect(await refreshWith(second.refreshToken)).toBe(401);
    expect(errors).toEqual([]);
    await page.close();
  });

  test('the tokens live in memory only: nothing in storage or cookies, and a reload signs out', async () => {
    const email = 'radia@example.com';
    await localPage.confirmedUser(email);
    const { page } = await openPage();
    const signIn = section(page, '3. Sign in');
    await signIn.getByLabel('Email', { exact: true }).fill(email);
    await signIn.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await signIn.getByLabel('Password', { exact: true }).press('Enter');
    await section(page, 'You are signed in').waitFor();

    const stored = await page.evaluate<string>('JSON.stringify([{ ...localStorage }, { ...sessionStorage }, document.cookie])');
    expect(stored).toBe('[{},{},""]');
    await page.reload();
    await page.locator('#api-url').filter({ hasText: localPage.local.apiUrl }).waitFor();
    expect(await section(page, 'You are signed in').isHidden()).toBe(true);
    expect(await section(page, '3. Sign in').isVisible()).toBe(true);
    await page.close();
  });

  test('the Account panel changes the password: the new one signs in, the old one no longer does', async () => {
    const email = 'frances@example.com';
    const newPassword = 'another long and unrelated passphrase';
    await localPage.confirmedUser(email);
    const { page, errors } = await openPage();
    await signInThroughPage(page, email);

    const changePassword = page.getByRole('form', { name: 'Change password' });
    await changePassword.getByLabel('Current password', { exact: true }).fill('not the current password');
    await changePassword.getByLabel('New password', { exact: true }).fill(newPassword);
    await changePassword.getByRole('button', { name: 'Change password' }).click();
    // A wrong current password is said on the form, which keeps what was typed; the session goes on.
    await saysSo(changePassword, 'Incorrect');
    expect(await changePassword.getByLabel('New password', { exact: true }).inputValue()).toBe(newPassword);
    expect(await section(page, 'You are signed in').isVisible()).toBe(true);

    await changePassword.getByLabel('Current password', { exact: true }).fill(PASSWORD);
    await changePassword.getByLabel('Current password', { exact: true }).press('Enter');
    await saysSo(changePassword, 'Password changed. Sign in with the new one from now on.');
    await section(page, 'You are signed in').getByRole('button', { name: 'Sign out', exact: true }).click();

    const signIn = section(page, '3. Sign in');
    await saysSo(signIn, 'Signed out.');
    await signIn.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await signIn.getByRole('button', { name: 'Sign in' }).click();
    await saysSo(signIn, 'Incorrect email or password.');
    await signInThroughPage(page, email, newPassword);
    await screenshot(page, 'account-change-password');
    expect(errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
    await page.close();
  });

  test('the Account panel changes the email with the code the mailbox panel fills in', async () => {
    const email = 'hedy@example.com';
    const newEmail = 'hedy.lamarr@example.org';
    await localPage.confirmedUser(email);
    const { page, errors } = await openPage();
    const signedIn = await signInThroughPage(page, email);

    const changeEmail = page.getByRole('form', { name: 'Change email' });
    await changeEmail.getByLabel('New email', { exact: true }).fill(newEmail);
    await changeEmail.getByRole('button', { name: 'Send a code to the new email' }).click();
    const verifyEmail = page.getByRole('form', { name: 'Verify the new email' });
    await saysSo(verifyEmail, /^We sent a code to h\*\*\*@e\*\*\*\.org/);
    expect(await focusedId(page)).toBe('verify-email-code');

    await mailbox(page).getByRole('listitem').filter({ hasText: 'New email code' }).getByRole('button').click();
    expect(await verifyEmail.getByLabel('Code sent to the new email', { exact: true }).inputValue()).toBe(
      await localPage.latestCode(newEmail),
    );
    await verifyEmail.getByRole('button', { name: 'Verify the new email' }).click();
    await saysSo(verifyEmail, `Email verified. Sign in with ${newEmail} from now on.`);

    await signedIn.getByRole('button', { name: 'Call GET /me' }).click();
    await saysSo(signedIn, 'GET /me answered');
    await signedIn.getByRole('button', { name: 'Sign out', exact: true }).click();
    const signedInAgain = await signInThroughPage(page, newEmail);
    await screenshot(page, 'account-change-email');
    await signedInAgain.getByRole('button', { name: 'Sign out everywhere' }).click();
    await saysSo(section(page, '3. Sign in'), 'Signed out everywhere.');
    expect(await signedInAgain.isHidden()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  test('deleting the account asks first, in the page; once confirmed, the user is signed out and cannot sign in', async () => {
    const email = 'katherine@example.com';
    await localPage.confirmedUser(email);
    const { page, errors } = await openPage();
    const signedIn = await signInThroughPage(page, email);

    await signedIn.getByRole('button', { name: 'Delete account…' }).click();
    // The safe choice has the focus; keeping the account sends nothing.
    expect(await focusedId(page)).toBe('delete-account-cancel');
    await signedIn.getByRole('button', { name: 'Keep my account' }).click();
    expect(await signedIn.getByRole('button', { name: 'Yes, delete my account' }).isHidden()).toBe(true);
    await signedIn.getByRole('button', { name: 'Call GET /me' }).click();
    await saysSo(signedIn, 'GET /me answered');

    await signedIn.getByRole('button', { name: 'Delete account…' }).click();
    expect(await signedIn.getByRole('button', { name: 'Delete account…' }).getAttribute('aria-expanded')).toBe('true');
    await screenshot(page, 'account-delete-confirm');
    await signedIn.getByRole('button', { name: 'Yes, delete my account' }).click();
    const signIn = section(page, '3. Sign in');
    await saysSo(signIn, 'Account deleted.');
    expect(await signedIn.isHidden()).toBe(true);

    await signIn.getByLabel('Email', { exact: true }).fill(email);
    await signIn.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await signIn.getByRole('button', { name: 'Sign in' }).click();
    await saysSo(signIn, 'Incorrect email or password.');
    expect(errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
    await page.close();
  });

  test('a signed-in user gets AWS credentials and calls /private signed with them: it shows the identity id', async () => {
    const email = 'mary@example.com';
    await localPage.confirmedUser(email);
    const { page, errors } = await openPage();
    const signedIn = await signInThroughPage(page, email);

    await signedIn.getByRole('button', { name: 'Call /private (signed)' }).click();
    await saysSo(signedIn, 'Get AWS credentials first');
    await signedIn.getByRole('button', { name: 'Get AWS credentials' }).click();
    await saysSo(signedIn, /^Temporary AWS credentials of identity us-east-1:/);
    const identityId = /identity (\S+),/.exec((await signedIn.locator('#signed-in-status').textContent()) ?? '')?.[1];

    await signedIn.getByRole('button', { name: 'Call /private (signed)' }).click();
    await saysSo(signedIn, 'GET /private accepted the signed request.');
    const answer = signedIn.getByRole('figure');
    expect(await answer.locator('dt').allTextContents()).toEqual(['Message', 'Identity id', 'Sub']);
    const [, shownIdentityId, sub] = await answer.locator('dd').allTextContents();
    expect(shownIdentityId).toBe(identityId);
    expect(sub).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const stored = await page.evaluate<string>('JSON.stringify([{ ...localStorage }, { ...sessionStorage }, document.cookie])');
    expect(stored).toBe('[{},{},""]');
    await screenshot(page, 'signed-private');
    expect(errors).toEqual([]);
    await page.close();
  });
  test('two-factor sign-in: turned on in the Account panel with the key its QR code and text show, asked at the next sign-in, turned off', async () => {
    const email = 'shafi@example.com';
    const { page, errors } = await openPage();
    const confirm = await signUpThroughPage(page, email);
    await confirm.getByLabel('Code from the email', { exact: true }).fill(await localPage.latestCode(email));
    await confirm.getByRole('button', { name: 'Confirm' }).click();
    const signIn = section(page, '3. Sign in');
    await saysSo(signIn, 'Email confirmed.');
    const signedIn = await signInThroughPage(page, email);

    const twoFactor = section(page, 'Two-factor sign-in');
    expect(await twoFactor.locator('#two-factor-state').textContent()).toBe('Off: you sign in with your password alone.');
    expect(await twoFactor.getByRole('button', { name: 'Turn off two-factor sign-in' }).isHidden()).toBe(true);
    const key = await answerTo<TotpSecretResponse>(page, '/mfa/totp', () =>
      twoFactor.getByRole('button', { name: 'Turn on two-factor sign-in' }).click(),
    );
    const enrol = page.getByRole('form', { name: 'Add this key to your authenticator app' });
    await enrol.locator('.key-secret').waitFor();
    expect(key.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    const totp = authenticator(await keyShown(enrol, key));
    expect(await focusedId(page)).toBe('totp-verify-code');
    await screenshot(page, 'two-factor-enrol');
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: PAGE_URL });
    await enrol.getByRole('button', { name: 'Copy the key' }).click();
    await saysSo(enrol, 'Key copied: paste it into your authenticator app.');
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(key.secret);

    await enrol.getByLabel('The 6-digit code the app shows', { exact: true }).fill(wrongCodeFor(totp));
    await enrol.getByRole('button', { name: 'Verify the code and turn on' }).click();
    await saysSo(enrol, 'That code is not right. Type the 6-digit code your authenticator app shows now.');
    const enrolCode = totp.generate();
    await enrol.getByLabel('The 6-digit code the app shows', { exact: true }).fill(enrolCode);
    await enrol.getByLabel('The 6-digit code the app shows', { exact: true }).press('Enter');
    await saysSo(
      twoFactor,
      'Two-factor sign-in is on. From your next sign-in on, this page asks for the code your authenticator app shows.',
    );
    expect(await twoFactor.locator('#two-factor-state').textContent()).toMatch(/^On: /);
    // The key is forgotten once enrolled: not left in the page, never put in storage.
    expect(await enrol.isHidden()).toBe(true);
    expect(await markupWithoutSpaces(page)).not.toContain(key.secret);
    expect(await storageOf(page)).toBe('[{},{},""]');

    await signedIn.getByRole('button', { name: 'Sign out', exact: true }).click();
    await saysSo(signIn, 'Signed out.');
    const challenge = await answerTo<{ challenge: string; session: string }>(page, '/sign-in', () => enterPassword(page, email));
    expect(challenge.challenge).toBe('TOTP');
    const codeStep = page.getByRole('form', { name: 'Code from your authenticator app' });
    await codeStep.waitFor();
    expect(await codeStep.locator('#sign-in-code-intro').textContent()).toMatch(/^Your password was right\. Now enter the code/);
    expect(await codeStep.locator('.authenticator-key').isHidden()).toBe(true);
    expect(await signIn.getByLabel('Password', { exact: true }).isHidden()).toBe(true);
    expect(await focusedId(page)).toBe('sign-in-code');
    // The sign-in's session stays in the page's memory, like the tokens.
    expect(await storageOf(page)).toBe('[{},{},""]');
    expect(await page.content()).not.toContain(challenge.session);

    // The code that turned two-factor on is used up (the twin takes a code once; reported of Cognito, unverified).
    await codeStep.getByLabel('6-digit code', { exact: true }).fill(enrolCode);
    await codeStep.getByRole('button', { name: 'Verify the code and sign in' }).click();
    await saysSo(codeStep, 'That code was already used. Wait for the next one (every 30 seconds) and type it.');
    // The next 30-second step's code: accepted through the one-step window, and not used yet; typed
    // as authenticator apps show it, `123 456`.
    const nextCode = totp.generate({ timestamp: Date.now() + 30_000 });
    await codeStep.getByLabel('6-digit code', { exact: true }).fill(`${nextCode.slice(0, 3)} ${nextCode.slice(3)}`);
    await codeStep.getByLabel('6-digit code', { exact: true }).press('Enter');
    await signedIn.waitFor();
    expect(await codeStep.isHidden()).toBe(true);
    await signedIn.getByRole('button', { name: 'Call GET /me' }).click();
    await saysSo(signedIn, 'GET /me answered');
    await screenshot(page, 'two-factor-signed-in');

    await twoFactor.getByRole('button', { name: 'Turn off two-factor sign-in' }).click();
    await saysSo(twoFactor, 'Two-factor sign-in is off: the next sign-in asks for your password alone.');
    await signedIn.getByRole('button', { name: 'Sign out', exact: true }).click();
    await saysSo(signIn, 'Signed out.');
    await signInThroughPage(page, email);
    expect(await twoFactor.locator('#two-factor-state').textContent()).toBe('Off: you sign in with your password alone.');
    expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
    await page.close();
  });

  test("the two-factor controls follow config.json's mfa: shown for optional (local mode's default), absent for off", async () => {
    const config = await configOf(localPage);
    expect(config.mfa).toBe('optional');
    const email = 'ida@example.com';
    await localPage.confirmedUser(email);

    const page = await browser.context.newPage();
    await page.route('**/config.json', (route) => route.fulfill({ json: { ...config, mfa: 'off' } }));
    await page.goto(PAGE_URL);
    await page.locator('#api-url').filter({ hasText: localPage.local.apiUrl }).waitFor();
    await signInThroughPage(page, email);
    expect(await page.locator('#two-factor').isHidden()).toBe(true);
    await page.unroute('**/config.json');
    await page.reload();
    await page.locator('#api-url').filter({ hasText: localPage.local.apiUrl }).waitFor();
    await signInThroughPage(page, email);
    expect(await section(page, 'Two-factor sign-in').isVisible()).toBe(true);
    await page.close();
  });
});

describe('the demo page under mfa=required (local mode synthesized with -c mfa=required)', () => {
  let required: { browser: Browser; localPage: LocalPage };

  beforeAll(async () => {
    // The same synth cache as every other run: the bundles are reused, only the template differs.
    const { cdkOut } = synthesize(path.join(root, '.local', 'synth'), { mfa: 'required' });
    const requiredPage = await startLocalPage(cdkOut);
    required = { localPage: requiredPage, browser: await launchChromium(requiredPage.webPort) };
  }, 180_000);

  afterAll(async () => {
    await required?.browser.close();
    await required?.localPage.close();
  });

  test('a user without a factor sets one up at sign-in from the QR code and key shown, then signs in with its code; turning it off is refused', async () => {
    const config = await configOf(required.localPage);
    expect(config.mfa).toBe('required');
    const email = 'margaret@example.com';
    await required.localPage.confirmedUser(email);
    const { page, errors } = await openPage(required);

    const setup = await answerTo<TotpSecretResponse & { session: string }>(page, '/sign-in/totp-setup', () =>
      enterPassword(page, email),
    );
    const codeStep = page.getByRole('form', { name: 'Code from your authenticator app' });
    const key = codeStep.locator('.authenticator-key');
    await key.locator('.key-secret').filter({ hasText: /\S/ }).waitFor();
    expect(await codeStep.locator('#sign-in-code-intro').textContent()).toMatch(
      /asks every account for a code from an authenticator app/,
    );
    const totp = authenticator(await keyShown(key, setup));
    expect(await focusedId(page)).toBe('sign-in-code');
    expect(await storageOf(page)).toBe('[{},{},""]');
    expect(await page.content()).not.toContain(setup.session);
    await screenshot(page, 'two-factor-required-setup');

    await codeStep.getByLabel('6-digit code', { exact: true }).fill(wrongCodeFor(totp));
    await codeStep.getByLabel('6-digit code', { exact: true }).press('Enter');
    await saysSo(codeStep, 'That code is not right.');
    await codeStep.getByLabel('6-digit code', { exact: true }).fill(totp.generate());
    await codeStep.getByLabel('6-digit code', { exact: true }).press('Enter');
    const signedIn = section(page, 'You are signed in');
    await signedIn.waitFor();
    expect(await markupWithoutSpaces(page)).not.toContain(setup.secret);

    const twoFactor = section(page, 'Two-factor sign-in');
    expect(await twoFactor.locator('#two-factor-state').textContent()).toMatch(/^On: /);
    await twoFactor.getByRole('button', { name: 'Turn off two-factor sign-in' }).click();
    await saysSo(twoFactor, /^This deployment requires a second factor, so it cannot be turned off/);

    // The factor set up at sign-in is the account's: the next sign-in asks for its code, and sets nothing up.
    await signedIn.getByRole('button', { name: 'Sign out', exact: true }).click();
    await saysSo(section(page, '3. Sign in'), 'Signed out.');
    const challenge = await answerTo<{ challenge: string }>(page, '/sign-in', () => enterPassword(page, email));
    expect(challenge.challenge).toBe('TOTP');
    expect(await key.isHidden()).toBe(true);
    await codeStep.getByLabel('6-digit code', { exact: true }).fill(totp.generate({ timestamp: Date.now() + 30_000 }));
    await codeStep.getByLabel('6-digit code', { exact: true }).press('Enter');
    await signedIn.waitFor();
    expect(errors.filter((e) => !/status of (400|409)/.test(e))).toEqual([]);
    await page.close();
  });
});

describe('the Admin panel', () => {
  /** Makes `email` an admin with the operator's credentials local mode wrote, as `npm run admin` does. */
  const makeAdmin = (email: string) => addToGroups(localPage.stateDir, email, ['admin']);

  test('is not shown to a user outside admin', async () => {
    await localPage.confirmedUser('plain-user@example.com');
    const { page, errors } = await openPage();
    await signInThroughPage(page, 'plain-user@example.com');
    await section(page, 'Account').waitFor();
    expect(await page.getByRole('region', { name: 'Admin' }).count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  test('shows an admin the users, filters them by email, and disables and re-enables one', async () => {
    await localPage.confirmedUser('panel-admin@example.com');
    await localPage.confirmedUser('panel-worker@example.com');
    await makeAdmin('panel-admin@example.com');
    const { page, errors } = await openPage();
    await signInThroughPage(page, 'panel-admin@example.com');
    const admin = section(page, 'Admin');
    await admin.getByRole('cell', { name: 'panel-worker@example.com', exact: true }).waitFor();
    await admin.getByLabel('Email starts with').fill('panel-w');
    await admin.getByRole('button', { name: 'List users' }).click();
    await saysSo(admin, '1 user.');
    await admin.getByRole('button', { name: 'Disable panel-worker@example.com' }).click();
    await saysSo(admin, 'panel-worker@example.com is disabled.');
    await admin.getByRole('cell', { name: 'DISABLED', exact: true }).waitFor();
    await admin.getByRole('button', { name: 'Enable panel-worker@example.com' }).click();
    await saysSo(admin, 'panel-worker@example.com is enabled.');
    await admin.getByRole('button', { name: 'Make panel-worker@example.com admin' }).click();
    await saysSo(admin, 'panel-worker@example.com is now an admin.');
    expect(errors).toEqual([]);
    await page.close();
  });
});

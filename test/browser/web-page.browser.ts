import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { type Browser, DESKTOP, launchChromium, PAGE_URL, PHONE } from './chromium';
import { type LocalPage, PASSWORD, startLocalPage } from './local-page';

const resultsDir = path.join(__dirname, '..', '..', 'test-results');

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

/** A fresh tab on the page, and every console error or uncaught exception it reports (a CSP violation is one). */
async function openPage(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(PAGE_URL);
  // The page has loaded config.json once it shows the API it talks to.
  await page.locator('#api-url').filter({ hasText: localPage.local.apiUrl }).waitFor();
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

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(resultsDir, `${name}.png`), fullPage: true });
}

describe('the demo page in Chromium, against local mode', () => {
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
});

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { type RouteSpec, routes } from '../../contract/routes';
import { type Browser, launchChromium, PAGE_URL, SITE_LIKE_URL, startSiteLikeProxy } from './chromium';
import { type LocalPage, PASSWORD, startLocalPage } from './local-page';

const resultsDir = path.join(__dirname, '..', '..', 'test-results');

let localPage: LocalPage;
let siteLike: Awaited<ReturnType<typeof startSiteLikeProxy>>;
let browser: Browser;

beforeAll(async () => {
  fs.mkdirSync(resultsDir, { recursive: true });
  localPage = await startLocalPage();
  siteLike = await startSiteLikeProxy(localPage.webPort);
  browser = await launchChromium(localPage.webPort, siteLike.port);
});

afterAll(async () => {
  await browser?.close();
  await siteLike?.close();
  await localPage?.close();
});

interface OpenedReference {
  readonly page: Page;
  /** Console errors and uncaught exceptions (a CSP violation is one). */
  readonly errors: string[];
  /** Every URL the page requested, from the first byte on. */
  readonly requests: string[];
}

/** The reference page in a fresh tab, once Swagger UI has drawn the operations of the document it read. */
async function openReference(url: string): Promise<OpenedReference> {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(url);
  await page.locator('.opblock').first().waitFor();
  return { page, errors, requests };
}

/** Each operation as the page shows it: method, path and summary. */
const shownOperations = (page: Page) =>
  page.$$eval('.opblock-summary', (summaries) =>
    summaries.map((summary) => ({
      method: summary.querySelector('.opblock-summary-method')?.textContent?.trim(),
      path: summary.querySelector('.opblock-summary-path')?.getAttribute('data-path'),
      summary: summary.querySelector('.opblock-summary-description')?.textContent?.trim(),
    })),
  );

/** Opens the page and waits until the network is quiet: every request it made went to its own origin, and nothing logged an error. */
async function expectOnlyItsOwnRequests(url: string): Promise<void> {
  const { page, errors, requests } = await openReference(url);
  await page.waitForLoadState('networkidle');
  expect([...new Set(requests.map((request) => new URL(request).origin))]).toEqual([new URL(url).origin]);
  expect(errors).toEqual([]);
  await page.close();
}

/** Where the reference is served: beside the local API, and in the site's bundle as the local page server serves it. */
const places = [
  { place: 'local mode, at /_local/docs', url: () => localPage.local.docsUrl },
  { place: "the site's bundle, at reference.html", url: () => new URL('reference.html', PAGE_URL).href },
];

describe.each(places)('the API reference page in Chromium: $place', ({ place, url }) => {
  test('shows every route of the table that local mode deploys, with its summary, under its tag', async () => {
    const { page, errors } = await openReference(url());
    // The rows the template deploys (the default settings leave -c passwordless's out), as the site lists them.
    const deployed = (routes as readonly RouteSpec[]).filter((row) =>
      localPage.local.model.routes.some((route) => route.method === row.method && route.path === row.path),
    );
    expect(deployed.length).toBeGreaterThan(20);
    const table = deployed.map(({ method, path, summary }) => ({ method, path, summary }));
    const byRoute = (a: { method?: string; path?: string | null }, b: typeof a) =>
      `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`);
    expect((await shownOperations(page)).sort(byRoute)).toEqual(table.sort(byRoute));
    for (const route of deployed) {
      const section = page.locator('.opblock-tag-section').filter({ has: page.locator(`h3[data-tag="${route.tag}"]`) });
      await expect(section.locator(`.opblock-summary-path[data-path="${route.path}"]`).count()).resolves.toBeGreaterThan(0);
    }
    expect(errors).toEqual([]);
    await page.screenshot({ path: path.join(resultsDir, `reference-${place.split(',')[0].replace(/\W+/g, '-')}.png`) });
    await page.close();
  });

  test('requests nothing from another machine while it loads, and the CSP refuses nothing it loads', async () => {
    await expectOnlyItsOwnRequests(url());
  });

  test('signs a new user up through "Try it out" on POST /sign-up, against local mode', async () => {
    const { page, errors } = await openReference(url());
    const email = `reference-${place.length}-${Date.now()}@example.com`;
    const signUp = page.locator('.opblock-post').filter({ has: page.locator('.opblock-summary-path[data-path="/sign-up"]') });
    await signUp.locator('.opblock-summary').click();
    await signUp.getByRole('button', { name: 'Try it out' }).click();
    await signUp.locator('textarea.body-param__text').fill(JSON.stringify({ email, password: PASSWORD }));
    await signUp.getByRole('button', { name: 'Execute' }).click();
    const status = signUp.locator('.live-responses-table .response .response-col_status');
    await expect(status.first().textContent({ timeout: 10_000 })).resolves.toMatch(/^\s*201/);
    // The account exists: the code Cognito (the twin) mailed confirms it.
    await expect(localPage.latestCode(email)).resolves.toMatch(/^\d{6}$/);
    expect(errors).toEqual([]);
    await page.close();
  });
});

test("the site's bundle on a domain like a deployment's requests nothing from another machine either", async () => {
  await expectOnlyItsOwnRequests(new URL('reference.html', SITE_LIKE_URL).href);
});

test('the demo page links the reference, which the site serves beside it', async () => {
  const page = await browser.context.newPage();
  await page.goto(PAGE_URL);
  await page.getByRole('link', { name: 'API reference' }).click();
  await page.locator('.opblock').first().waitFor();
  expect(new URL(page.url()).pathname).toBe('/reference.html');
  await page.close();
});

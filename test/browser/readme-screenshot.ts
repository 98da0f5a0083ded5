import * as path from 'node:path';
import { synthesize } from '../../local/synth';
import { launchChromium, PAGE_URL } from './chromium';
import { PASSWORD, startLocalPage } from './local-page';

/**
 * docs/web-page.png, docs/web-page.md's picture of the page (npm run docs:screenshot): local mode on the
 * ports `npm start` uses, so the picture shows the URLs a reader will see, halfway through the flow
 * (signed up, the code in the mailbox panel, the cursor in the code field).
 */
async function main(): Promise<void> {
  const root = path.join(__dirname, '..', '..');
  const { cdkOut } = synthesize(path.join(root, '.local', 'synth'));
  const localPage = await startLocalPage(cdkOut, { apiPort: 3000, cognitoPort: 9229, webPort: 5173 });
  const browser = await launchChromium(localPage.webPort);
  try {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1200, height: 800 });
    await page.goto(PAGE_URL);
    const signUp = page.getByRole('region', { name: '1. Create an account' });
    await signUp.getByLabel('Email', { exact: true }).fill('you@example.com');
    await signUp.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await signUp.getByLabel('Password', { exact: true }).press('Enter');
    await page.getByRole('complementary', { name: 'Local mailbox' }).getByRole('listitem').first().waitFor();
    await page.screenshot({ path: path.join(root, 'docs', 'web-page.png'), fullPage: true });
  } finally {
    await browser.close();
    await localPage.close();
  }
}

main().catch((error: Error) => {
  console.error(`docs:screenshot failed: ${error.message} (is npm start running? it uses the same ports)`);
  process.exit(1);
});

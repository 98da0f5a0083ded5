import { apiClient } from './api';
import { loadConfig } from './config';
import { element, say } from './forms';
import { mountPanels, type Panel } from './page';
import { accountPanel } from './panels/account';
import { adminPanel } from './panels/admin';
import { confirmPanel } from './panels/confirm';
import { credentialsPanel } from './panels/credentials';
import { mailboxPanel } from './panels/mailbox';
import { passkeysPanel } from './panels/passkeys';
import { passwordlessPanel } from './panels/passwordless';
import { recoveryPanel } from './panels/recovery';
import { signInPanel } from './panels/sign-in';
import { signUpPanel } from './panels/sign-up';
import { signedInPanel } from './panels/signed-in';
import { twoFactorPanel } from './panels/two-factor';

/**
 * The page's boot: its settings (config.json), then the panels this deployment has, each a module
 * of panels/ (page.ts says how they reach the API, the session and each other). The flow: sign up →
 * confirm → sign in (with an authenticator code when the account has one) → call the guarded routes
 * → sign out, password recovery, and the Account panel. Words for the whole page go to
 * #page-status; each panel has its own status lines (forms.ts: `say`, FormView, ButtonRow).
 */
async function main(): Promise<void> {
  const pageStatus = element('page-status', HTMLParagraphElement);
  window.addEventListener('unhandledrejection', (event) =>
    say(pageStatus, `This page hit an unexpected error: ${String(event.reason)}`, 'error'),
  );

  const config = await loadConfig().catch((error: Error) => {
    say(pageStatus, `This page could not load its settings (${error.message}), so it does not know which API to call.`, 'error');
    return undefined;
  });
  if (!config) return;
  element('api-url', HTMLElement).textContent = config.apiUrl;

  const panels: Panel[] = [
    signUpPanel,
    confirmPanel,
    signInPanel,
    passwordlessPanel,
    recoveryPanel,
    signedInPanel,
    credentialsPanel,
    accountPanel,
    adminPanel,
    passkeysPanel,
    // With mfa=off the /mfa routes are absent (config.ts says why the page must be told).
    ...(config.mfa === 'off' ? [] : [twoFactorPanel]),
    ...(config.localMailbox ? [mailboxPanel] : []),
  ];
  const page = mountPanels(config, apiClient(config.apiUrl), panels);
  await page.tell({ kind: 'mailSent' });
}

void main();

import type { Problem } from '../api';
import { AuthenticatorKeyView, authenticatorCode } from '../authenticator-key';
import { ButtonRow, element, FormView } from '../forms';
import { explain, explainAuthenticatorCode } from '../messages';
import type { Panel } from '../page';
import { session } from '../session';

/**
 * The Account panel's two-factor part (main.ts mounts it unless the deployment's mfa is off, when
 * the /mfa routes are absent): turning TOTP on (POST /mfa/totp, a key, then its first code to
 * POST /mfa/totp/verify) and off (DELETE /mfa/totp).
 */
export const twoFactorPanel: Panel = {
  root: 'two-factor',
  mount(page) {
    const totpVerify = new FormView('totp-verify-form', page.apiUrl, explainAuthenticatorCode);
    const enrolKey = new AuthenticatorKeyView(element('enrol-key', HTMLDivElement), (text, tone) => totpVerify.say(text, tone));
    const totpStart = element('totp-start', HTMLButtonElement);
    const totpOff = element('totp-off', HTMLButtonElement);
    const actions = new ButtonRow(element('signed-in', HTMLElement), element('two-factor-status', HTMLParagraphElement));
    element('two-factor', HTMLElement).hidden = false;

    /** For an account that has two-factor sign-in on or off. */
    const showTwoFactor = (on: boolean) => {
      element('two-factor-state', HTMLParagraphElement).textContent = on
        ? 'On: every sign-in asks for the code your authenticator app shows, after the password.'
        : 'Off: you sign in with your password alone.';
      totpStart.hidden = on;
      totpOff.hidden = !on;
      totpVerify.form.hidden = true;
      totpVerify.set('code', '');
      enrolKey.clear();
    };

    /** A failed two-factor action: an ended session goes back to the forms, anything else is said under it. */
    const actionProblem = (problem: Problem) => {
      if (!page.endedSession(problem)) actions.say(explain(problem, page.apiUrl).text, 'error');
    };

    actions.onClick(totpStart, async () => {
      const outcome = await page.withAccessToken((accessToken) => page.api.startTotp(accessToken));
      if (!outcome.ok) return actionProblem(outcome.problem);
      totpStart.hidden = true;
      totpVerify.form.hidden = false;
      await enrolKey.show(outcome.body);
      totpVerify.focus('code');
    });

    totpVerify.onSubmit(async () => {
      const outcome = await page.withAccessToken((accessToken) =>
        page.api.verifyTotp(accessToken, authenticatorCode(totpVerify.value('code'))),
      );
      if (!outcome.ok) {
        if (!page.endedSession(outcome.problem)) totpVerify.problem(outcome.problem);
        return;
      }
      session.setTwoFactor(true);
      showTwoFactor(true);
      actions.say(
        'Two-factor sign-in is on. From your next sign-in on, this page asks for the code your authenticator app shows.',
        'ok',
      );
    });

    // Nothing to undo: a key counts only once POST /mfa/totp/verify accepted its code.
    element('totp-cancel', HTMLButtonElement).addEventListener('click', () => {
      showTwoFactor(false);
      totpStart.focus();
    });

    actions.onClick(totpOff, async () => {
      const outcome = await page.withAccessToken((accessToken) => page.api.turnOffTotp(accessToken));
      if (!outcome.ok) return actionProblem(outcome.problem);
      session.setTwoFactor(false);
      showTwoFactor(false);
      actions.say('Two-factor sign-in is off: the next sign-in asks for your password alone.', 'ok');
    });

    return {
      signedIn: () => {
        showTwoFactor(session.get()?.twoFactor ?? false);
        actions.clear();
      },
      signedOut: () => enrolKey.clear(),
    };
  },
};

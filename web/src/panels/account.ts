import type { Problem } from '../api';
import { ButtonRow, element, FormView } from '../forms';
import { explain } from '../messages';
import type { Panel } from '../page';

/**
 * The signed-in "Account" panel, all with the access token: a new password, a new email (a code
 * to it, then that code), signing out everywhere, and deleting the account after a step in the page.
 */
export const accountPanel: Panel = {
  root: 'account',
  mount(page) {
    const changePassword = new FormView('change-password-form', page.apiUrl);
    const changeEmail = new FormView('change-email-form', page.apiUrl);
    const verifyEmail = new FormView('verify-email-form', page.apiUrl);
    const actions = new ButtonRow(element('signed-in', HTMLElement), element('account-status', HTMLParagraphElement));
    const deleteConfirm = element('delete-confirm', HTMLFieldSetElement);
    const deleteAccount = element('delete-account', HTMLButtonElement);

    /** A failed account form: an ended session goes back to the forms, anything else stays on the form with what was typed. */
    const formProblem = (form: FormView, problem: Problem) => {
      if (!page.endedSession(problem)) form.problem(problem);
    };
    /** A failed account action: an ended session goes back to the forms, anything else is said in the Account panel. */
    const actionProblem = (problem: Problem) => {
      if (!page.endedSession(problem)) actions.say(explain(problem, page.apiUrl).text, 'error');
    };

    changePassword.onSubmit(async () => {
      const outcome = await page.withAccessToken((accessToken) =>
        page.api.changePassword(accessToken, changePassword.value('currentPassword'), changePassword.value('newPassword')),
      );
      if (!outcome.ok) return formProblem(changePassword, outcome.problem);
      changePassword.set('currentPassword', '');
      changePassword.set('newPassword', '');
      changePassword.say('Password changed. Sign in with the new one from now on.', 'ok');
    });

    changeEmail.onSubmit(async () => {
      const email = changeEmail.value('email');
      const outcome = await page.withAccessToken((accessToken) => page.api.changeEmail(accessToken, email));
      if (!outcome.ok) return formProblem(changeEmail, outcome.problem);
      verifyEmail.say(
        `We sent a code to ${outcome.body.codeDelivery?.destination ?? email}: enter it here. Until then, sign in with your current email.${page.whereTheCodeIs}`,
        'ok',
      );
      verifyEmail.focus('code');
      await page.tell({ kind: 'mailSent' });
    });

    verifyEmail.onSubmit(async () => {
      const outcome = await page.withAccessToken((accessToken) => page.api.verifyEmail(accessToken, verifyEmail.value('code')));
      if (!outcome.ok) return formProblem(verifyEmail, outcome.problem);
      const email = changeEmail.value('email');
      verifyEmail.set('code', '');
      changeEmail.set('email', '');
      if (email) await page.tell({ kind: 'emailChanged', email });
      verifyEmail.say(`Email verified. Sign in with ${email || 'the new email'} from now on.`, 'ok');
    });

    actions.onClick(element('sign-out-everywhere', HTMLButtonElement), async () => {
      const outcome = await page.withAccessToken((accessToken) => page.api.signOutEverywhere(accessToken));
      if (!outcome.ok) return actionProblem(outcome.problem);
      page.showSignedOut('Signed out everywhere. Every refresh token of this account is revoked, on every device.', 'ok');
    });

    const hideDeleteConfirm = () => {
      deleteConfirm.hidden = true;
      deleteAccount.setAttribute('aria-expanded', 'false');
    };

    // A step in the page rather than window.confirm: it is styled, announced and reachable like the rest.
    deleteAccount.addEventListener('click', () => {
      deleteConfirm.hidden = false;
      deleteAccount.setAttribute('aria-expanded', 'true');
      // The safe choice has the focus: Enter twice does not erase an account.
      element('delete-account-cancel', HTMLButtonElement).focus();
    });
    element('delete-account-cancel', HTMLButtonElement).addEventListener('click', () => {
      hideDeleteConfirm();
      deleteAccount.focus();
    });
    actions.onClick(element('delete-account-confirm', HTMLButtonElement), async () => {
      const outcome = await page.withAccessToken((accessToken) => page.api.deleteAccount(accessToken));
      if (!outcome.ok) return actionProblem(outcome.problem);
      page.showSignedOut('Account deleted. This email can sign up again as a new account.', 'ok');
    });

    return {
      signedIn: () => {
        actions.clear();
        hideDeleteConfirm();
      },
      useCode: ({ mail }) => {
        if (mail.kind !== 'verify-email') return;
        verifyEmail.set('code', mail.code);
        verifyEmail.focus('code');
      },
    };
  },
};

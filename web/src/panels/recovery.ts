import { element, FormView } from '../forms';
import type { Panel } from '../page';

/** "Forgot your password?": a reset code by email (POST /forgot-password), then a new password (POST /reset-password). */
export const recoveryPanel: Panel = {
  root: 'recovery',
  mount(page) {
    const recovery = element('recovery', HTMLDetailsElement);
    const forgot = new FormView('forgot-form', page.apiUrl);
    const reset = new FormView('reset-form', page.apiUrl);

    forgot.onSubmit(async () => {
      const email = forgot.value('email');
      const outcome = await page.api.forgotPassword(email);
      if (!outcome.ok) return forgot.problem(outcome.problem);
      reset.set('email', email);
      // The API answers alike whether or not the email has an account (no enumeration), and so does the page.
      reset.say(
        `If ${email} has an account, a reset code is on its way to ${outcome.body.codeDelivery?.destination ?? 'it'}. Enter it here with a new password.${page.whereTheCodeIs}`,
        'ok',
      );
      reset.focus('code');
      await page.tell({ kind: 'mailSent' });
    });

    reset.onSubmit(async () => {
      const email = reset.value('email');
      const outcome = await page.api.resetPassword(email, reset.value('code'), reset.value('newPassword'));
      if (!outcome.ok) return reset.problem(outcome.problem);
      reset.set('code', '');
      reset.set('newPassword', '');
      recovery.open = false;
      await page.tell({ kind: 'canSignIn', email, text: 'Password changed. Sign in with the new one.' });
    });

    return {
      useCode: ({ mail }) => {
        if (mail.kind !== 'reset') return;
        recovery.open = true;
        reset.set('email', mail.to);
        reset.set('code', mail.code);
        reset.focus('newPassword');
      },
    };
  },
};

import { element, FormView } from '../forms';
import type { Panel } from '../page';

/** Step 2, "Confirm your email": POST /confirm with the emailed code, or POST /resend-code for a new one. */
export const confirmPanel: Panel = {
  root: 'confirm-form',
  mount(page) {
    const confirm = new FormView('confirm-form', page.apiUrl);

    confirm.onSubmit(async () => {
      const email = confirm.value('email');
      const outcome = await page.api.confirm(email, confirm.value('code'));
      if (!outcome.ok) return confirm.problem(outcome.problem);
      confirm.set('code', '');
      await page.tell({ kind: 'canSignIn', email, text: 'Email confirmed. Sign in with your password.' });
    });

    element('resend-code', HTMLButtonElement).addEventListener('click', () =>
      confirm.busy(async () => {
        if (!confirm.check('email')) return;
        const outcome = await page.api.resendCode(confirm.value('email'));
        if (!outcome.ok) return confirm.problem(outcome.problem);
        confirm.say(
          `We sent a new code to ${outcome.body.codeDelivery?.destination ?? confirm.value('email')}. Earlier codes no longer work.${page.whereTheCodeIs}`,
          'ok',
        );
        await page.tell({ kind: 'mailSent' });
      }),
    );

    return {
      signedUp: ({ email, text }) => {
        confirm.set('email', email);
        confirm.say(text, 'ok');
        confirm.focus('code');
      },
      unconfirmed: ({ email }) => confirm.set('email', email),
      useCode: ({ mail }) => {
        if (mail.kind !== 'sign-up' && mail.kind !== 'resend') return;
        confirm.set('email', mail.to);
        confirm.set('code', mail.code);
        confirm.focus('code');
      },
    };
  },
};

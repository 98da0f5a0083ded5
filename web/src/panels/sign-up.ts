import { FormView } from '../forms';
import type { Panel } from '../page';

/** Step 1, "Create an account": POST /sign-up; the confirm panel takes the code it sends. */
export const signUpPanel: Panel = {
  root: 'sign-up-form',
  mount(page) {
    const signUp = new FormView('sign-up-form', page.apiUrl);
    signUp.onSubmit(async () => {
      const email = signUp.value('email');
      const outcome = await page.api.signUp(email, signUp.value('password'));
      if (!outcome.ok) return signUp.problem(outcome.problem);
      signUp.set('password', '');
      await page.tell({
        kind: 'signedUp',
        email,
        text: `Account created. We sent a code to ${outcome.body.codeDelivery?.destination ?? email}: enter it here.${page.whereTheCodeIs}`,
      });
      await page.tell({ kind: 'mailSent' });
    });
    return {};
  },
};

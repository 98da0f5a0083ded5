import type { WebAuthnCredentialJson } from '../../../contract/requests';
import { element, FormView, say } from '../forms';
import { explain } from '../messages';
import type { Panel } from '../page';
import { session } from '../session';

/**
 * Beside the password form, with -c passwordless: "Sign in with a passkey" (POST /sign-in/passkey, the browser's
 * WebAuthn with the options it answers, then /sign-in/passkey/verify) and "Email me a code" (POST /sign-in/email-code,
 * then the code to /sign-in/email-code/verify). Both take the email of the sign-in form.
 */
export const passwordlessPanel: Panel = {
  root: 'passwordless',
  mount(page) {
    const factors = page.config.passwordless ?? [];
    const root = element('passwordless', HTMLDivElement);
    const status = element('passwordless-status', HTMLParagraphElement);
    const passkeyButton = element('passkey-sign-in', HTMLButtonElement);
    const emailCodeButton = element('email-code-start', HTMLButtonElement);
    const codeForm = new FormView('email-code-form', page.apiUrl);
    const emailInput = element('sign-in-email', HTMLInputElement);
    root.hidden = factors.length === 0;
    passkeyButton.hidden = !factors.includes('passkey');
    emailCodeButton.hidden = !factors.includes('email-otp');
    let pending: { email: string; session: string } | undefined;

    /** The sign-in form's email, once the browser's own check of it passes. */
    const email = () => (emailInput.reportValidity() ? emailInput.value.trim() : undefined);
    const signedIn = (address: string, tokens: Parameters<typeof session.start>[1]) => {
      session.start(address, tokens, false);
      page.showSignedIn(address);
    };

    passkeyButton.addEventListener('click', async () => {
      const address = email();
      if (!address) return;
      const begun = await page.api.signInPasskey(address);
      if (!begun.ok) return say(status, explain(begun.problem, page.apiUrl).text, 'error');
      let credential: WebAuthnCredentialJson;
      try {
        // https://www.w3.org/TR/webauthn-3/#sctn-parseRequestOptionsFromJSON, and toJSON() back.
        const publicKey = PublicKeyCredential.parseRequestOptionsFromJSON(begun.body.options as never);
        const found = (await navigator.credentials.get({ publicKey })) as PublicKeyCredential;
        credential = found.toJSON() as WebAuthnCredentialJson;
      } catch (error) {
        return say(
          status,
          `Your browser gave no passkey (${(error as Error).name}): try again, or sign in another way.`,
          'error',
        );
      }
      const done = await page.api.signInPasskeyVerify(address, begun.body.session, credential);
      if (!done.ok) return say(status, explain(done.problem, page.apiUrl).text, 'error');
      signedIn(address, done.body);
    });

    emailCodeButton.addEventListener('click', async () => {
      const address = email();
      if (!address) return;
      const begun = await page.api.signInEmailCode(address);
      if (!begun.ok) return say(status, explain(begun.problem, page.apiUrl).text, 'error');
      pending = { email: address, session: begun.body.session };
      codeForm.form.hidden = false;
      codeForm.set('code', '');
      codeForm.say(`We emailed a sign-in code to ${begun.body.codeDelivery.destination ?? address}.${page.whereTheCodeIs}`, 'ok');
      codeForm.focus('code');
      void page.tell({ kind: 'mailSent' });
    });

    const endCodeStep = () => {
      pending = undefined;
      codeForm.form.hidden = true;
    };

    codeForm.onSubmit(async () => {
      if (!pending) return endCodeStep();
      const done = await page.api.signInEmailCodeVerify(pending.email, pending.session, codeForm.value('code'));
      if (!done.ok) {
        // The session ended (used, or too old): only a new code helps.
        if (done.problem.code === 'NotAuthorized') endCodeStep();
        return done.problem.code === 'NotAuthorized'
          ? say(status, explain(done.problem, page.apiUrl).text, 'error')
          : codeForm.problem(done.problem);
      }
      const address = pending.email;
      endCodeStep();
      signedIn(address, done.body);
    });
    element('email-code-cancel', HTMLButtonElement).addEventListener('click', endCodeStep);

    return {
      useCode: ({ mail }) => {
        if (mail.kind === 'sign-in' && !codeForm.form.hidden) codeForm.set('code', mail.code);
      },
      signedOut: () => {
        endCodeStep();
        say(status, '');
      },
    };
  },
};

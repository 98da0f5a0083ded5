import type { SignInChallengeResponse, SignInResponse } from '../../../contract/responses';
import { AuthenticatorKeyView, authenticatorCode } from '../authenticator-key';
import { element, FormView } from '../forms';
import { explainAuthenticatorCode } from '../messages';
import type { Panel } from '../page';
import { pendingSignIn, session } from '../session';

/**
 * Step 3, "Sign in": POST /sign-in with the password, then, when the account has two-factor
 * sign-in, the code of its authenticator (POST /sign-in/totp), or (TOTP_SETUP: the deployment
 * requires a factor and the account has none) a new key to add to an authenticator first
 * (POST /sign-in/totp-setup), then its code.
 */
export const signInPanel: Panel = {
  root: 'sign-in',
  mount(page) {
    const signIn = new FormView('sign-in-form', page.apiUrl);
    const signInCode = new FormView('sign-in-code-form', page.apiUrl, explainAuthenticatorCode);
    const signInKey = new AuthenticatorKeyView(element('sign-in-key', HTMLDivElement), (text, tone) =>
      signInCode.say(text, tone),
    );

    const signedInAs = (email: string, tokens: SignInResponse, twoFactor: boolean) => {
      session.start(email, tokens, twoFactor);
      page.showSignedIn(email);
    };

    signIn.onSubmit(async () => {
      const email = signIn.value('email');
      const outcome = await page.api.signIn(email, signIn.value('password'));
      if (!outcome.ok) {
        if (outcome.problem.code === 'UserNotConfirmed') await page.tell({ kind: 'unconfirmed', email });
        return signIn.problem(outcome.problem);
      }
      signIn.set('password', '');
      if ('challenge' in outcome.body) return askForCode(email, outcome.body);
      signedInAs(email, outcome.body, false);
    });

    /** The password was right and the account has two-factor sign-in: its code, or a new key first. */
    const askForCode = async (email: string, { challenge, session: signInSession }: SignInChallengeResponse) => {
      pendingSignIn.set(email, signInSession);
      signIn.form.hidden = true;
      signInCode.form.hidden = false;
      signInCode.set('code', '');
      const intro = element('sign-in-code-intro', HTMLParagraphElement);
      if (challenge === 'TOTP') {
        intro.textContent = 'Your password was right. Now enter the code your authenticator app shows for this account.';
        return signInCode.focus('code');
      }
      intro.textContent =
        'Your password was right. This deployment asks every account for a code from an authenticator app, and yours has none yet: add this key to one (scan the QR code or type the key), then enter the code it shows.';
      const setup = await page.api.signInTotpSetup(email, signInSession);
      if (!setup.ok) return backToPassword(explainAuthenticatorCode(setup.problem, page.apiUrl).text);
      pendingSignIn.set(email, setup.body.session);
      await signInKey.show(setup.body);
      signInCode.focus('code');
    };

    /** Leaves the code step: what it held (the session, a new key) is forgotten. */
    const endCodeStep = () => {
      pendingSignIn.end();
      signInKey.clear();
      signInCode.form.hidden = true;
      signIn.form.hidden = false;
    };

    const backToPassword = (text: string) => {
      endCodeStep();
      signIn.say(text, 'error');
      signIn.focus('password');
    };

    signInCode.onSubmit(async () => {
      const pending = pendingSignIn.get();
      if (!pending) return backToPassword('Sign in again.');
      const outcome = await page.api.signInTotp(pending.email, pending.session, authenticatorCode(signInCode.value('code')));
      if (!outcome.ok) {
        // The session ended (used, or older than the app client's 10 minutes): only a new sign-in helps.
        if (outcome.problem.code === 'NotAuthorized') {
          return backToPassword(explainAuthenticatorCode(outcome.problem, page.apiUrl).text);
        }
        return signInCode.problem(outcome.problem);
      }
      endCodeStep();
      signedInAs(pending.email, outcome.body, true);
    });

    element('sign-in-code-cancel', HTMLButtonElement).addEventListener('click', () => {
      endCodeStep();
      signIn.focus('password');
    });

    return {
      signedUp: ({ email }) => signIn.set('email', email),
      canSignIn: ({ email, text }) => {
        signIn.set('email', email);
        signIn.say(text, 'ok');
        signIn.focus('password');
      },
      emailChanged: ({ email }) => signIn.set('email', email),
      signedOut: ({ text, tone }) => {
        signIn.say(text, tone);
        signIn.focus('email');
      },
    };
  },
};

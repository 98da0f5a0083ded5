import type { SignInChallengeResponse, SignInResponse } from '../../lambda/api/response-bodies';
import { apiClient, type Outcome, type Problem } from './api';
import { AuthenticatorKeyView, authenticatorCode } from './authenticator-key';
import { loadConfig } from './config';
import { element, FormView, say, whileBusy } from './forms';
import { type Mail, MailboxPanel } from './mailbox';
import { explain, explainAuthenticatorCode } from './messages';
import { pendingSignIn, session } from './session';

/**
 * The flow: sign up → confirm → sign in (with an authenticator code when the account has one) →
 * call the guarded routes → sign out, password recovery, and the Account panel.
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
  const { apiUrl } = config;
  element('api-url', HTMLElement).textContent = apiUrl;
  const api = apiClient(apiUrl);

  const signUp = new FormView('sign-up-form', apiUrl);
  const confirm = new FormView('confirm-form', apiUrl);
  const signIn = new FormView('sign-in-form', apiUrl);
  const signInCode = new FormView('sign-in-code-form', apiUrl, explainAuthenticatorCode);
  const signInKey = new AuthenticatorKeyView(element('sign-in-key', HTMLDivElement), (text, tone) => signInCode.say(text, tone));
  const forgot = new FormView('forgot-form', apiUrl);
  const reset = new FormView('reset-form', apiUrl);
  const recovery = element('recovery', HTMLDetailsElement);
  const signedOut = element('signed-out', HTMLDivElement);
  const signedIn = element('signed-in', HTMLElement);
  const signedInStatus = element('signed-in-status', HTMLParagraphElement);
  const answer = element('answer', HTMLElement);
  const changePassword = new FormView('change-password-form', apiUrl);
  const changeEmail = new FormView('change-email-form', apiUrl);
  const verifyEmail = new FormView('verify-email-form', apiUrl);
  const accountStatus = element('account-status', HTMLParagraphElement);
  const deleteConfirm = element('delete-confirm', HTMLFieldSetElement);
  const deleteAccount = element('delete-account', HTMLButtonElement);
  const twoFactorStatus = element('two-factor-status', HTMLParagraphElement);
  const totpVerify = new FormView('totp-verify-form', apiUrl, explainAuthenticatorCode);
  const enrolKey = new AuthenticatorKeyView(element('enrol-key', HTMLDivElement), (text, tone) => totpVerify.say(text, tone));
  const totpStart = element('totp-start', HTMLButtonElement);
  const totpOff = element('totp-off', HTMLButtonElement);
  // With mfa=off the /mfa routes are absent (config.ts says why the page must be told).
  element('two-factor', HTMLElement).hidden = config.mfa === 'off';

  const useCode = (mail: Mail) => {
    if (mail.kind === 'verify-email') {
      verifyEmail.set('code', mail.code);
      verifyEmail.focus('code');
    } else if (mail.kind === 'reset') {
      recovery.open = true;
      reset.set('email', mail.to);
      reset.set('code', mail.code);
      reset.focus('newPassword');
    } else {
      confirm.set('email', mail.to);
      confirm.set('code', mail.code);
      confirm.focus('code');
    }
  };
  const mailbox = config.localMailbox ? new MailboxPanel(config.localMailbox, useCode) : undefined;
  const checkMail = async () => mailbox?.refresh();
  // On a phone the panel is below the forms, out of sight.
  const whereTheCodeIs = mailbox ? ' (Local mode: it is in the Local mailbox panel.)' : '';

  signUp.onSubmit(async () => {
    const email = signUp.value('email');
    const outcome = await api.signUp(email, signUp.value('password'));
    if (!outcome.ok) return signUp.problem(outcome.problem);
    signUp.set('password', '');
    confirm.set('email', email);
    signIn.set('email', email);
    confirm.say(
      `Account created. We sent a code to ${outcome.body.codeDelivery?.destination ?? email}: enter it here.${whereTheCodeIs}`,
      'ok',
    );
    confirm.focus('code');
    await checkMail();
  });

  confirm.onSubmit(async () => {
    const email = confirm.value('email');
    const outcome = await api.confirm(email, confirm.value('code'));
    if (!outcome.ok) return confirm.problem(outcome.problem);
    confirm.set('code', '');
    signIn.set('email', email);
    signIn.say('Email confirmed. Sign in with your password.', 'ok');
    signIn.focus('password');
  });

  element('resend-code', HTMLButtonElement).addEventListener('click', () =>
    confirm.busy(async () => {
      if (!confirm.check('email')) return;
      const outcome = await api.resendCode(confirm.value('email'));
      if (!outcome.ok) return confirm.problem(outcome.problem);
      confirm.say(
        `We sent a new code to ${outcome.body.codeDelivery?.destination ?? confirm.value('email')}. Earlier codes no longer work.${whereTheCodeIs}`,
        'ok',
      );
      await checkMail();
    }),
  );

  signIn.onSubmit(async () => {
    const email = signIn.value('email');
    const outcome = await api.signIn(email, signIn.value('password'));
    if (!outcome.ok) {
      if (outcome.problem.code === 'UserNotConfirmed') confirm.set('email', email);
      return signIn.problem(outcome.problem);
    }
    signIn.set('password', '');
    if ('challenge' in outcome.body) return askForCode(email, outcome.body);
    signedInAs(email, outcome.body, false);
  });

  /**
   * The password was right and the account has two-factor sign-in: the code of its authenticator,
   * or (TOTP_SETUP: the deployment requires a factor and the account has none) a new key to add to
   * an authenticator first, then its code.
   */
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
    const setup = await api.signInTotpSetup(email, signInSession);
    if (!setup.ok) return backToPassword(explainAuthenticatorCode(setup.problem, apiUrl).text);
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
    const outcome = await api.signInTotp(pending.email, pending.session, authenticatorCode(signInCode.value('code')));
    if (!outcome.ok) {
      // The session ended (used, or older than the app client's 10 minutes): only a new sign-in helps.
      if (outcome.problem.code === 'NotAuthorized') return backToPassword(explainAuthenticatorCode(outcome.problem, apiUrl).text);
      return signInCode.problem(outcome.problem);
    }
    endCodeStep();
    signedInAs(pending.email, outcome.body, true);
  });

  element('sign-in-code-cancel', HTMLButtonElement).addEventListener('click', () => {
    endCodeStep();
    signIn.focus('password');
  });

  const signedInAs = (email: string, tokens: SignInResponse, twoFactor: boolean) => {
    session.start(email, tokens, twoFactor);
    showSignedIn(email);
  };

  forgot.onSubmit(async () => {
    const email = forgot.value('email');
    const outcome = await api.forgotPassword(email);
    if (!outcome.ok) return forgot.problem(outcome.problem);
    reset.set('email', email);
    // The API answers alike whether or not the email has an account (no enumeration), and so does the page.
    reset.say(
      `If ${email} has an account, a reset code is on its way to ${outcome.body.codeDelivery?.destination ?? 'it'}. Enter it here with a new password.${whereTheCodeIs}`,
      'ok',
    );
    reset.focus('code');
    await checkMail();
  });

  reset.onSubmit(async () => {
    const email = reset.value('email');
    const outcome = await api.resetPassword(email, reset.value('code'), reset.value('newPassword'));
    if (!outcome.ok) return reset.problem(outcome.problem);
    reset.set('code', '');
    reset.set('newPassword', '');
    recovery.open = false;
    signIn.set('email', email);
    signIn.say('Password changed. Sign in with the new one.', 'ok');
    signIn.focus('password');
  });

  const showSignedIn = (email: string) => {
    signedOut.hidden = true;
    signedIn.hidden = false;
    answer.hidden = true;
    signedInStatus.textContent = '';
    accountStatus.textContent = '';
    hideDeleteConfirm();
    showTwoFactor(session.get()?.twoFactor ?? false);
    twoFactorStatus.textContent = '';
    element('signed-in-email', HTMLElement).textContent = email;
    element('signed-in-title', HTMLHeadingElement).focus();
  };

  /** Back to the forms, with a word in the sign-in form about why. */
  const showSignedOut = (text: string, tone: 'ok' | 'error') => {
    session.end();
    enrolKey.clear();
    signedIn.hidden = true;
    signedOut.hidden = false;
    signIn.say(text, tone);
    signIn.focus('email');
  };

  /** A signed-in call failed: an ended session goes back to the forms, anything else is said in place. */
  const signedInProblem = (problem: Problem) => {
    const { text } = explain(problem, apiUrl);
    // Unauthorized: the id token was refused even after a renewal. NotAuthorized, once signed in,
    // comes only from /refresh: the refresh token is expired or revoked. Either way the session is over.
    if (problem.code === 'Unauthorized' || problem.code === 'NotAuthorized') return showSignedOut(text, 'error');
    say(signedInStatus, text, 'error');
  };

  /**
   * Calls a guarded route with the id token (or, for the account routes, the access token). Both
   * live an hour; when the API refuses one, one /refresh with the refresh token gets new ones and
   * the call is tried once more.
   */
  const withToken = async <T>(
    kind: 'idToken' | 'accessToken',
    call: (token: string) => Promise<Outcome<T>>,
  ): Promise<Outcome<T>> => {
    const current = session.get();
    if (!current) return { ok: false, problem: { status: 401, code: 'Unauthorized', message: '' } };
    const first = await call(current[kind]);
    if (first.ok || first.problem.code !== 'Unauthorized') return first;
    const renewed = await api.refresh(current.refreshToken);
    if (!renewed.ok) return first;
    session.renew(renewed.body);
    return call(renewed.body[kind]);
  };
  const withIdToken = <T>(call: (idToken: string) => Promise<Outcome<T>>) => withToken('idToken', call);
  const withAccessToken = <T>(call: (accessToken: string) => Promise<Outcome<T>>) => withToken('accessToken', call);

  /** An account form's failure: an ended session goes back to the forms, anything else stays on the form with what was typed. */
  const accountProblem = (form: FormView, problem: Problem) => {
    if (problem.code === 'Unauthorized') return showSignedOut(explain(problem, apiUrl).text, 'error');
    form.problem(problem);
  };

  const showAnswer = (title: string, fields: Array<[string, string]>) => {
    element('answer-title', HTMLElement).textContent = title;
    element('answer-fields', HTMLDListElement).replaceChildren(
      ...fields.flatMap(([name, value]) => {
        const dt = document.createElement('dt');
        dt.textContent = name;
        const dd = document.createElement('dd');
        dd.textContent = value;
        return [dt, dd];
      }),
    );
    answer.hidden = false;
  };

  const onSignedInClick = (id: string, action: () => Promise<void>) =>
    element(id, HTMLButtonElement).addEventListener('click', () =>
      whileBusy(signedIn, async () => {
        signedInStatus.textContent = '';
        await action();
      }),
    );

  onSignedInClick('call-secret', async () => {
    const outcome = await withIdToken((idToken) => api.secret(idToken));
    if (!outcome.ok) return signedInProblem(outcome.problem);
    const { message, user } = outcome.body;
    say(signedInStatus, 'GET /secret let you in.', 'ok');
    showAnswer('GET /secret answered', [
      ['Message', message],
      ['Email', user.email],
      ['Sub', user.sub],
    ]);
  });

  onSignedInClick('call-me', async () => {
    const outcome = await withIdToken((idToken) => api.me(idToken));
    if (!outcome.ok) return signedInProblem(outcome.problem);
    const { email, sub, emailVerified } = outcome.body;
    say(signedInStatus, 'GET /me answered with the claims of your id token.', 'ok');
    showAnswer('GET /me answered', [
      ['Email', email],
      ['Sub', sub],
      ['Email verified', emailVerified ? 'yes' : 'no'],
    ]);
  });

  onSignedInClick('get-credentials', async () => {
    const outcome = await withIdToken((idToken) => api.credentials(idToken));
    if (!outcome.ok) return signedInProblem(outcome.problem);
    session.keepAwsCredentials(outcome.body);
    say(
      signedInStatus,
      `Temporary AWS credentials of identity ${outcome.body.identityId}, valid until ${new Date(outcome.body.expiration).toLocaleTimeString()}. They stay in this page's memory.`,
      'ok',
    );
  });

  onSignedInClick('call-private', async () => {
    const credentials = session.get()?.awsCredentials;
    if (!credentials || Date.parse(credentials.expiration) <= Date.now()) {
      return say(signedInStatus, 'Get AWS credentials first: GET /private wants a request signed with them.', 'error');
    }
    const outcome = await api.signedPrivate(credentials);
    if (!outcome.ok) return say(signedInStatus, explain(outcome.problem, apiUrl).text, 'error');
    const { message, identityId, user } = outcome.body;
    say(signedInStatus, 'GET /private accepted the signed request.', 'ok');
    showAnswer('GET /private answered', [
      ['Message', message],
      ['Identity id', identityId],
      ['Sub', user.sub],
    ]);
  });

  onSignedInClick('refresh-tokens', async () => {
    const current = session.get();
    if (!current) return;
    const outcome = await api.refresh(current.refreshToken);
    if (!outcome.ok) return signedInProblem(outcome.problem);
    session.renew(outcome.body);
    say(
      signedInStatus,
      `New id and access tokens, valid for ${Math.round(outcome.body.expiresIn / 60)} minutes` +
        (outcome.body.refreshToken
          ? ', and a new refresh token (rotation), which this page keeps: the one it replaces stops working.'
          : '; the refresh token stays the same.'),
      'ok',
    );
  });

  onSignedInClick('sign-out', async () => {
    const current = session.get();
    const outcome = current ? await api.signOut(current.refreshToken) : undefined;
    if (outcome && !outcome.ok) {
      return showSignedOut(
        `Signed out of this page, but the API could not revoke your refresh token: ${explain(outcome.problem, apiUrl).text}`,
        'error',
      );
    }
    showSignedOut('Signed out. The API revoked your refresh token and this page forgot your tokens.', 'ok');
  });

  changePassword.onSubmit(async () => {
    const outcome = await withAccessToken((accessToken) =>
      api.changePassword(accessToken, changePassword.value('currentPassword'), changePassword.value('newPassword')),
    );
    if (!outcome.ok) return accountProblem(changePassword, outcome.problem);
    changePassword.set('currentPassword', '');
    changePassword.set('newPassword', '');
    changePassword.say('Password changed. Sign in with the new one from now on.', 'ok');
  });

  changeEmail.onSubmit(async () => {
    const email = changeEmail.value('email');
    const outcome = await withAccessToken((accessToken) => api.changeEmail(accessToken, email));
    if (!outcome.ok) return accountProblem(changeEmail, outcome.problem);
    verifyEmail.say(
      `We sent a code to ${outcome.body.codeDelivery?.destination ?? email}: enter it here. Until then, sign in with your current email.${whereTheCodeIs}`,
      'ok',
    );
    verifyEmail.focus('code');
    await checkMail();
  });

  verifyEmail.onSubmit(async () => {
    const outcome = await withAccessToken((accessToken) => api.verifyEmail(accessToken, verifyEmail.value('code')));
    if (!outcome.ok) return accountProblem(verifyEmail, outcome.problem);
    const email = changeEmail.value('email');
    verifyEmail.set('code', '');
    changeEmail.set('email', '');
    if (email) {
      element('signed-in-email', HTMLElement).textContent = email;
      signIn.set('email', email);
    }
    verifyEmail.say(`Email verified. Sign in with ${email || 'the new email'} from now on.`, 'ok');
  });

  const onAccountClick = (button: HTMLButtonElement, action: () => Promise<void>) =>
    button.addEventListener('click', () =>
      whileBusy(signedIn, async () => {
        accountStatus.textContent = '';
        await action();
      }),
    );

  /** A failed account action: an ended session goes back to the forms, anything else is said in the Account panel. */
  const accountActionProblem = (problem: Problem) => {
    if (problem.code === 'Unauthorized') return showSignedOut(explain(problem, apiUrl).text, 'error');
    say(accountStatus, explain(problem, apiUrl).text, 'error');
  };

  onAccountClick(element('sign-out-everywhere', HTMLButtonElement), async () => {
    const outcome = await withAccessToken((accessToken) => api.signOutEverywhere(accessToken));
    if (!outcome.ok) return accountActionProblem(outcome.problem);
    showSignedOut('Signed out everywhere. Every refresh token of this account is revoked, on every device.', 'ok');
  });

  function hideDeleteConfirm(): void {
    deleteConfirm.hidden = true;
    deleteAccount.setAttribute('aria-expanded', 'false');
  }

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
  onAccountClick(element('delete-account-confirm', HTMLButtonElement), async () => {
    const outcome = await withAccessToken((accessToken) => api.deleteAccount(accessToken));
    if (!outcome.ok) return accountActionProblem(outcome.problem);
    showSignedOut('Account deleted. This email can sign up again as a new account.', 'ok');
  });

  /** The Account panel's two-factor part, for an account that has it on or off. */
  function showTwoFactor(on: boolean): void {
    element('two-factor-state', HTMLParagraphElement).textContent = on
      ? 'On: every sign-in asks for the code your authenticator app shows, after the password.'
      : 'Off: you sign in with your password alone.';
    totpStart.hidden = on;
    totpOff.hidden = !on;
    totpVerify.form.hidden = true;
    totpVerify.set('code', '');
    enrolKey.clear();
  }

  /** A failed two-factor action: an ended session goes back to the forms, anything else is said under it. */
  const twoFactorProblem = (problem: Problem) => {
    if (problem.code === 'Unauthorized') return showSignedOut(explain(problem, apiUrl).text, 'error');
    say(twoFactorStatus, explain(problem, apiUrl).text, 'error');
  };

  const onTwoFactorClick = (button: HTMLButtonElement, action: () => Promise<void>) =>
    button.addEventListener('click', () =>
      whileBusy(signedIn, async () => {
        twoFactorStatus.textContent = '';
        await action();
      }),
    );

  onTwoFactorClick(totpStart, async () => {
    const outcome = await withAccessToken((accessToken) => api.startTotp(accessToken));
    if (!outcome.ok) return twoFactorProblem(outcome.problem);
    totpStart.hidden = true;
    totpVerify.form.hidden = false;
    await enrolKey.show(outcome.body);
    totpVerify.focus('code');
  });

  totpVerify.onSubmit(async () => {
    const outcome = await withAccessToken((accessToken) =>
      api.verifyTotp(accessToken, authenticatorCode(totpVerify.value('code'))),
    );
    if (!outcome.ok) return accountProblem(totpVerify, outcome.problem);
    session.setTwoFactor(true);
    showTwoFactor(true);
    say(
      twoFactorStatus,
      'Two-factor sign-in is on. From your next sign-in on, this page asks for the code your authenticator app shows.',
      'ok',
    );
  });

  // Nothing to undo: a key counts only once POST /mfa/totp/verify accepted its code.
  element('totp-cancel', HTMLButtonElement).addEventListener('click', () => {
    showTwoFactor(false);
    totpStart.focus();
  });

  onTwoFactorClick(totpOff, async () => {
    const outcome = await withAccessToken((accessToken) => api.turnOffTotp(accessToken));
    if (!outcome.ok) return twoFactorProblem(outcome.problem);
    session.setTwoFactor(false);
    showTwoFactor(false);
    say(twoFactorStatus, 'Two-factor sign-in is off: the next sign-in asks for your password alone.', 'ok');
  });

  await checkMail();
}

void main();

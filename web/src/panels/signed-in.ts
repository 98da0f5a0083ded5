import { element } from '../forms';
import { explain } from '../messages';
import type { Panel } from '../page';
import { session } from '../session';
import { signedInCard } from '../signed-in-card';

/** "You are signed in": GET /secret and GET /me with the id token, renewing the tokens, signing out. */
export const signedInPanel: Panel = {
  root: 'signed-in',
  mount(page) {
    const card = signedInCard(page);
    const signedInEmail = element('signed-in-email', HTMLElement);

    card.onClick('call-secret', async () => {
      const outcome = await page.withIdToken((idToken) => page.api.secret(idToken));
      if (!outcome.ok) return card.problem(outcome.problem);
      const { message, user } = outcome.body;
      card.row.say('GET /secret let you in.', 'ok');
      card.showAnswer('GET /secret answered', [
        ['Message', message],
        ['Email', user.email],
        ['Sub', user.sub],
      ]);
    });

    card.onClick('call-me', async () => {
      const outcome = await page.withIdToken((idToken) => page.api.me(idToken));
      if (!outcome.ok) return card.problem(outcome.problem);
      const { email, sub, emailVerified } = outcome.body;
      card.row.say('GET /me answered with the claims of your id token.', 'ok');
      card.showAnswer('GET /me answered', [
        ['Email', email],
        ['Sub', sub],
        ['Email verified', emailVerified ? 'yes' : 'no'],
      ]);
    });

    card.onClick('refresh-tokens', async () => {
      const current = session.get();
      if (!current) return;
      const outcome = await page.api.refresh(current.refreshToken);
      if (!outcome.ok) return card.problem(outcome.problem);
      // With rotation the answer holds the next refresh token: session.renew keeps it in place of this one.
      session.renew(outcome.body);
      card.row.say(
        `New id and access tokens, valid for ${Math.round(outcome.body.expiresIn / 60)} minutes` +
          (outcome.body.refreshToken
            ? ', and a new refresh token (rotation), which this page keeps: the one it replaces stops working.'
            : '; the refresh token stays the same.'),
        'ok',
      );
    });

    card.onClick('sign-out', async () => {
      const current = session.get();
      const outcome = current ? await page.api.signOut(current.refreshToken) : undefined;
      if (outcome && !outcome.ok) {
        return page.showSignedOut(
          `Signed out of this page, but the API could not revoke your refresh token: ${explain(outcome.problem, page.apiUrl).text}`,
          'error',
        );
      }
      page.showSignedOut('Signed out. The API revoked your refresh token and this page forgot your tokens.', 'ok');
    });

    return {
      signedIn: ({ email }) => {
        card.hideAnswer();
        card.row.clear();
        signedInEmail.textContent = email;
        element('signed-in-title', HTMLHeadingElement).focus();
      },
      emailChanged: ({ email }) => {
        signedInEmail.textContent = email;
      },
    };
  },
};

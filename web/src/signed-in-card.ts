import type { Problem } from './api';
import { ButtonRow, element } from './forms';
import { explain } from './messages';
import type { Page } from './page';

/**
 * The signed-in card's row of buttons, its status line and the answer it shows, shared by the
 * panels whose buttons sit in that row (panels/signed-in.ts, panels/credentials.ts).
 */
export function signedInCard(page: Page) {
  const row = new ButtonRow(element('signed-in', HTMLElement), element('signed-in-status', HTMLParagraphElement));
  const answer = element('answer', HTMLElement);
  return {
    row,
    onClick: (id: string, action: () => Promise<void>) => row.onClick(element(id, HTMLButtonElement), action),

    /** A signed-in call failed: an ended session goes back to the forms, anything else is said in place. */
    problem(problem: Problem): void {
      const { text } = explain(problem, page.apiUrl);
      // Unauthorized: the id token was refused even after a renewal. NotAuthorized, once signed in,
      // comes only from /refresh: the refresh token is expired or revoked. Either way the session is over.
      if (problem.code === 'Unauthorized' || problem.code === 'NotAuthorized') page.showSignedOut(text, 'error');
      else row.say(text, 'error');
    },

    showAnswer(title: string, fields: Array<[string, string]>): void {
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
    },

    hideAnswer(): void {
      answer.hidden = true;
    },
  };
}

import type { PageConfig } from '../page-config';
import type { ApiClient, Outcome, Problem } from './api';
import { element, type Tone } from './forms';
import { explain } from './messages';
import type { Mail } from './panels/mailbox';
import { session } from './session';
import { withToken } from './tokens';

/**
 * What one panel tells the rest of the page. A panel answers the events it cares about (its
 * `Hooks`) and knows no other panel: the sign-up panel says a code was sent, and the confirm panel,
 * which owns the form that takes it, fills in the email and asks for the code.
 */
type PageEvent =
  /** An account was created and its code sent; `text` says where. */
  | { readonly kind: 'signedUp'; readonly email: string; readonly text: string }
  /** A sign-in was refused because the email is not confirmed yet. */
  | { readonly kind: 'unconfirmed'; readonly email: string }
  /** The email can sign in now (confirmed, or its password reset); `text` says why. */
  | { readonly kind: 'canSignIn'; readonly email: string; readonly text: string }
  /** The signed-in account verified a new email: sign in with it from now on. */
  | { readonly kind: 'emailChanged'; readonly email: string }
  /** A session started (session.ts holds it) and the signed-in part of the page is showing. */
  | { readonly kind: 'signedIn'; readonly email: string }
  /** The session ended and the forms are showing; `text` says why. */
  | { readonly kind: 'signedOut'; readonly text: string; readonly tone: 'ok' | 'error' }
  /** The local mailbox's "Use this code" for this mail. */
  | { readonly kind: 'useCode'; readonly mail: Mail }
  /** A call just sent an email: look for it now rather than at the next poll. */
  | { readonly kind: 'mailSent' };

/** A panel's answers to the events it cares about; an answer may finish later (the mailbox's read). */
type Hooks = { readonly [K in PageEvent['kind']]?: (event: Extract<PageEvent, { kind: K }>) => void | Promise<void> };

/** One part of index.html and the code that wires it: a module under web/src/panels/, listed in main.ts. */
export interface Panel {
  /** The id of the element the panel's markup is in (test/web/panels.test.ts holds it to index.html). */
  readonly root: string;
  mount(page: Page): Hooks;
}

/** What every panel is given: the API, the page's settings, and the few ways to reach the rest of the page. */
export interface Page {
  readonly api: ApiClient;
  readonly config: PageConfig;
  /** The API's base URL, for the messages that name it (messages.ts). */
  readonly apiUrl: string;
  /** Appended to "we sent a code": on a phone the local mailbox panel is below the forms, out of sight. */
  readonly whereTheCodeIs: string;
  tell(event: PageEvent): Promise<void>;
  /** To the signed-in part of the page, for the session just started with session.start. */
  showSignedIn(email: string): void;
  /** Ends the session and goes back to the forms, with a word in the sign-in form about why. */
  showSignedOut(text: string, tone: Extract<Tone, 'ok' | 'error'>): void;
  /** A signed-in call answered Unauthorized (even after a renewal): the session is over, so back to the forms. */
  endedSession(problem: Problem): boolean;
  /** A guarded route's call with the session's id or access token, renewed once when refused (tokens.ts). */
  withIdToken<T>(call: (idToken: string) => Promise<Outcome<T>>): Promise<Outcome<T>>;
  withAccessToken<T>(call: (accessToken: string) => Promise<Outcome<T>>): Promise<Outcome<T>>;
}

/** The page main.ts boots: mounts `panels` in order, and tells each event to every panel that answers it. */
export function mountPanels(config: PageConfig, api: ApiClient, panels: readonly Panel[]): Page {
  const signedOut = element('signed-out', HTMLDivElement);
  const signedIn = element('signed-in', HTMLElement);
  const mounted: Hooks[] = [];

  const page: Page = {
    api,
    config,
    apiUrl: config.apiUrl,
    whereTheCodeIs: config.localMailbox ? ' (Local mode: it is in the Local mailbox panel.)' : '',
    async tell(event) {
      const answers = mounted.map((hooks) =>
        (hooks[event.kind] as ((event: PageEvent) => void | Promise<void>) | undefined)?.(event),
      );
      await Promise.all(answers);
    },
    showSignedIn(email) {
      signedOut.hidden = true;
      signedIn.hidden = false;
      void page.tell({ kind: 'signedIn', email });
    },
    showSignedOut(text, tone) {
      session.end();
      signedIn.hidden = true;
      signedOut.hidden = false;
      void page.tell({ kind: 'signedOut', text, tone });
    },
    endedSession(problem) {
      if (problem.code !== 'Unauthorized') return false;
      page.showSignedOut(explain(problem, config.apiUrl).text, 'error');
      return true;
    },
    withIdToken: (call) => withToken(api, 'idToken', call),
    withAccessToken: (call) => withToken(api, 'accessToken', call),
  };
  for (const panel of panels) mounted.push(panel.mount(page));
  return page;
}

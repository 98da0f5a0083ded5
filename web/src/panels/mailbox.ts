import { element } from '../forms';
import type { Panel } from '../page';

/** One email the Cognito twin would have sent, as its `/_local/mailbox` lists them. */
export interface Mail {
  readonly to: string;
  readonly kind: 'sign-up' | 'resend' | 'reset' | 'verify-email' | 'sign-in';
  readonly code: string;
  readonly sentAt: string;
  /** The pool's code message as sent; its HTML is served on its own, at `<mailbox URL>/<index>`. */
  readonly subject?: string;
}

/** The mailbox keeps every mail across restarts; the panel is for the flow at hand. */
const SHOWN = 10;

/**
 * How often a visible page looks for new mail. Codes also arrive from outside the page (the
 * README's curl calls, a script), and a panel that kept saying "No mail yet." beside a full mailbox
 * sent people to the terminal. Local mode only, so the polling costs a local request.
 */
const POLL_MS = 2_000;

const kindLabels: Record<Mail['kind'], string> = {
  'sign-up': 'Sign-up code',
  resend: 'New sign-up code',
  reset: 'Password reset code',
  'verify-email': 'New email code',
  'sign-in': 'Sign-in code',
};

/**
 * The local mailbox panel (local mode only): the codes Cognito would have emailed, the newest first,
 * each with a button that puts it into the form that needs it.
 */
class MailboxView {
  private readonly list = element('mailbox-list', HTMLOListElement);
  private readonly empty = element('mailbox-empty', HTMLParagraphElement);
  /** The latest refresh asked for: an older answer arriving after it is dropped, never shown over it. */
  private asked = 0;
  /** What the list shows, so an unchanged mailbox is not redrawn (and not re-announced by the live region). */
  private shown: string | undefined;

  constructor(
    private readonly url: string,
    private readonly useCode: (mail: Mail) => void,
  ) {
    element('mailbox', HTMLElement).hidden = false;
    element('mailbox-refresh', HTMLButtonElement).addEventListener('click', () => void this.refresh());
    this.empty.textContent = 'Checking the mailbox…';
    setInterval(() => document.visibilityState === 'visible' && void this.refresh(), POLL_MS);
    window.addEventListener('focus', () => void this.refresh());
  }

  async refresh(): Promise<void> {
    const ticket = ++this.asked;
    let mails: Mail[];
    try {
      const response = await fetch(this.url, { cache: 'no-store' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      mails = (await response.json()) as Mail[];
    } catch (error) {
      if (ticket !== this.asked) return;
      this.shown = undefined;
      this.empty.hidden = false;
      this.empty.textContent = `Could not read the local mailbox (${(error as Error).message}).`;
      return;
    }
    if (ticket !== this.asked) return;
    this.empty.hidden = mails.length > 0;
    this.empty.textContent = 'No mail yet.';
    const newest = mails.slice(-SHOWN).reverse();
    const key = JSON.stringify(newest);
    if (key === this.shown) return;
    this.shown = key;
    // The index of each mail in the whole mailbox names its HTML (local/mail-frame.ts); the newest shows open.
    this.list.replaceChildren(...newest.map((mail, i) => this.item(mail, mails.length - 1 - i, i === 0)));
  }

  private item(mail: Mail, index: number, open: boolean): HTMLLIElement {
    const label = kindLabels[mail.kind] ?? mail.kind;
    const li = document.createElement('li');
    const title = document.createElement('span');
    title.textContent = `${label}: `;
    const code = document.createElement('code');
    code.className = 'mail-code';
    code.textContent = mail.code;
    const meta = document.createElement('span');
    meta.className = 'mail-meta';
    meta.textContent = `to ${mail.to}, ${new Date(mail.sentAt).toLocaleTimeString()}`;
    const use = document.createElement('button');
    use.type = 'button';
    use.className = 'secondary';
    use.textContent = 'Use this code';
    // The visible words first (WCAG 2.5.3, label in name), then which mail it is.
    use.setAttribute('aria-label', `Use this code: ${label.toLowerCase()} ${mail.code} for ${mail.to}`);
    use.addEventListener('click', () => this.useCode(mail));
    li.append(title, code, meta, use);
    if (mail.subject !== undefined) li.append(this.message(mail.subject, `${this.url}/${index}`, open));
    return li;
  }

  /**
   * The email as its recipient sees it, in a frame that is sandboxed twice: by this attribute (no
   * script, an opaque origin) and by its response's CSP. The frame loads when first opened.
   */
  private message(subject: string, src: string, open: boolean): HTMLDetailsElement {
    const details = document.createElement('details');
    details.className = 'mail-message';
    const summary = document.createElement('summary');
    summary.textContent = `Email: ${subject}`;
    details.append(summary);
    const show = () => {
      if (!details.open || details.querySelector('iframe')) return;
      const frame = document.createElement('iframe');
      frame.setAttribute('sandbox', '');
      frame.title = `Email: ${subject}`;
      frame.src = src;
      details.append(frame);
    };
    details.addEventListener('toggle', show);
    details.open = open;
    show();
    return details;
  }
}

/**
 * main.ts mounts it when config.json names a local mailbox. Its "Use this code" tells the page,
 * and the panel whose form takes that kind of code fills it in; a call that sent an email tells
 * it to look at once.
 */
export const mailboxPanel: Panel = {
  root: 'mailbox',
  mount(page) {
    const url = page.config.localMailbox;
    if (!url) return {};
    const view = new MailboxView(url, (mail) => void page.tell({ kind: 'useCode', mail }));
    return { mailSent: () => view.refresh() };
  },
};

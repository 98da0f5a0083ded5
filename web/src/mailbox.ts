import { element } from './forms';

/** One email the Cognito twin would have sent, as its `/_local/mailbox` lists them. */
export interface Mail {
  readonly to: string;
  readonly kind: 'sign-up' | 'resend' | 'reset' | 'verify-email';
  readonly code: string;
  readonly sentAt: string;
}

/** The mailbox keeps every mail across restarts; the panel is for the flow at hand. */
const SHOWN = 10;

const kindLabels: Record<Mail['kind'], string> = {
  'sign-up': 'Sign-up code',
  resend: 'New sign-up code',
  reset: 'Password reset code',
  'verify-email': 'New email code',
};

/**
 * The local mailbox panel (local mode only): the codes Cognito would have emailed, the newest first,
 * each with a button that puts it into the form that needs it.
 */
export class MailboxPanel {
  private readonly list = element('mailbox-list', HTMLOListElement);
  private readonly empty = element('mailbox-empty', HTMLParagraphElement);

  constructor(
    private readonly url: string,
    private readonly useCode: (mail: Mail) => void,
  ) {
    element('mailbox', HTMLElement).hidden = false;
    element('mailbox-refresh', HTMLButtonElement).addEventListener('click', () => void this.refresh());
  }

  async refresh(): Promise<void> {
    let mails: Mail[];
    try {
      const response = await fetch(this.url, { cache: 'no-store' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      mails = (await response.json()) as Mail[];
    } catch (error) {
      this.empty.hidden = false;
      this.empty.textContent = `Could not read the local mailbox (${(error as Error).message}).`;
      return;
    }
    this.empty.hidden = mails.length > 0;
    this.empty.textContent = 'No mail yet.';
    this.list.replaceChildren(
      ...mails
        .slice(-SHOWN)
        .reverse()
        .map((mail) => this.item(mail)),
    );
  }

  private item(mail: Mail): HTMLLIElement {
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
    return li;
  }
}

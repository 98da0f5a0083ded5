import type { MailboxEntry } from './cognito-twin';

/**
 * One mail of the local mailbox as its recipient's mail reader would show it: its HTML body, served
 * on the page's origin under `/_local/mailbox/<n>` for the mailbox panel to frame. The HTML is the
 * template's, which anyone who edits lib/email/ controls, so it is treated as untrusted: the
 * response's CSP `sandbox` gives it an opaque origin with no script, no form and no navigation of
 * the page (the frame's `sandbox` attribute says the same), it may load nothing but inline styles
 * and data: images (as a mail reader that blocks remote content), and only the page may frame it.
 * https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Content-Security-Policy/sandbox
 */
export const MAIL_FRAME_CSP = [
  'sandbox',
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  'img-src data:',
  "frame-ancestors 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** `/_local/mailbox/<n>`: the index of a mail in the whole mailbox, oldest first. */
export const MAIL_PATH = /^\/_local\/mailbox\/(\d{1,9})$/;

/** The HTML of mail `index`, or a short text saying why there is none. */
export function mailFrame(mailbox: MailboxEntry[], index: number): { status: number; contentType: string; body: string } {
  const mail = mailbox[index];
  if (!mail) return { status: 404, contentType: 'text/plain; charset=utf-8', body: 'No such mail' };
  // Mail journalled before the twin kept bodies has its code only.
  if (mail.body === undefined) return { status: 200, contentType: 'text/plain; charset=utf-8', body: `Your code: ${mail.code}` };
  return { status: 200, contentType: 'text/html; charset=utf-8', body: mail.body };
}

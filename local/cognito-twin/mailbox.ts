import type { CodeDeliveryDetailsType } from '@aws-sdk/client-cognito-identity-provider';
import type { TwinContext } from './context';
import type { IssuedCode, MailboxEntry, UserRecord } from './pool-state';
import type { CodeMessage } from './settings';

/** As SignUp, ResendConfirmationCode and ForgotPassword return it: the code always goes by email. */
export function codeDeliveryDetails(email: string): CodeDeliveryDetailsType {
  return { Destination: maskEmail(email), DeliveryMedium: 'EMAIL', AttributeName: 'email' };
}

/**
 * Cognito shows the first character of the mailbox and of the domain and keeps the top-level
 * domain: 'emma@gmail.com' becomes 'e***@g***.com'.
 */
function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const topLevelDomain = dot > 0 ? domain.slice(dot) : '';
  return `${local.charAt(0)}***@${domain.charAt(0)}***${topLevelDomain}`;
}

/** The pool's code message with this code in it, as Cognito fills `{####}` in subject and body alike. */
function composeMail(message: CodeMessage, to: string, kind: MailboxEntry['kind'], code: string, now: number): MailboxEntry {
  const fill = (text: string) => text.replaceAll('{####}', code);
  return { to, kind, code, sentAt: new Date(now).toISOString(), subject: fill(message.subject), body: fill(message.body) };
}

/**
 * Saves the user holding the new code and the email carrying it together, then "sends" it: to the
 * user's email, or to the new address a change of email waits to verify.
 */
export async function deliverCode(
  context: Pick<TwinContext, 'settings' | 'journal' | 'log'>,
  user: UserRecord,
  kind: MailboxEntry['kind'],
  code: IssuedCode,
  to = user.email,
): Promise<void> {
  const entry = composeMail(context.settings.codeMessage, to, kind, code.code, code.issuedAt);
  await context.journal.commit({ type: 'user', user }, { type: 'mail', entry });
  context.log(describeMail(entry));
}

/** The line local mode prints instead of sending the email. */
function describeMail(entry: MailboxEntry): string {
  return `[cognito-twin] mail to ${entry.to} (${entry.kind}): code ${entry.code}, subject ${JSON.stringify(entry.subject)}`;
}

export function mailTo(entries: MailboxEntry[], recipient: string | null): MailboxEntry[] {
  if (recipient === null) return entries;
  const wanted = recipient.toLowerCase();
  return entries.filter((entry) => entry.to.toLowerCase() === wanted);
}

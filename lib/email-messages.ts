import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The email Cognito sends with a code, kept as files in lib/email/ so that a designer edits HTML,
 * not TypeScript. Cognito sends the pool's one code template for sign-up, a resent code, an email
 * change and a password reset alike ("Emails from attribute-update and password-reset operations
 * use the code template",
 * https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-settings-message-customizations.html),
 * so one message serves all four; a different text per kind needs a CustomMessage Lambda trigger
 * (docs/production.md, "Email").
 */
export interface EmailMessage {
  readonly subject: string;
  /** HTML; Cognito puts the code where `{####}` stands. */
  readonly body: string;
}

const folder = path.join(__dirname, 'email');

/**
 * Cognito's limits on VerificationMessageTemplate (API Reference, VerificationMessageTemplateType,
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_VerificationMessageTemplateType.html):
 * EmailSubject 1 to 140 characters of its pattern; EmailMessage 6 to 20,000 characters with the
 * `{####}` placeholder. `{username}` is for invitations only: "You can't use the {username}
 * placeholder in verification email messages" (developer guide, message customizations).
 */
const cognitoLimits = {
  subjectLength: { min: 1, max: 140 },
  subjectPattern: /^[\p{L}\p{M}\p{S}\p{N}\p{P}\s]+$/u,
  bodyLength: { min: 6, max: 20_000 },
  bodyPattern: /^[\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*\{####\}[\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*$/u,
} as const;

/** The messages' one variable: who sends them, the product and its stage, e.g. `cognito-auth-api (dev)`. */
export function codeMessage(brand: string): EmailMessage {
  const fill = (file: string, quote: (text: string) => string) =>
    fs.readFileSync(path.join(folder, file), 'utf8').trim().replaceAll('{{brand}}', quote(brand));
  return { subject: fill('code.subject.txt', (text) => text), body: fill('code.html', escapeHtml) };
}

/** Where Cognito's template rules are broken, one line each; empty when it keeps them all. */
export function limitViolations(message: EmailMessage): string[] {
  const { subject, body } = message;
  const problems: string[] = [];
  const length = (text: string) => [...text].length;
  if (length(subject) < cognitoLimits.subjectLength.min || length(subject) > cognitoLimits.subjectLength.max)
    problems.push(`the subject has ${length(subject)} characters, not 1 to 140`);
  if (!cognitoLimits.subjectPattern.test(subject)) problems.push('the subject has characters EmailSubject does not allow');
  // The limit counts the message with the code in it (developer guide, "Customizing email verification messages").
  const sent = body.replaceAll('{####}', '000000');
  if (length(body) < cognitoLimits.bodyLength.min || length(sent) > cognitoLimits.bodyLength.max)
    problems.push(`the body has ${length(sent)} characters with its code, not 6 to 20000`);
  if (!cognitoLimits.bodyPattern.test(body)) problems.push('the body has no {####} or characters EmailMessage does not allow');
  if (body.includes('{username}') || subject.includes('{username}')) problems.push('{username} is for invitation messages only');
  return problems;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

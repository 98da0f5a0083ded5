import type { PreSignUpTriggerEvent } from 'aws-lambda';

/**
 * Pre sign-up: sign-up only from the domains in ALLOWED_EMAIL_DOMAINS (comma-separated, lower
 * case; lib/config.ts allowedEmailDomains). To refuse, a pre sign-up function throws: Cognito
 * answers UserLambdaValidationException "PreSignUp failed with error <message>.", and the API turns
 * that into 403 SignUpNotAllowed carrying the message (lambda/api/errors.ts), so the message is
 * written for the person signing up.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-sign-up.html
 */
export const handler = async (event: PreSignUpTriggerEvent): Promise<PreSignUpTriggerEvent> => {
  const allowedDomains = (process.env.ALLOWED_EMAIL_DOMAINS ?? '').split(',').filter(Boolean);
  if (!allowedDomains.length) throw new Error('ALLOWED_EMAIL_DOMAINS is not set');
  const email = event.request.userAttributes.email ?? '';
  if (!allowedDomains.includes(domainOf(email))) throw new Error(refusal(allowedDomains));
  console.info({ trigger: event.triggerSource, decision: 'allowed', domain: domainOf(email) });
  return event;
};

/** The part after the last @, in lower case: Cognito keeps the email as typed, domains are case-insensitive. */
function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

/** "Sign-up is limited to example.com addresses.", or "… to example.com and example.org addresses." */
export function refusal(domains: readonly string[]): string {
  const names = domains.length > 1 ? `${domains.slice(0, -1).join(', ')} and ${domains.at(-1)}` : domains[0];
  return `Sign-up is limited to ${names} addresses.`;
}

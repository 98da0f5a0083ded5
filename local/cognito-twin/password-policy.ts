import { errors } from './errors';
import type { PasswordPolicy } from './settings';

/**
 * Cognito's special characters (developer guide, "Adding user pool password requirements"):
 * ^ $ * . [ ] { } ( ) ? " ! @ # % & / \ , > < ' : ; | _ ~ ` = + - and a space that is neither
 * leading nor trailing. Lowercase, uppercase and numbers are basic Latin only.
 */
const SYMBOL = /[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+-]/;
const INNER_SPACE = /\S.* .*\S/;

/**
 * Throws InvalidPasswordException with Cognito's reason for the first requirement the password
 * misses. Cognito reports one reason at a time; the order here (length, lowercase, uppercase,
 * numbers, symbols) is the order the policy lists them.
 */
export function assertPasswordConforms(password: string, policy: PasswordPolicy): void {
  if (password.length < policy.minimumLength) throw errors.invalidPassword('Password not long enough');
  if (policy.requireLowercase && !/[a-z]/.test(password)) throw errors.invalidPassword('Password must have lowercase characters');
  if (policy.requireUppercase && !/[A-Z]/.test(password)) throw errors.invalidPassword('Password must have uppercase characters');
  if (policy.requireNumbers && !/[0-9]/.test(password)) throw errors.invalidPassword('Password must have numeric characters');
  if (policy.requireSymbols && !SYMBOL.test(password) && !INNER_SPACE.test(password)) {
    throw errors.invalidPassword('Password must have symbol characters');
  }
}

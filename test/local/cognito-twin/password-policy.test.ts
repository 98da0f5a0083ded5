import { assertPasswordConforms } from '../../../local/cognito-twin/password-policy';
import type { PasswordPolicy } from '../../../local/cognito-twin/settings';

const EVERYTHING_REQUIRED: PasswordPolicy = {
  minimumLength: 8,
  requireLowercase: true,
  requireUppercase: true,
  requireNumbers: true,
  requireSymbols: true,
};
const reasonFor = (password: string): string | undefined => {
  try {
    assertPasswordConforms(password, EVERYTHING_REQUIRED);
    return undefined;
  } catch (error) {
    return `${(error as Error & { type: string }).type}: ${(error as Error).message}`;
  }
};

describe('password policy', () => {
  it("accepts each of Cognito's special characters as a symbol", () => {
    for (const symbol of '^$*.[]{}()?"!@#%&/\\,><\':;|_~`=+-') expect(reasonFor(`Abcdefg1${symbol}`)).toBeUndefined();
  });

  it('counts a space as a symbol only when it is neither leading nor trailing', () => {
    expect(reasonFor('Abcd efg1')).toBeUndefined();
    expect(reasonFor(' Abcdefg1')).toBe(
      'InvalidPasswordException: Password did not conform with policy: Password must have symbol characters',
    );
    expect(reasonFor('Abcdefg1 ')).toBe(
      'InvalidPasswordException: Password did not conform with policy: Password must have symbol characters',
    );
  });

  it('reports the first requirement missed, in the order the policy lists them', () => {
    expect(reasonFor('abc')).toBe('InvalidPasswordException: Password did not conform with policy: Password not long enough');
    expect(reasonFor('ABCDEFGH')).toBe(
      'InvalidPasswordException: Password did not conform with policy: Password must have lowercase characters',
    );
    expect(reasonFor('abcdefgh')).toBe(
      'InvalidPasswordException: Password did not conform with policy: Password must have uppercase characters',
    );
    expect(reasonFor('Abcdefgh')).toBe(
      'InvalidPasswordException: Password did not conform with policy: Password must have numeric characters',
    );
    expect(reasonFor('Abcdefg1')).toBe(
      'InvalidPasswordException: Password did not conform with policy: Password must have symbol characters',
    );
  });

  it('only looks for basic Latin letters', () => {
    expect(reasonFor('ÄBCDÉFG1!')).toBe(
      'InvalidPasswordException: Password did not conform with policy: Password must have lowercase characters',
    );
  });
});

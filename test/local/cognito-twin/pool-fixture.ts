import type { AppClientSettings, PoolSettings } from '../../../local/cognito-twin';
import { attributeSchemaOf, clientAttributesOf } from '../../../local/cognito-twin/attributes';

/** App clients of the test pool, one per behaviour a test needs to switch. */
export const CLIENT = 'webclient';
export const LEGACY_CLIENT = 'legacyclient';
export const NO_REVOCATION_CLIENT = 'norevokeclient';
export const REFRESH_ONLY_CLIENT = 'refreshonlyclient';
/** Rotates refresh tokens with a 10-second grace period, as CDK configures it (no ALLOW_REFRESH_TOKEN_AUTH). */
export const ROTATING_CLIENT = 'rotatingclient';
export const ROTATION_GRACE_SECONDS = 10;
/** Rotates with no grace period, and still lists ALLOW_REFRESH_TOKEN_AUTH. */
export const ROTATING_NO_GRACE_CLIENT = 'rotatingnograceclient';
/** Allows USER_AUTH (choice-based sign-in) beside the password flow, as CDK's `authFlows.user` does. */
export const USER_AUTH_CLIENT = 'userauthclient';
export const POOL_ID = 'us-east-1_TwinTest1';

/** The pool's code email; the twin puts the code where `{####}` stands, in both. */
export const CODE_MESSAGE = { subject: 'Test pool: code {####}', body: '<p>Your code is <b>{####}</b>.</p>' };

/** Low enough that a sign-up costs microseconds; production keeps DEFAULT_SCRYPT_COST. */
export const TEST_SCRYPT_COST = 2 ** 4;

const client = (clientId: string, overrides: Partial<AppClientSettings> = {}): AppClientSettings => ({
  clientId,
  explicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  preventUserExistenceErrors: true,
  enableTokenRevocation: true,
  idTokenValidityMinutes: 60,
  accessTokenValidityMinutes: 60,
  refreshTokenValidityMinutes: 30 * 24 * 60,
  authSessionValidityMinutes: 3,
  // Cognito's defaults: every standard attribute readable and writable.
  ...clientAttributesOf({}),
  ...overrides,
});

/** Shaped like the pool this project deploys: email sign-in, verified at sign-up, optional TOTP. */
export function testPoolSettings(): PoolSettings {
  return {
    poolId: POOL_ID,
    region: 'us-east-1',
    usernameAttributes: ['email'],
    autoVerifiedAttributes: ['email'],
    attributesRequireVerificationBeforeUpdate: ['email'],
    caseSensitiveUsernames: false,
    passwordPolicy: {
      minimumLength: 8,
      requireLowercase: true,
      requireUppercase: true,
      requireNumbers: true,
      requireSymbols: false,
    },
    mfaConfiguration: 'OPTIONAL',
    enabledMfas: ['SOFTWARE_TOKEN_MFA'],
    codeMessage: CODE_MESSAGE,
    allowedFirstAuthFactors: ['PASSWORD'],
    webAuthnUserVerification: 'preferred',
    clients: [
      client(CLIENT),
      client(LEGACY_CLIENT, { preventUserExistenceErrors: false }),
      client(NO_REVOCATION_CLIENT, { enableTokenRevocation: false }),
      client(REFRESH_ONLY_CLIENT, { explicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'] }),
      client(ROTATING_CLIENT, {
        explicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'],
        refreshTokenRotation: { retryGracePeriodSeconds: ROTATION_GRACE_SECONDS },
      }),
      client(ROTATING_NO_GRACE_CLIENT, { refreshTokenRotation: { retryGracePeriodSeconds: 0 } }),
      client(USER_AUTH_CLIENT, {
        explicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      }),
    ],
    featurePlan: 'ESSENTIALS',
    lambdaTriggers: {},
    attributeSchema: attributeSchemaOf([{ Name: 'email', Required: true, Mutable: true }]),
    groups: [
      { groupName: 'admin', precedence: 0 },
      { groupName: 'editor', precedence: 1 },
    ],
  };
}

import { errors } from './errors';

/**
 * The user pool the twin imitates. The caller derives it from the synthesized CloudFormation
 * template (AWS::Cognito::UserPool and AWS::Cognito::UserPoolClient), so local mode follows the
 * deployed configuration instead of a copy of it.
 */

/** `Policies.PasswordPolicy` of the user pool. */
export interface PasswordPolicy {
  minimumLength: number;
  requireLowercase: boolean;
  requireUppercase: boolean;
  requireNumbers: boolean;
  requireSymbols: boolean;
}

/** One AWS::Cognito::UserPoolClient. */
export interface AppClientSettings {
  clientId: string;
  /** e.g. ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']. */
  explicitAuthFlows: string[];
  /** CloudFormation `PreventUserExistenceErrors`: true for 'ENABLED', false for 'LEGACY'. */
  preventUserExistenceErrors: boolean;
  enableTokenRevocation: boolean;
  idTokenValidityMinutes: number;
  accessTokenValidityMinutes: number;
  refreshTokenValidityMinutes: number;
}

export interface PoolSettings {
  /** Like 'us-east-1_AbCdEf123'; the last path segment of the token issuer. */
  poolId: string;
  region: string;
  /** ['email']: the email is the sign-in name and `Username` is a generated UUID. */
  usernameAttributes: string[];
  /** ['email']: sign-up sends a confirmation code to the email. */
  autoVerifiedAttributes: string[];
  /**
   * `UserAttributeUpdateSettings.AttributesRequireVerificationBeforeUpdate`: ['email'] keeps the
   * original email (sign-in name and claim) until the new one is verified (CDK `keepOriginal`).
   */
  attributesRequireVerificationBeforeUpdate: string[];
  /** `UsernameConfiguration.CaseSensitive`; false makes the email alias case-insensitive. */
  caseSensitiveUsernames: boolean;
  passwordPolicy: PasswordPolicy;
  clients: AppClientSettings[];
}

/**
 * The twin implements the email-as-username pool this project deploys, not every pool Cognito
 * can host; a pool outside that shape fails at start rather than behaving unlike Cognito later.
 */
export function assertSupportedPool(settings: PoolSettings): void {
  if (!settings.usernameAttributes.includes('email')) {
    throw new Error(
      `UserPoolTwin supports pools whose sign-in name is the email (usernameAttributes ['email']), got [${settings.usernameAttributes.join(', ')}]`,
    );
  }
  if (!settings.autoVerifiedAttributes.includes('email')) {
    throw new Error(
      `UserPoolTwin supports pools that verify the email at sign-up (autoVerifiedAttributes ['email']), got [${settings.autoVerifiedAttributes.join(', ')}]`,
    );
  }
  if (!settings.attributesRequireVerificationBeforeUpdate.includes('email')) {
    throw new Error(
      `UserPoolTwin supports pools that keep the original email until a new one is verified (AttributesRequireVerificationBeforeUpdate ['email']), got [${settings.attributesRequireVerificationBeforeUpdate.join(', ')}]`,
    );
  }
  if (settings.clients.length === 0) {
    throw new Error(`UserPoolTwin needs at least one app client for pool ${settings.poolId}`);
  }
}

/** The app client a request names by `ClientId`; an unknown one is ResourceNotFoundException. */
export function findClient(settings: PoolSettings, clientId: string): AppClientSettings {
  const client = settings.clients.find((candidate) => candidate.clientId === clientId);
  if (!client) throw errors.unknownClient(clientId);
  return client;
}

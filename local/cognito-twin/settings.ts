import type { AttributeSchema } from './attributes';
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
  /**
   * `AuthSessionValidity`: how long the session of a sign-in challenge (SOFTWARE_TOKEN_MFA, MFA_SETUP) lives, in
   * minutes; Cognito's default is 3 (the CDK's `authSessionValidity`, "Valid duration is from 3 to 15 minutes. Default:
   * Duration.minutes(3)", https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_cognito.UserPoolClientOptions.html).
   */
  authSessionValidityMinutes: number;
  /** `RefreshTokenRotation` with Feature ENABLED; absent when the client does not rotate refresh tokens. */
  refreshTokenRotation?: RefreshTokenRotation;
  /** `ReadAttributes`, Cognito's default when absent (attributes.ts): GetUser's attributes and the id token's claims. */
  readAttributes: string[];
  /** `WriteAttributes`, Cognito's default when absent (attributes.ts): what SignUp and UpdateUserAttributes may set. */
  writeAttributes: string[];
}

/** API Reference, RefreshTokenRotationType. */
export interface RefreshTokenRotation {
  /** 0 to 60: how long a rotated-out refresh token stays usable, for a client's retry. */
  retryGracePeriodSeconds: number;
}

/** `MfaConfiguration` of AWS::Cognito::UserPool; CloudFormation's default is 'OFF'. */
type MfaConfiguration = 'OFF' | 'OPTIONAL' | 'ON';

/** The one second factor the twin implements (`EnabledMfas` value and challenge name). */
export const SOFTWARE_TOKEN_MFA = 'SOFTWARE_TOKEN_MFA';

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
  /** OFF: no second factor; OPTIONAL: users who enable one are asked for it; ON: every user must have one. */
  mfaConfiguration: MfaConfiguration;
  /** `EnabledMfas`: ['SOFTWARE_TOKEN_MFA'] when TOTP is on; empty when MFA is OFF. */
  enabledMfas: string[];
  /**
   * `Policies.SignInPolicy.AllowedFirstAuthFactors`: what a USER_AUTH sign-in may start with. CloudFormation's default
   * (absent) is password only. The twin implements PASSWORD, EMAIL_OTP and WEB_AUTHN.
   */
  allowedFirstAuthFactors: FirstAuthFactor[];
  /**
   * `WebAuthnRelyingPartyID` (so spelt in CloudFormation): the domain passkeys are bound to. Absent, Cognito falls back to the user pool's domain
   * (API Reference, WebAuthnConfigurationType); the twin has no domain, so StartWebAuthnRegistration then answers
   * WebAuthnConfigurationMissingException.
   */
  webAuthnRelyingPartyId?: string;
  /** `WebAuthnUserVerification`: 'required' refuses an authenticator that did not verify the user; default 'preferred'. */
  webAuthnUserVerification: 'required' | 'preferred';
  clients: AppClientSettings[];
  /** `Schema`: every standard attribute and the custom ones, with their constraints (attributes.ts). */
  attributeSchema: AttributeSchema[];
  /** The pool's groups (AWS::Cognito::UserPoolGroup), highest precedence (lowest number) first. */
  groups: GroupSettings[];
  /** `UserPoolTier`: what the pool is billed for, and so which trigger versions it may use. */
  featurePlan: FeaturePlan;
  /** `LambdaConfig`: the local function each trigger invokes; none when the template configures none. */
  lambdaTriggers: LambdaTriggers;
  /** The email that carries a code: sign-up, a resent code, an email change and a password reset alike. */
  codeMessage: CodeMessage;
}

/**
 * `VerificationMessageTemplate` EmailSubject and EmailMessage, as the template has them: Cognito sends
 * this one code template for every code email ("Emails from attribute-update and password-reset
 * operations use the code template",
 * https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-settings-message-customizations.html).
 */
export interface CodeMessage {
  subject: string;
  /** HTML, with `{####}` where the code goes. */
  body: string;
}

/** `UserPoolTier` of AWS::Cognito::UserPool. */
type FeaturePlan = 'LITE' | 'ESSENTIALS' | 'PLUS';

/**
 * The triggers the twin runs, each naming the function (by its logical id in the template) that
 * LambdaConfig points at. A template with any other trigger fails to load (stack-model/pool.ts).
 */
export interface LambdaTriggers {
  preSignUp?: string;
  postConfirmation?: string;
  /** `PreTokenGenerationConfig` (or the older `PreTokenGeneration`, which is V1_0). */
  preTokenGeneration?: { functionId: string; version: 'V1_0' | 'V2_0' };
}

/** One AWS::Cognito::UserPoolGroup; `precedence` is absent when the template sets none (Cognito's null). */
export interface GroupSettings {
  groupName: string;
  precedence?: number;
}

/** The pool's group of that name; an unknown one is ResourceNotFoundException, as Cognito answers. */
export function findGroup(settings: Pick<PoolSettings, 'groups'>, groupName: string): GroupSettings {
  const group = settings.groups.find((candidate) => candidate.groupName === groupName);
  if (!group) throw errors.groupNotFound();
  return group;
}

/** The first factors the twin implements (AuthFactorType in the API Reference also has SMS_OTP). */
export type FirstAuthFactor = 'PASSWORD' | 'EMAIL_OTP' | 'WEB_AUTHN';

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
  const otherFactors = settings.enabledMfas.filter((factor) => factor !== SOFTWARE_TOKEN_MFA);
  if (otherFactors.length > 0 || (settings.mfaConfiguration !== 'OFF' && !settings.enabledMfas.includes(SOFTWARE_TOKEN_MFA))) {
    throw new Error(
      `UserPoolTwin implements TOTP as the only second factor (EnabledMfas ['SOFTWARE_TOKEN_MFA'] or MFA OFF), got MfaConfiguration ${settings.mfaConfiguration} with EnabledMfas [${settings.enabledMfas.join(', ')}]`,
    );
  }
  // "In user pools with the Essentials or Plus feature plan, you can generate the version two or V2_0
  // trigger event" (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html).
  if (settings.lambdaTriggers.preTokenGeneration?.version === 'V2_0' && settings.featurePlan === 'LITE') {
    throw new Error(
      'UserPoolTwin: a V2_0 pre token generation trigger needs the Essentials or Plus feature plan; the pool is on LITE',
    );
  }
  const unsupportedFactors = settings.allowedFirstAuthFactors.filter((f) => !['PASSWORD', 'EMAIL_OTP', 'WEB_AUTHN'].includes(f));
  if (unsupportedFactors.length > 0) {
    throw new Error(
      `UserPoolTwin implements the first factors PASSWORD, EMAIL_OTP and WEB_AUTHN, got AllowedFirstAuthFactors [${settings.allowedFirstAuthFactors.join(', ')}]`,
    );
  }
  if (settings.clients.length === 0) {
    throw new Error(`UserPoolTwin needs at least one app client for pool ${settings.poolId}`);
  }
}

/** Whether users of the pool can associate and use a TOTP authenticator at all. */
export function offersSoftwareToken(settings: Pick<PoolSettings, 'mfaConfiguration' | 'enabledMfas'>): boolean {
  return settings.mfaConfiguration !== 'OFF' && settings.enabledMfas.includes(SOFTWARE_TOKEN_MFA);
}

/** The app client a request names by `ClientId`; an unknown one is ResourceNotFoundException. */
export function findClient(settings: PoolSettings, clientId: string): AppClientSettings {
  const client = settings.clients.find((candidate) => candidate.clientId === clientId);
  if (!client) throw errors.unknownClient(clientId);
  return client;
}

/** Cognito's issuer URL for the pool (developer guide, "Verifying a JSON web token"). */
export function cognitoIssuer(settings: Pick<PoolSettings, 'region' | 'poolId'>): string {
  return `https://cognito-idp.${settings.region}.amazonaws.com/${settings.poolId}`;
}

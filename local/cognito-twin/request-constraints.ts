import { errors } from './errors';
import type { JsonObject } from './request';

/**
 * The constraints Cognito's request validator applies to each member before any business logic,
 * from the service model the API Reference is generated from (botocore
 * `data/cognito-idp/2016-04-18/service-2.json`: `ClientIdType`, `UsernameType`, `PasswordType`,
 * `ConfirmationCodeType`, `TokenModelType`, `AuthFlowType`, `ClientSecretType`, `DeviceKeyType`) and, where real answers differ from
 * the model, from those answers:
 * - PasswordType's model pattern is `[\S]+`, but Cognito answers "Member must satisfy regular
 *   expression pattern: ^[\S]+.*[\S]+$" (inner spaces allowed, leading or trailing refused;
 *   cds-snc/platform-forms-client#5635, 2025). The twin applies the pattern Cognito answers with.
 * - The model has made SignUp's Password optional since passwordless sign-in (2024); a pool with
 *   password sign-in only, like this one, still needs it, so the twin keeps it required.
 * - ConfirmationCodeType is not `sensitive` in the model; the twin treats it as sensitive anyway,
 *   so a live code never appears in a message.
 * - The second factor: `SessionType` (20 to 2048 characters, sensitive), VerifySoftwareToken's UserCode ("Fixed length
 *   of 6", pattern [0-9]+) and FriendlyDeviceName (0 to 131072), as the API Reference of VerifySoftwareToken states;
 *   `ChallengeNameType`'s values as the SDK declares them (in its order, alphabetical; the model's order is not
 *   checked).
 */
interface Constraint {
  minLength?: number;
  maxLength?: number;
  /** Matched against the whole value, as Cognito's (Java) validator does. */
  pattern?: string;
  oneOf?: readonly string[];
  /** Cognito leaves a sensitive member's value out of the message: "Value at 'password'". */
  sensitive: boolean;
  /** The member may be absent; when present it must conform. */
  optional?: boolean;
}

const CLIENT_ID: Constraint = { minLength: 1, maxLength: 128, pattern: '[\\w+]+', sensitive: true };
const USERNAME: Constraint = { minLength: 1, maxLength: 128, pattern: '[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+', sensitive: true };
const PASSWORD: Constraint = { maxLength: 256, pattern: '^[\\S]+.*[\\S]+$', sensitive: true };
const CONFIRMATION_CODE: Constraint = { minLength: 1, maxLength: 2048, pattern: '[\\S]+', sensitive: true };
const TOKEN: Constraint = { pattern: '[A-Za-z0-9-_=.]+', sensitive: true };
const CLIENT_SECRET: Constraint = { minLength: 24, maxLength: 64, pattern: '[\\w+]+', sensitive: true, optional: true };
const DEVICE_KEY: Constraint = { minLength: 1, maxLength: 55, pattern: '[\\w-]+_[0-9a-f-]+', sensitive: false, optional: true };
const SESSION: Constraint = { minLength: 20, maxLength: 2048, sensitive: true };
const SOFTWARE_TOKEN_CODE: Constraint = { minLength: 6, maxLength: 6, pattern: '[0-9]+', sensitive: true };
const FRIENDLY_DEVICE_NAME: Constraint = { minLength: 0, maxLength: 131072, sensitive: false };
const CHALLENGE_NAME: Constraint = {
  oneOf: [
    'ADMIN_NO_SRP_AUTH',
    'CUSTOM_CHALLENGE',
    'DEVICE_PASSWORD_VERIFIER',
    'DEVICE_SRP_AUTH',
    'EMAIL_OTP',
    'MFA_SETUP',
    'NEW_PASSWORD_REQUIRED',
    'PASSWORD',
    'PASSWORD_SRP',
    'PASSWORD_VERIFIER',
    'SELECT_CHALLENGE',
    'SELECT_MFA_TYPE',
    'SMS_MFA',
    'SMS_OTP',
    'SOFTWARE_TOKEN_MFA',
    'WEB_AUTHN',
  ],
  sensitive: false,
};
const optional = (constraint: Constraint): Constraint => ({ ...constraint, optional: true });
const PAGINATION_TOKEN: Constraint = { minLength: 1, pattern: '[\\S]+', sensitive: false };
const CREDENTIAL_ID: Constraint = { minLength: 1, maxLength: 2048, sensitive: false };
const ATTRIBUTE_NAME: Constraint = {
  minLength: 1,
  maxLength: 32,
  pattern: '[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+',
  sensitive: false,
};
const AUTH_FLOW: Constraint = {
  oneOf: [
    'USER_SRP_AUTH',
    'REFRESH_TOKEN_AUTH',
    'REFRESH_TOKEN',
    'CUSTOM_AUTH',
    'ADMIN_NO_SRP_AUTH',
    'USER_PASSWORD_AUTH',
    'ADMIN_USER_PASSWORD_AUTH',
    'USER_AUTH',
  ],
  sensitive: false,
};

// The administration members (service model: UserPoolIdType, GroupNameType, PaginationKey, SearchPaginationTokenType,
// UserFilterType).
const USER_POOL_ID: Constraint = { minLength: 1, maxLength: 55, pattern: '[\\w-]+_[0-9a-zA-Z]+', sensitive: false };
const GROUP_NAME: Constraint = { minLength: 1, maxLength: 128, pattern: '[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+', sensitive: false };
const FILTER: Constraint = { maxLength: 256, sensitive: false, optional: true };
const ADMIN_USER = { UserPoolId: USER_POOL_ID, Username: USERNAME };

/** Every string member the twin reads, per operation; required unless marked optional. */
const MEMBERS: Record<string, Record<string, Constraint>> = {
  SignUp: { ClientId: CLIENT_ID, Username: USERNAME, Password: PASSWORD },
  ConfirmSignUp: { ClientId: CLIENT_ID, Username: USERNAME, ConfirmationCode: CONFIRMATION_CODE },
  ResendConfirmationCode: { ClientId: CLIENT_ID, Username: USERNAME },
  InitiateAuth: { ClientId: CLIENT_ID, AuthFlow: AUTH_FLOW },
  GetTokensFromRefreshToken: { ClientId: CLIENT_ID, RefreshToken: TOKEN, ClientSecret: CLIENT_SECRET, DeviceKey: DEVICE_KEY },
  ForgotPassword: { ClientId: CLIENT_ID, Username: USERNAME },
  ConfirmForgotPassword: { ClientId: CLIENT_ID, Username: USERNAME, ConfirmationCode: CONFIRMATION_CODE, Password: PASSWORD },
  GetUser: { AccessToken: TOKEN },
  GlobalSignOut: { AccessToken: TOKEN },
  RevokeToken: { ClientId: CLIENT_ID, Token: TOKEN },
  ChangePassword: { AccessToken: TOKEN, PreviousPassword: PASSWORD, ProposedPassword: PASSWORD },
  UpdateUserAttributes: { AccessToken: TOKEN },
  VerifyUserAttribute: { AccessToken: TOKEN, AttributeName: ATTRIBUTE_NAME, Code: CONFIRMATION_CODE },
  GetUserAttributeVerificationCode: { AccessToken: TOKEN, AttributeName: ATTRIBUTE_NAME },
  DeleteUser: { AccessToken: TOKEN },
  AssociateSoftwareToken: { AccessToken: optional(TOKEN), Session: optional(SESSION) },
  VerifySoftwareToken: {
    AccessToken: optional(TOKEN),
    Session: optional(SESSION),
    UserCode: SOFTWARE_TOKEN_CODE,
    FriendlyDeviceName: optional(FRIENDLY_DEVICE_NAME),
  },
  SetUserMFAPreference: { AccessToken: TOKEN },
  RespondToAuthChallenge: { ClientId: CLIENT_ID, ChallengeName: CHALLENGE_NAME, Session: optional(SESSION) },
  AdminAddUserToGroup: { ...ADMIN_USER, GroupName: GROUP_NAME },
  AdminRemoveUserFromGroup: { ...ADMIN_USER, GroupName: GROUP_NAME },
  AdminListGroupsForUser: { ...ADMIN_USER, NextToken: optional(PAGINATION_TOKEN) },
  ListUsers: { UserPoolId: USER_POOL_ID, PaginationToken: optional(PAGINATION_TOKEN), Filter: FILTER },
  AdminGetUser: ADMIN_USER,
  AdminDisableUser: ADMIN_USER,
  AdminEnableUser: ADMIN_USER,
  AdminUserGlobalSignOut: ADMIN_USER,
  AdminDeleteUser: ADMIN_USER,
  AdminSetUserMFAPreference: ADMIN_USER,
  // Passkeys (API Reference of each): the access token; CredentialId 1 to 2048 characters (the twin's bound, unverified).
  StartWebAuthnRegistration: { AccessToken: TOKEN },
  CompleteWebAuthnRegistration: { AccessToken: TOKEN },
  ListWebAuthnCredentials: { AccessToken: TOKEN, NextToken: optional(PAGINATION_TOKEN) },
  DeleteWebAuthnCredential: { AccessToken: TOKEN, CredentialId: CREDENTIAL_ID },
};

/**
 * Throws InvalidParameterException listing every violated constraint at once, in Cognito's words:
 * "2 validation errors detected: Value at 'password' failed to satisfy constraint: Member must
 * have length greater than or equal to 6; Value at 'username' …" (members in alphabetical order,
 * as in that answer quoted in amazon-cognito-identity-js#388; Cognito's order is otherwise
 * undocumented).
 */
export function assertRequestConforms(operation: string, request: JsonObject): void {
  const members = Object.entries(MEMBERS[operation] ?? {}).sort(([a], [b]) => a.localeCompare(b));
  const violations = members.flatMap(([member, constraint]) => violationsOf(lowerFirst(member), request[member], constraint));
  if (violations.length === 0) return;
  const count = violations.length === 1 ? '1 validation error' : `${violations.length} validation errors`;
  throw errors.invalidParameter(`${count} detected: ${violations.join('; ')}`);
}

function violationsOf(path: string, value: unknown, constraint: Constraint): string[] {
  if ((value === undefined || value === null) && constraint.optional) return [];
  if (value === undefined || value === null)
    return [`Value null at '${path}' failed to satisfy constraint: Member must not be null`];
  const shown = constraint.sensitive || typeof value !== 'string' ? 'Value' : `Value '${value}'`;
  const failed = (rule: string) => `${shown} at '${path}' failed to satisfy constraint: ${rule}`;
  if (typeof value !== 'string') return [failed('Member must be a string')];
  const rules: string[] = [];
  const length = [...value].length;
  if (constraint.minLength !== undefined && length < constraint.minLength) {
    rules.push(`Member must have length greater than or equal to ${constraint.minLength}`);
  }
  if (constraint.maxLength !== undefined && length > constraint.maxLength) {
    rules.push(`Member must have length less than or equal to ${constraint.maxLength}`);
  }
  if (constraint.pattern !== undefined && !fullMatch(constraint.pattern, value)) {
    rules.push(`Member must satisfy regular expression pattern: ${constraint.pattern}`);
  }
  if (constraint.oneOf && !constraint.oneOf.includes(value))
    rules.push(`Member must satisfy enum value set: [${constraint.oneOf.join(', ')}]`);
  return rules.map(failed);
}

function fullMatch(pattern: string, value: string): boolean {
  return new RegExp(`^(?:${pattern})$`, 'u').test(value);
}

function lowerFirst(member: string): string {
  return member.charAt(0).toLowerCase() + member.slice(1);
}

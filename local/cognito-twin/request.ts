import type { InitiateAuthRequest, RespondToAuthChallengeRequest } from '@aws-sdk/client-cognito-identity-provider';
import { errors } from './errors';

/**
 * A request body as it arrives: the members the SDK's request type names, but any JSON in them,
 * since the twin must answer a malformed request as Cognito does. Typing the values `unknown`
 * makes an operation read every member through the validators below.
 */
export type Unvalidated<Request> = { readonly [Member in keyof Request]?: unknown };

/** Any JSON object, before the operation it is for is known. */
export type JsonObject = Record<string, unknown>;

/** Something, an @, something: the twin's check of an email's form; the mailed code proves the rest. */
export function isEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+$/.test(value);
}

/**
 * A member that request-constraints.ts requires: the server has checked it before the operation
 * runs, so a miss here is a gap in that table, not a bad request.
 */
export function requiredString<Request>(request: Unvalidated<Request>, member: keyof Request & string): string {
  const value = request[member];
  if (typeof value !== 'string') throw new Error(`${member} is read as required but request-constraints.ts does not require it`);
  return value;
}

/** One entry of InitiateAuth's `AuthParameters` map. */
export function authParameter(
  request: Unvalidated<InitiateAuthRequest>,
  name: 'USERNAME' | 'PASSWORD' | 'REFRESH_TOKEN',
): string {
  return mapEntry(request.AuthParameters, name);
}

/** An AuthParameters entry that may be absent (USER_AUTH's PREFERRED_CHALLENGE). */
export function optionalAuthParameter(
  request: Unvalidated<InitiateAuthRequest>,
  name: 'PREFERRED_CHALLENGE',
): string | undefined {
  const map = request.AuthParameters;
  const value = typeof map === 'object' && map !== null ? (map as JsonObject)[name] : undefined;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** One entry of RespondToAuthChallenge's `ChallengeResponses` map. */
export function challengeResponse(
  request: Unvalidated<RespondToAuthChallengeRequest>,
  name: 'USERNAME' | 'SOFTWARE_TOKEN_MFA_CODE' | 'ANSWER' | 'PASSWORD' | 'CREDENTIAL' | 'EMAIL_OTP_CODE',
): string {
  return mapEntry(request.ChallengeResponses, name);
}

function mapEntry(map: unknown, name: string): string {
  const value = typeof map === 'object' && map !== null ? (map as JsonObject)[name] : undefined;
  if (typeof value !== 'string' || value === '') throw errors.missingAuthParameter(name);
  return value;
}

/** A member that request-constraints.ts lets be absent; its form is checked there when present. */
export function optionalString<Request>(request: Unvalidated<Request>, member: keyof Request & string): string | undefined {
  const value = request[member];
  return typeof value === 'string' ? value : undefined;
}

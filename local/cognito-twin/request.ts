import type { InitiateAuthRequest } from '@aws-sdk/client-cognito-identity-provider';
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

/** A required string member of the request, rejected the way Cognito's request validator does. */
export function requiredString<Request>(request: Unvalidated<Request>, member: keyof Request & string): string {
  const value = request[member];
  if (value === undefined || value === null) throw errors.missingField(member);
  if (typeof value !== 'string') throw errors.notAString(member);
  if (value === '') throw errors.emptyField(member);
  return value;
}

/** One entry of InitiateAuth's `AuthParameters` map. */
export function authParameter(
  request: Unvalidated<InitiateAuthRequest>,
  name: 'USERNAME' | 'PASSWORD' | 'REFRESH_TOKEN',
): string {
  const parameters = request.AuthParameters;
  const value = typeof parameters === 'object' && parameters !== null ? (parameters as JsonObject)[name] : undefined;
  if (typeof value !== 'string' || value === '') throw errors.missingAuthParameter(name);
  return value;
}

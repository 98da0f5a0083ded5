import { errors } from './errors';
import type { OperationInput } from './context';

/** A required string member of the request, rejected the way Cognito's request validator does. */
export function requiredString(input: OperationInput, field: string): string {
  const value = input[field];
  if (value === undefined || value === null) throw errors.missingField(field);
  if (typeof value !== 'string') throw errors.notAString(field);
  if (value === '') throw errors.emptyField(field);
  return value;
}

/** One entry of InitiateAuth's `AuthParameters` map. */
export function authParameter(input: OperationInput, name: string): string {
  const parameters = input.AuthParameters;
  const value = typeof parameters === 'object' && parameters !== null ? (parameters as Record<string, unknown>)[name] : undefined;
  if (typeof value !== 'string' || value === '') throw errors.missingAuthParameter(name);
  return value;
}

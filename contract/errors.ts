/**
 * The API's error contract: every failure answers `{"code","message"}` with one of these codes, at
 * its status. lambda/api/errors.ts maps Cognito's exceptions onto them, and docs/api.md lists them.
 */
export type ErrorCode =
  | 'InvalidRequest'
  | 'InvalidPassword'
  | 'UserExists'
  | 'CodeMismatch'
  | 'CodeExpired'
  | 'NotAuthorized'
  | 'UserNotConfirmed'
  | 'ChallengeRequired'
  | 'MfaRequired'
  | 'TooManyRequests'
  | 'Unauthorized'
  | 'AccessDenied'
  | 'NotFound'
  | 'InternalError';

export const statusOf: Record<ErrorCode, number> = {
  InvalidRequest: 400,
  InvalidPassword: 400,
  UserExists: 409,
  CodeMismatch: 400,
  CodeExpired: 400,
  NotAuthorized: 401,
  UserNotConfirmed: 403,
  ChallengeRequired: 403,
  // The account's state under the deployment's policy forbids it, whatever the caller sends: a conflict, not a permission.
  MfaRequired: 409,
  TooManyRequests: 429,
  Unauthorized: 401,
  AccessDenied: 403,
  NotFound: 404,
  InternalError: 500,
};

export class ApiError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = statusOf[code];
  }
}

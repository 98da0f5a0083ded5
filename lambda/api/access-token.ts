import { ApiError } from '../../contract/errors';
import { type AccessTokenOperation, BAD_ACCESS_TOKEN, readCognitoError } from './errors';
import type { ProxyEvent } from './event';

/**
 * The caller's access token, from Authorization as API Gateway's authorizer read it: after
 * "Bearer " or bare. It is the only thing that names the account, so no route can reach another's.
 * Behind the authorizer it is always there; without it the handler refuses rather than guess.
 */
export function accessTokenOf(event: Pick<ProxyEvent, 'headers'>): string {
  const header = Object.entries(event.headers ?? {}).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
  const token = header?.replace(/^Bearer\s+/i, '').trim();
  if (!token) throw new ApiError(BAD_ACCESS_TOKEN.code, BAD_ACCESS_TOKEN.message);
  return token;
}

/**
 * Runs a Cognito operation the caller authorizes with the access token, its exceptions read as that
 * operation's (lambda/api/errors.ts): a refused token is 401 Unauthorized, ChangePassword's wrong
 * current password 401 NotAuthorized.
 */
export async function asSignedInUser<Result>(operation: AccessTokenOperation, send: () => Promise<Result>): Promise<Result> {
  try {
    return await send();
  } catch (error) {
    throw readCognitoError(error, operation);
  }
}

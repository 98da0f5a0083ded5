import type { TwinContext } from './context';
import { CognitoError, errors } from './errors';
import type { UserRecord } from './pool-state';
import { requiredString, type Unvalidated } from './request';
import { type AppClientSettings, findClient } from './settings';

interface NamedUser {
  client: AppClientSettings;
  username: string;
  /** Undefined when no user has that name; answer that case with `hideUserExistence`. */
  user: UserRecord | undefined;
}

/**
 * The prologue of the operations that name a user by `ClientId` and `Username`: the app client
 * (ResourceNotFoundException if unknown), the username, and the user it names. An operation
 * validates its other members before it answers for a missing user, as Cognito's request
 * validator runs before the pool is consulted.
 */
export function findNamedUser(
  context: Pick<TwinContext, 'settings' | 'state'>,
  request: Unvalidated<{ ClientId: unknown; Username: unknown }>,
): NamedUser {
  const client = findClient(context.settings, requiredString(request, 'ClientId'));
  const username = requiredString(request, 'Username');
  return { client, username, user: context.state.findUser(username) };
}

/**
 * What an operation answers where the truth would tell whether a user exists
 * (cognito-user-pool-managing-errors): an app client with PreventUserExistenceErrors ENABLED gets
 * `disguise`, the answer a real user gets in an ordinary case (an error is thrown, a response
 * returned); a LEGACY client gets `truth`, by default UserNotFoundException.
 */
export function hideUserExistence(client: AppClientSettings, disguise: CognitoError, truth?: CognitoError): never;
export function hideUserExistence<Response>(client: AppClientSettings, disguise: Response, truth?: CognitoError): Response;
export function hideUserExistence(client: AppClientSettings, disguise: unknown, truth = errors.userNotFoundForClient()): unknown {
  if (!client.preventUserExistenceErrors) throw truth;
  if (disguise instanceof CognitoError) throw disguise;
  return disguise;
}

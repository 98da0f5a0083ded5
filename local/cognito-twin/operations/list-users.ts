import type { ListUsersRequest } from '@aws-sdk/client-cognito-identity-provider';
import type { TwinContext } from '../context';
import { errors } from '../errors';
import { optionalString } from '../request';
import { assertThisPool, userType } from './admin-user';
import type { Operation } from './operation';

type Dependencies = Pick<TwinContext, 'settings' | 'state'>;

/** ListUsers' Limit: "The maximum number of users that you want Amazon Cognito to return", 0 to 60, 60 when absent. */
const MAX_LIMIT = 60;
/**
 * The filters the admin API sends: `email ^= "prefix"` (starts with) and `email = "address"`
 * (API Reference, ListUsers, Filter: `AttributeName Filter-Type "AttributeValue"`, with `=` and `^=`).
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListUsers.html
 */
const FILTER = /^\s*email\s*(\^?=)\s*"((?:[^"\\]|\\.)*)"\s*$/;

/**
 * API Reference, ListUsers: users a page at a time, with a PaginationToken while more follow.
 * Pages run in email order (Cognito's order is undocumented); the token is the last email of the
 * page, base64url so it stays opaque. With a case-insensitive pool the filter compares in lower
 * case (how Cognito compares is unverified).
 */
export const listUsers =
  (context: Dependencies): Operation<ListUsersRequest, object> =>
  async (request) => {
    assertThisPool(context, request);
    const limit = request.Limit === undefined || request.Limit === 0 ? MAX_LIMIT : request.Limit;
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0 || limit > MAX_LIMIT) {
      throw errors.invalidParameter(
        `1 validation error detected: Value '${String(limit)}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to ${MAX_LIMIT}`,
      );
    }
    const { prefix, exact } = parseFilter(optionalString(request, 'Filter'));
    const token = optionalString(request, 'PaginationToken');
    const after = token === undefined ? undefined : decodeToken(token);
    const key = context.state.emailKey(prefix);
    const { users, more } = context.state.listUsers(key, after, exact ? 1 : limit);
    const page = exact ? users.filter((user) => context.state.emailKey(user.email) === key) : users;
    const last = page.at(-1);
    return {
      Users: page.map(userType),
      ...(more && !exact && last
        ? { PaginationToken: Buffer.from(context.state.emailKey(last.email)).toString('base64url') }
        : {}),
    };
  };

function parseFilter(filter: string | undefined): { prefix: string; exact: boolean } {
  if (filter === undefined || filter.trim() === '') return { prefix: '', exact: false };
  const match = FILTER.exec(filter);
  if (!match) throw errors.invalidFilter(filter);
  return { prefix: match[2].replace(/\\(.)/g, '$1'), exact: match[1] === '=' };
}

function decodeToken(token: string): string {
  const decoded = Buffer.from(token, 'base64url').toString('utf8');
  if (decoded === '' || Buffer.from(decoded).toString('base64url') !== token) throw errors.invalidPaginationToken();
  return decoded;
}

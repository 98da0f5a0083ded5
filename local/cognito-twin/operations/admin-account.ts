import type {
  AdminDeleteUserRequest,
  AdminDisableUserRequest,
  AdminEnableUserRequest,
  AdminGetUserRequest,
  AdminSetUserMFAPreferenceRequest,
  AdminUserGlobalSignOutRequest,
} from '@aws-sdk/client-cognito-identity-provider';
import type { TwinContext } from '../context';
import { errors } from '../errors';
import type { StateRecord, UserRecord } from '../pool-state';
import { SOFTWARE_TOKEN_MFA } from '../settings';
import { adminTarget, attributesOf } from './admin-user';
import type { Operation } from './operation';

type Dependencies = Pick<TwinContext, 'settings' | 'state' | 'journal' | 'now'>;
type Empty = Record<string, never>;

/** API Reference, AdminGetUser: the user's attributes, status, whether enabled, and MFA as GetUser lists it. */
export const adminGetUser =
  (context: Dependencies): Operation<AdminGetUserRequest, object> =>
  async (request) => {
    const user = adminTarget(context, request);
    return {
      Username: user.sub,
      UserAttributes: attributesOf(user),
      UserCreateDate: user.createdAt / 1000,
      UserLastModifiedDate: (user.lastModifiedAt ?? user.createdAt) / 1000,
      Enabled: user.enabled !== false,
      UserStatus: user.status,
      ...(user.softwareToken?.enabled && { UserMFASettingList: [SOFTWARE_TOKEN_MFA] }),
      ...(user.softwareToken?.preferred && { PreferredMfaSetting: SOFTWARE_TOKEN_MFA }),
    };
  };

/**
 * API Reference, AdminDisableUser: "Deactivates a user and revokes all access tokens for the user. A
 * deactivated user can't sign in". Its sessions end, so its refresh tokens stop too.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminDisableUser.html
 */
export const adminDisableUser =
  (context: Dependencies): Operation<AdminDisableUserRequest, Empty> =>
  async (request) => {
    const user = adminTarget(context, request);
    await context.journal.commit(update(context, user, { enabled: false }), ...signOut(context, user));
    return {};
  };

/** API Reference, AdminEnableUser: the user may sign in again; sessions AdminDisableUser ended stay ended. */
export const adminEnableUser =
  (context: Dependencies): Operation<AdminEnableUserRequest, Empty> =>
  async (request) => {
    const user = adminTarget(context, request);
    await context.journal.commit(update(context, user, { enabled: true }));
    return {};
  };

/** API Reference, AdminUserGlobalSignOut: what GlobalSignOut does, on an administrator's word. */
export const adminUserGlobalSignOut =
  (context: Dependencies): Operation<AdminUserGlobalSignOutRequest, Empty> =>
  async (request) => {
    const user = adminTarget(context, request);
    await context.journal.commit(...signOut(context, user));
    return {};
  };

/** API Reference, AdminDeleteUser: as DeleteUser, on an administrator's word. */
export const adminDeleteUser =
  (context: Dependencies): Operation<AdminDeleteUserRequest, Empty> =>
  async (request) => {
    const user = adminTarget(context, request);
    await context.journal.commit({ type: 'user-deleted', sub: user.sub });
    return {};
  };

/**
 * API Reference, AdminSetUserMFAPreference, for TOTP: Enabled false is how an administrator resets a
 * lost authenticator. The twin then forgets the verified key too, so the user's next enrolment
 * (or, under MFA ON, sign-in's MFA_SETUP) starts from a new one; whether Cognito keeps the old
 * key is unverified. Enabled true needs a verified key, as SetUserMFAPreference does.
 */
export const adminSetUserMfaPreference =
  (context: Dependencies): Operation<AdminSetUserMFAPreferenceRequest, Empty> =>
  async (request) => {
    const user = adminTarget(context, request);
    const settings = request.SoftwareTokenMfaSettings as { Enabled?: unknown; PreferredMfa?: unknown } | undefined;
    if (!settings || typeof settings !== 'object') return {};
    if (settings.Enabled === false) {
      await context.journal.commit(update(context, user, { softwareToken: undefined }));
      return {};
    }
    const current = user.softwareToken;
    if (settings.Enabled === true && !current?.secret) throw errors.factorNotSetUp(SOFTWARE_TOKEN_MFA);
    if (settings.Enabled === true && current?.secret) {
      const softwareToken = { ...current, enabled: true, preferred: settings.PreferredMfa === true || current.preferred };
      await context.journal.commit(update(context, user, { softwareToken }));
    }
    return {};
  };

function update(context: Pick<TwinContext, 'now'>, user: UserRecord, change: Partial<UserRecord>): StateRecord {
  return { type: 'user', user: { ...user, ...change, lastModifiedAt: context.now() } };
}

function signOut(context: Pick<TwinContext, 'state'>, user: UserRecord): StateRecord[] {
  return context.state
    .sessionsOf(user.sub)
    .filter((session) => !session.revoked)
    .map((session) => ({ type: 'session', session: { ...session, revoked: true } }));
}

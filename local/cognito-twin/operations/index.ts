import type { TwinContext } from '../context';
import type { IdentityPoolSettings } from '../identity-pool';
import type { JsonObject } from '../request';
import {
  adminDeleteUser,
  adminDisableUser,
  adminEnableUser,
  adminGetUser,
  adminSetUserMfaPreference,
  adminUserGlobalSignOut,
} from './admin-account';
import { adminAddUserToGroup, adminListGroupsForUser, adminRemoveUserFromGroup } from './admin-groups';
import { associateSoftwareToken } from './associate-software-token';
import { changePassword } from './change-password';
import { completeWebAuthnRegistration } from './complete-webauthn-registration';
import { confirmForgotPassword } from './confirm-forgot-password';
import { confirmSignUp } from './confirm-sign-up';
import { deleteUser } from './delete-user';
import { deleteWebAuthnCredential } from './delete-webauthn-credential';
import { forgotPassword } from './forgot-password';
import { getCredentialsForIdentity } from './get-credentials-for-identity';
import { getId } from './get-id';
import { getTokensFromRefreshToken } from './get-tokens-from-refresh-token';
import { getUser } from './get-user';
import { getUserAttributeVerificationCode } from './get-user-attribute-verification-code';
import { globalSignOut } from './global-sign-out';
import { initiateAuth } from './initiate-auth';
import { listUsers } from './list-users';
import { listWebAuthnCredentials } from './list-webauthn-credentials';
import type { Operation } from './operation';
import { resendConfirmationCode } from './resend-confirmation-code';
import { respondToAuthChallenge } from './respond-to-auth-challenge';
import { revokeToken } from './revoke-token';
import { setUserMfaPreference } from './set-user-mfa-preference';
import { signUp } from './sign-up';
import { startWebAuthnRegistration } from './start-webauthn-registration';
import { updateUserAttributes } from './update-user-attributes';
import { verifySoftwareToken } from './verify-software-token';
import { verifyUserAttribute } from './verify-user-attribute';

/**
 * The operations the twin implements, by the name after `AWSCognitoIdentityProviderService.`, each
 * given its part of the context. The account self-service operations (GetUser to SetUserMFAPreference
 * below) are authorized by the caller's access token, checked in one place: sessions.ts,
 * authenticateAccessToken; AssociateSoftwareToken and VerifySoftwareToken also take a sign-in's session
 * instead (MFA_SETUP). The passkey operations (StartWebAuthnRegistration to DeleteWebAuthnCredential) are authorized
 * by the access token too.
 */
export function operationsFor(context: TwinContext): Record<string, Operation<JsonObject, object>> {
  return {
    SignUp: signUp(context),
    ConfirmSignUp: confirmSignUp(context),
    ResendConfirmationCode: resendConfirmationCode(context),
    InitiateAuth: initiateAuth(context),
    GetTokensFromRefreshToken: getTokensFromRefreshToken(context),
    ForgotPassword: forgotPassword(context),
    ConfirmForgotPassword: confirmForgotPassword(context),
    GetUser: getUser(context),
    GlobalSignOut: globalSignOut(context),
    ChangePassword: changePassword(context),
    UpdateUserAttributes: updateUserAttributes(context),
    VerifyUserAttribute: verifyUserAttribute(context),
    GetUserAttributeVerificationCode: getUserAttributeVerificationCode(context),
    DeleteUser: deleteUser(context),
    AssociateSoftwareToken: associateSoftwareToken(context),
    VerifySoftwareToken: verifySoftwareToken(context),
    SetUserMFAPreference: setUserMfaPreference(context),
    RespondToAuthChallenge: respondToAuthChallenge(context),
    RevokeToken: revokeToken(context),
    StartWebAuthnRegistration: startWebAuthnRegistration(context),
    CompleteWebAuthnRegistration: completeWebAuthnRegistration(context),
    ListWebAuthnCredentials: listWebAuthnCredentials(context),
    DeleteWebAuthnCredential: deleteWebAuthnCredential(context),
  };
}

/**
 * The operations an administrator calls with AWS credentials (SigV4) rather than a user's token: the
 * server checks the signature and the caller's IAM policy (iam-callers.ts) before any of them runs.
 */
export function adminOperationsFor(context: TwinContext): Record<string, Operation<JsonObject, object>> {
  return {
    AdminAddUserToGroup: adminAddUserToGroup(context),
    AdminRemoveUserFromGroup: adminRemoveUserFromGroup(context),
    AdminListGroupsForUser: adminListGroupsForUser(context),
    ListUsers: listUsers(context),
    AdminGetUser: adminGetUser(context),
    AdminDisableUser: adminDisableUser(context),
    AdminEnableUser: adminEnableUser(context),
    AdminUserGlobalSignOut: adminUserGlobalSignOut(context),
    AdminDeleteUser: adminDeleteUser(context),
    AdminSetUserMFAPreference: adminSetUserMfaPreference(context),
  };
}

/** The Cognito Identity operations, by the name after `AWSCognitoIdentityService.`; none without an identity pool. */
export function identityOperationsFor(
  context: TwinContext,
  identityPool: IdentityPoolSettings | undefined,
): Record<string, Operation<JsonObject, object>> {
  if (!identityPool) return {};
  return {
    GetId: getId({ ...context, identityPool }),
    GetCredentialsForIdentity: getCredentialsForIdentity({ ...context, identityPool }),
  };
}

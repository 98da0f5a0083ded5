import type { TwinContext } from '../context';
import type { JsonObject } from '../request';
import { changePassword } from './change-password';
import { confirmForgotPassword } from './confirm-forgot-password';
import { confirmSignUp } from './confirm-sign-up';
import { deleteUser } from './delete-user';
import { forgotPassword } from './forgot-password';
import { getUser } from './get-user';
import { getUserAttributeVerificationCode } from './get-user-attribute-verification-code';
import { globalSignOut } from './global-sign-out';
import { initiateAuth } from './initiate-auth';
import type { Operation } from './operation';
import { resendConfirmationCode } from './resend-confirmation-code';
import { revokeToken } from './revoke-token';
import { signUp } from './sign-up';
import { updateUserAttributes } from './update-user-attributes';
import { verifyUserAttribute } from './verify-user-attribute';

/**
 * The operations the twin implements, by the name after `AWSCognitoIdentityProviderService.`, each
 * given its part of the context. The account self-service operations (GetUser to DeleteUser below)
 * are authorized by the caller's access token, checked in one place: sessions.ts,
 * authenticateAccessToken.
 */
export function operationsFor(context: TwinContext): Record<string, Operation<JsonObject, object>> {
  return {
    SignUp: signUp(context),
    ConfirmSignUp: confirmSignUp(context),
    ResendConfirmationCode: resendConfirmationCode(context),
    InitiateAuth: initiateAuth(context),
    ForgotPassword: forgotPassword(context),
    ConfirmForgotPassword: confirmForgotPassword(context),
    GetUser: getUser(context),
    GlobalSignOut: globalSignOut(context),
    ChangePassword: changePassword(context),
    UpdateUserAttributes: updateUserAttributes(context),
    VerifyUserAttribute: verifyUserAttribute(context),
    GetUserAttributeVerificationCode: getUserAttributeVerificationCode(context),
    DeleteUser: deleteUser(context),
    RevokeToken: revokeToken(context),
  };
}

import type { TwinContext } from '../context';
import type { JsonObject } from '../request';
import { confirmForgotPassword } from './confirm-forgot-password';
import { confirmSignUp } from './confirm-sign-up';
import { forgotPassword } from './forgot-password';
import { getUser } from './get-user';
import { globalSignOut } from './global-sign-out';
import { initiateAuth } from './initiate-auth';
import type { Operation } from './operation';
import { resendConfirmationCode } from './resend-confirmation-code';
import { revokeToken } from './revoke-token';
import { signUp } from './sign-up';

/**
 * The operations the twin implements, by the name after `AWSCognitoIdentityProviderService.`, each
 * given its part of the context.
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
    RevokeToken: revokeToken(context),
  };
}

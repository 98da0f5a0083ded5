import type { TwinContext } from '../context';
import type { IdentityPoolSettings } from '../identity-pool';
import type { JsonObject } from '../request';
import { confirmForgotPassword } from './confirm-forgot-password';
import { confirmSignUp } from './confirm-sign-up';
import { forgotPassword } from './forgot-password';
import { getCredentialsForIdentity } from './get-credentials-for-identity';
import { getId } from './get-id';
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
 *
 * GetUser and GlobalSignOut are kept though no handler of the stack calls them yet: GetUser is the
 * only way a client sees that RevokeToken (which the sign-out handler calls) also revokes the
 * access tokens minted from the refresh token, so the twin's tests of that go through it, and the
 * account self-service routes planned next call both with the caller's access token. They are
 * live code, not exports kept for tests: the server dispatches to them by X-Amz-Target.
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

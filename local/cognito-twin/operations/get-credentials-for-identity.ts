import type { Credentials, GetCredentialsForIdentityInput } from '@aws-sdk/client-cognito-identity';
import type { TwinContext } from '../context';
import { type IdentityPoolSettings, identityErrors, issueCredentials, userOfLogins } from '../identity-pool';
import { requiredString } from '../request';
import type { Operation } from './operation';

type Dependencies = Pick<TwinContext, 'settings' | 'tokens' | 'state' | 'journal' | 'now'> & {
  identityPool: IdentityPoolSettings;
};

/** awsJson1_1 sends a timestamp as epoch seconds, which the SDK turns back into the Date its type names. */
type WireResponse = { IdentityId: string; Credentials: Omit<Credentials, 'Expiration'> & { Expiration: number } };

/**
 * Cognito Identity API Reference, GetCredentialsForIdentity: credentials of the authenticated role
 * for an identity, given a valid login of the same user.
 */
export const getCredentialsForIdentity =
  (context: Dependencies): Operation<GetCredentialsForIdentityInput, WireResponse> =>
  async (request) => {
    const identityId = requiredString(request, 'IdentityId');
    const identity = context.state.findIdentity(identityId);
    if (!identity) throw identityErrors.unknownIdentity(identityId);
    if (request.Logins === undefined) throw identityErrors.loginsMismatch();
    const user = await userOfLogins(context, request.Logins);
    if (user.sub !== identity.sub || user.providerName !== identity.providerName) throw identityErrors.loginsMismatch();
    const roleArn = context.identityPool.authenticatedRoleArn;
    if (!roleArn) throw identityErrors.noAuthenticatedRole();
    const { record, sessionToken } = issueCredentials(identity, roleArn, context.now());
    await context.journal.commit({ type: 'credentials', credentials: record });
    return {
      IdentityId: identityId,
      Credentials: {
        AccessKeyId: record.accessKeyId,
        SecretKey: record.secretAccessKey,
        SessionToken: sessionToken,
        Expiration: record.expiresAt / 1000,
      },
    };
  };

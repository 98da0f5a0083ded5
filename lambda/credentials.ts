import { GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { ApiError } from '../contract/errors';
import { cognitoIdentity } from './api/cognito-identity';
import { environment } from './api/environment';
import { mapCognitoIdentityError } from './api/errors';
import type { ProxyEvent } from './api/event';
import { httpHandler } from './api/handler';

/**
 * Temporary AWS credentials for the signed-in caller: the id token the Cognito authorizer let
 * through goes to the identity pool (GetId, then GetCredentialsForIdentity, the enhanced flow),
 * which answers credentials of its authenticated role. For clients without an AWS SDK: one with
 * it may call Cognito Identity itself.
 */
export const handler = httpHandler<'credentials'>('credentials', async ({ event }) => {
  const idToken = bearerToken(event);
  // The provider name of a user pool in Logins: cognito-idp.<region>.amazonaws.com/<userPoolId> (API_GetId.html).
  const Logins = { [`cognito-idp.${environment('AWS_REGION')}.amazonaws.com/${environment('USER_POOL_ID')}`]: idToken };
  const { IdentityId } = await cognitoIdentity
    .send(new GetIdCommand({ IdentityPoolId: environment('IDENTITY_POOL_ID'), Logins }))
    .catch(cognitoIdentityFailure);
  if (!IdentityId) throw new Error('GetId answered no IdentityId');
  const { Credentials: credentials } = await cognitoIdentity
    .send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }))
    .catch(cognitoIdentityFailure);
  if (!credentials?.AccessKeyId || !credentials.SecretKey || !credentials.SessionToken || !credentials.Expiration) {
    throw new Error('GetCredentialsForIdentity answered incomplete credentials');
  }
  return {
    status: 200,
    body: {
      identityId: IdentityId,
      accessKeyId: credentials.AccessKeyId,
      secretAccessKey: credentials.SecretKey,
      sessionToken: credentials.SessionToken,
      expiration: credentials.Expiration.toISOString(),
    },
  };
});

/** The id token the authorizer checked, as it reads it: the Authorization header, bare or after "Bearer ". */
function bearerToken(event: ProxyEvent): string {
  const header = Object.entries(event.headers ?? {}).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
  const token = header?.replace(/^Bearer\s+/i, '').trim();
  if (!token) throw new ApiError('Unauthorized', 'A valid id token is required in the Authorization header.');
  return token;
}

/**
 * A Cognito Identity exception as the API answers it. Unmapped ones go on with their name only:
 * the wrapper logs an unexpected failure's message, and this one is Cognito's, about a request
 * that carried the id token.
 */
function cognitoIdentityFailure(error: unknown): never {
  throw (
    mapCognitoIdentityError(error) ?? new Error(`Cognito Identity failed: ${error instanceof Error ? error.name : typeof error}`)
  );
}

import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';

/**
 * One client per container, created at init so that warm invocations reuse its connections.
 * COGNITO_ENDPOINT is set only by local mode, to point the unmodified client at the Cognito twin.
 */
export const cognito = new CognitoIdentityProviderClient({
  endpoint: process.env.COGNITO_ENDPOINT || undefined,
});

export function appClientId(): string {
  const clientId = process.env.USER_POOL_CLIENT_ID;
  if (!clientId) throw new Error('USER_POOL_CLIENT_ID is not set');
  return clientId;
}

import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { environment, optionalEnvironment } from './environment';

/**
 * One client per container, created at init so that warm invocations reuse its connections.
 * COGNITO_ENDPOINT is set only by local mode, to point the unmodified client at the Cognito twin.
 */
export const cognito = new CognitoIdentityProviderClient({
  endpoint: optionalEnvironment('COGNITO_ENDPOINT'),
});

export function appClientId(): string {
  return environment('USER_POOL_CLIENT_ID');
}

import { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';

/**
 * One Cognito Identity client per container, like the user pool's (cognito.ts), pointed at the
 * twin by COGNITO_ENDPOINT in local mode. GetId and GetCredentialsForIdentity are public
 * operations ("You do not need any credentials to call this API":
 * https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_GetId.html,
 * https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_GetCredentialsForIdentity.html),
 * so the function's role grants no cognito-identity action.
 */
export const cognitoIdentity = new CognitoIdentityClient({ endpoint: process.env.COGNITO_ENDPOINT || undefined });

/** An environment variable the stack sets on this function; its absence is a deployment fault, a 500. */
export function requiredEnv(name: 'USER_POOL_ID' | 'IDENTITY_POOL_ID' | 'AWS_REGION'): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

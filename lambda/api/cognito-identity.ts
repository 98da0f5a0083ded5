import { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import { optionalEnvironment } from './environment';

/**
 * One Cognito Identity client per container, like the user pool's (cognito.ts), pointed at the
 * twin by COGNITO_ENDPOINT in local mode. GetId and GetCredentialsForIdentity are public
 * operations ("You do not need any credentials to call this API":
 * https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_GetId.html,
 * https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_GetCredentialsForIdentity.html),
 * so the function's role grants no cognito-identity action.
 */
export const cognitoIdentity = new CognitoIdentityClient({ endpoint: optionalEnvironment('COGNITO_ENDPOINT') });

import { CognitoIdentityServiceException } from '@aws-sdk/client-cognito-identity';
import { CognitoIdentityProviderServiceException } from '@aws-sdk/client-cognito-identity-provider';

/** An exception shaped like the ones the SDK raises: the class name is the exception's `name`. */
export function cognitoError(name: string, message = `${name} message`): CognitoIdentityProviderServiceException {
  return new CognitoIdentityProviderServiceException({ name, message, $fault: 'client', $metadata: { httpStatusCode: 400 } });
}

/** The same for Cognito Identity, the identity pools' service. */
export function cognitoIdentityError(name: string, message = `${name} message`): CognitoIdentityServiceException {
  return new CognitoIdentityServiceException({ name, message, $fault: 'client', $metadata: { httpStatusCode: 400 } });
}

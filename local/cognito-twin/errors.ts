/**
 * Every error the twin answers, with Cognito's exception name and wording, in one table.
 * Sources: the Cognito API Reference "Errors" section of each operation, the developer guide page
 * "Managing user existence error responses" (cognito-user-pool-managing-errors) and, for message
 * texts the reference does not spell out, the messages Cognito is seen to return in SDK issues.
 */
export class CognitoError extends Error {
  constructor(
    /** The `__type` the SDK turns into an exception class, e.g. 'NotAuthorizedException'. */
    readonly type: string,
    message: string,
    readonly httpStatus = 400,
  ) {
    super(message);
  }
}

const error = (type: string, message: string) => new CognitoError(type, message);

export const errors = {
  /** Cognito's own wording for a missing required member, as its request validator reports it. */
  missingField: (field: string) =>
    error(
      'InvalidParameterException',
      `1 validation error detected: Value null at '${lowerFirst(field)}' failed to satisfy constraint: Member must not be null`,
    ),
  emptyField: (field: string) =>
    error(
      'InvalidParameterException',
      `1 validation error detected: Value at '${lowerFirst(field)}' failed to satisfy constraint: Member must have length greater than or equal to 1`,
    ),
  notAString: (field: string) =>
    error(
      'InvalidParameterException',
      `1 validation error detected: Value at '${lowerFirst(field)}' failed to satisfy constraint: Member must be a string`,
    ),
  malformedJson: () => error('InvalidParameterException', 'The request body is not a JSON object'),
  bodyTooLarge: (limit: number) => error('InvalidParameterException', `The request body is larger than ${limit} bytes`),
  missingAuthParameter: (name: string) => error('InvalidParameterException', `Missing required parameter ${name}`),
  unknownOperation: (operation: string, implemented: string[]) =>
    error('UnknownOperationException', `UserPoolTwin does not implement ${operation}; it implements ${implemented.join(', ')}`),
  unknownClient: (clientId: string) => error('ResourceNotFoundException', `User pool client ${clientId} does not exist.`),
  authFlowNotEnabled: (flow: string) => error('InvalidParameterException', `${flow} flow not enabled for this client`),
  authFlowNotImplemented: (flow: string) =>
    error(
      'InvalidParameterException',
      `UserPoolTwin does not implement the ${flow} flow; it implements USER_PASSWORD_AUTH and REFRESH_TOKEN_AUTH`,
    ),
  usernameNotEmail: () => error('InvalidParameterException', 'Username should be an email.'),
  invalidPassword: (reason: string) => error('InvalidPasswordException', `Password did not conform with policy: ${reason}`),
  emailExists: () => error('UsernameExistsException', 'An account with the given email already exists.'),
  userNotFoundForSignIn: () => error('UserNotFoundException', 'User does not exist.'),
  userNotFoundForClient: () => error('UserNotFoundException', 'Username/client id combination not found.'),
  incorrectCredentials: () => error('NotAuthorizedException', 'Incorrect username or password.'),
  passwordAttemptsExceeded: () => error('NotAuthorizedException', 'Password attempts exceeded'),
  userNotConfirmed: () => error('UserNotConfirmedException', 'User is not confirmed.'),
  alreadyConfirmed: () => error('NotAuthorizedException', 'User cannot be confirmed. Current status is CONFIRMED'),
  alreadyConfirmedOnResend: () => error('InvalidParameterException', 'User is already confirmed.'),
  noVerifiedEmail: () =>
    error(
      'InvalidParameterException',
      'Cannot reset password for the user as there is no registered/verified email or phone_number',
    ),
  codeMismatch: () => error('CodeMismatchException', 'Invalid verification code provided, please try again.'),
  codeExpired: () => error('ExpiredCodeException', 'Invalid code provided, please request a code again.'),
  invalidRefreshToken: () => error('NotAuthorizedException', 'Invalid Refresh Token'),
  refreshTokenExpired: () => error('NotAuthorizedException', 'Refresh Token has expired'),
  refreshTokenRevoked: () => error('NotAuthorizedException', 'Refresh Token has been revoked'),
  invalidAccessToken: () => error('NotAuthorizedException', 'Invalid Access Token'),
  accessTokenExpired: () => error('NotAuthorizedException', 'Access Token has expired'),
  accessTokenRevoked: () => error('NotAuthorizedException', 'Access Token has been revoked'),
  /** Wording as reported in aws-amplify/amplify-android#1592; the reference does not spell it out. */
  accessTokenWithoutScope: () => error('NotAuthorizedException', 'Access Token does not have required scopes'),
  /**
   * An email another user signs in with, in a pool whose sign-in name is the email: AliasExistsException
   * (aws/aws-sdk-net#4387 sees it from UpdateUserAttributes); the wording is unverified.
   */
  aliasExists: () => error('AliasExistsException', 'An account with the given email already exists.'),
  /** Wording unverified: the reference names InvalidParameterException, not its message. */
  invalidEmail: () => error('InvalidParameterException', 'Invalid email address format.'),
  onlyEmailAttribute: (names: string[]) =>
    error('InvalidParameterException', `UserPoolTwin stores only the email attribute; the request names [${names.join(', ')}]`),
  /** The REVOCATION endpoint answers `invalid_request` when revocation is disabled for the client. */
  revocationDisabled: () => error('UnsupportedOperationException', 'Token revocation is not enabled for this client.'),
  /** The REVOCATION endpoint answers `unsupported_token_type` for anything but a refresh token. */
  notARefreshToken: () => error('UnsupportedTokenTypeException', 'Only refresh tokens can be revoked.'),
  /** "Refresh tokens must be revoked using the same client ID that was used to obtain the token." */
  tokenOfAnotherClient: () => error('UnauthorizedException', 'The token was not issued to this client.'),
  internal: () => new CognitoError('InternalErrorException', 'UserPoolTwin failed to handle the request; see its log.', 500),
};

function lowerFirst(field: string): string {
  return field.charAt(0).toLowerCase() + field.slice(1);
}

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
  /** A request that breaks the API Reference's constraints; see request-constraints.ts. */
  invalidParameter: (message: string) => error('InvalidParameterException', message),
  malformedJson: () => error('InvalidParameterException', 'The request body is not a JSON object'),
  bodyTooLarge: (limit: number) => error('InvalidParameterException', `The request body is larger than ${limit} bytes`),
  /** Also for a missing ChallengeResponses entry or Session (amazon-cognito-identity-js#627: "Missing required parameter Session"). */
  missingAuthParameter: (name: string) => error('InvalidParameterException', `Missing required parameter ${name}`),
  unknownOperation: (operation: string, implemented: string[]) =>
    error('UnknownOperationException', `UserPoolTwin does not implement ${operation}; it implements ${implemented.join(', ')}`),
  unknownClient: (clientId: string) => error('ResourceNotFoundException', `User pool client ${clientId} does not exist.`),
  authFlowNotEnabled: (flow: string) => error('InvalidParameterException', `${flow} flow not enabled for this client`),
  authFlowNotImplemented: (flow: string) =>
    error(
      'InvalidParameterException',
      `UserPoolTwin does not implement the ${flow} flow; it implements USER_PASSWORD_AUTH, USER_AUTH and REFRESH_TOKEN_AUTH`,
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
  /** Too many code requests or wrong codes (mailed or TOTP); see attempt-limits.ts. */
  attemptLimitExceeded: () => error('LimitExceededException', 'Attempt limit exceeded, please try after some time.'),
  codeMismatch: () => error('CodeMismatchException', 'Invalid verification code provided, please try again.'),
  codeExpired: () => error('ExpiredCodeException', 'Invalid code provided, please request a code again.'),
  invalidRefreshToken: () => error('NotAuthorizedException', 'Invalid Refresh Token.'),
  /** Since January 2022 (aws/aws-sdk-js#4016); before, such a token was "Invalid Refresh Token.". */
  refreshTokenOfAnotherClient: () => error('NotAuthorizedException', 'Refresh Token has different Client.'),
  refreshTokenExpired: () => error('NotAuthorizedException', 'Refresh Token has expired'),
  refreshTokenRevoked: () => error('NotAuthorizedException', 'Refresh Token has been revoked'),
  /**
   * The exception is GetTokensFromRefreshToken's ("a refresh token that has been invalidated by
   * refresh-token rotation", API Reference); its message is not documented: the twin's own (unverified).
   */
  refreshTokenReused: () =>
    error('RefreshTokenReuseException', 'The refresh token was rotated out and its grace period is over: sign in again.'),
  /**
   * "You can't authenticate with REFRESH_TOKEN_AUTH in app clients with refresh token rotation
   * enabled" (Developer Guide, "Refresh tokens"); the exception and message are not documented (unverified).
   */
  refreshTokenAuthWithRotation: () =>
    error(
      'InvalidParameterException',
      'REFRESH_TOKEN_AUTH is not allowed for this client: it rotates refresh tokens; use GetTokensFromRefreshToken.',
    ),
  /** A ClientSecret sent for an app client that has none; Cognito's answer is not documented (unverified). */
  clientHasNoSecret: (clientId: string) => error('NotAuthorizedException', `Client ${clientId} is configured without a secret.`),
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
    error('InvalidParameterException', `UserPoolTwin verifies only the email attribute; the request names [${names.join(', ')}]`),
  /**
   * An attribute the pool's schema does not have. UpdateUserAttributes: "user.custom:address: Attribute
   * does not exist in the schema." a line per attribute (aws-amplify/amplify-flutter#1531); SignUp:
   * "Attributes did not conform to the schema: custom:firstName: Attribute does not exist in the
   * schema." (aws-amplify/amplify-flutter#509).
   */
  attributeNotInSchema: (operation: 'SignUp' | 'UpdateUserAttributes', names: string[]) =>
    error(
      'InvalidParameterException',
      operation === 'SignUp'
        ? `Attributes did not conform to the schema: ${names.map((name) => `${name}: Attribute does not exist in the schema.\n`).join('')}`
        : names.map((name) => `user.${name}: Attribute does not exist in the schema.\n`).join(''),
    ),
  /**
   * An attribute the app client may not write (its WriteAttributes): NotAuthorizedException "A client
   * attempted to write unauthorized attribute" (Developer Guide, "Working with user attributes", names
   * the exception; the wording as reported in amazon-archives/amazon-cognito-identity-js#397).
   */
  unauthorizedAttribute: () => error('NotAuthorizedException', 'A client attempted to write unauthorized attribute'),
  /** Changing an immutable attribute that has a value: InvalidParameterException; wording unverified. */
  immutableAttribute: (name: string) =>
    error('InvalidParameterException', `user.${name}: Attribute cannot be updated. (changing an immutable attribute)`),
  /** A value outside its attribute's StringAttributeConstraints: InvalidParameterException; wording unverified. */
  attributeLength: (name: string, min: number, max: number) =>
    error('InvalidParameterException', `user.${name}: String must be between ${min} and ${max} characters long.`),
  /** The REVOCATION endpoint answers `invalid_request` when revocation is disabled for the client. */
  revocationDisabled: () => error('UnsupportedOperationException', 'Token revocation is not enabled for this client.'),
  /** The REVOCATION endpoint answers `unsupported_token_type` for anything but a refresh token. */
  notARefreshToken: () => error('UnsupportedTokenTypeException', 'Only refresh tokens can be revoked.'),
  /** "Refresh tokens must be revoked using the same client ID that was used to obtain the token." */
  tokenOfAnotherClient: () => error('UnauthorizedException', 'The token was not issued to this client.'),
  // Second factor (TOTP). Names and wording from real answers quoted in issues where found; the rest is marked unverified.
  /** "Invalid session for the user." (aws-amplify/amplify-js#10959, #6461): a session unknown, used, or of another step. */
  invalidSession: () => error('NotAuthorizedException', 'Invalid session for the user.'),
  /** The same exception once AuthSessionValidity has passed; this longer wording is unverified (no answer quoted found). */
  sessionExpired: () => error('NotAuthorizedException', 'Invalid session for the user, session is expired.'),
  /** RespondToAuthChallenge with a wrong code; the answer quoted for SOFTWARE_TOKEN_MFA in aws-amplify/amplify-js#12887. */
  mfaCodeMismatch: () => error('CodeMismatchException', 'Invalid code or auth state for the user.'),
  /** VerifySoftwareToken with a wrong code (aws-samples/aws-amplify-auth-starters#15). */
  softwareTokenCodeMismatch: () => error('EnableSoftwareTokenMFAException', 'Code mismatch and fail enable Software Token MFA'),
  /**
   * A code of a step already used to sign in: RFC 6238 section 5.2 says the verifier "MUST NOT accept the second attempt
   * of the OTP". Whether and how Cognito refuses it is unverified: no Cognito answer was found; this exception and
   * wording are the ones commonly reported for it.
   */
  softwareTokenReused: () => error('ExpiredCodeException', 'Your software token has already been used once.'),
  /** VerifySoftwareToken before any AssociateSoftwareToken; wording from amazon-cognito-identity-js#630. */
  softwareTokenNotFound: () => error('SoftwareTokenMFANotFoundException', 'Software Token MFA does not exist for the user.'),
  /**
   * AssociateSoftwareToken in a pool without TOTP: the API Reference names SoftwareTokenMFANotFoundException for a pool
   * where TOTP "isn't activated"; the wording is unverified.
   */
  softwareTokenNotEnabledForPool: () =>
    error('SoftwareTokenMFANotFoundException', 'Software Token MFA is not enabled for the user pool.'),
  /** SetUserMFAPreference in a pool whose MFA is OFF: exception and wording unverified. */
  mfaDisabledForPool: () => error('InvalidParameterException', 'MFA is not enabled for the user pool.'),
  /**
   * Enabling a factor the user has not set up: "User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA"
   * (aws/aws-sdk-js-v3#4645, before VerifySoftwareToken); the same wording for SMS_MFA and EMAIL_OTP is by analogy.
   */
  factorNotSetUp: (factor: string) =>
    error('InvalidParameterException', `User does not have delivery config set to turn on ${factor}`),
  /** "The request takes an access token or a session string, but not both" (API Reference); wording unverified. */
  accessTokenOrSession: () => error('InvalidParameterException', 'Exactly one of AccessToken and Session must be provided.'),
  challengeNotImplemented: (challenge: string) =>
    error(
      'InvalidParameterException',
      `UserPoolTwin does not implement the ${challenge} challenge; it implements SOFTWARE_TOKEN_MFA, MFA_SETUP, SELECT_CHALLENGE, WEB_AUTHN and EMAIL_OTP`,
    ),
  // Administration (Admin* and ListUsers). Wording of "User does not exist." as for sign-in; "Group not found." is the
  // message commonly reported for AdminAddUserToGroup with an unknown group (unverified).
  userNotFound: () => error('UserNotFoundException', 'User does not exist.'),
  groupNotFound: () => error('ResourceNotFoundException', 'Group not found.'),
  /** A UserPoolId other than the twin's pool; wording unverified. */
  unknownPool: (poolId: string) => error('ResourceNotFoundException', `User pool ${poolId} does not exist.`),
  /** InitiateAuth or a refresh of a user AdminDisableUser turned off (wording commonly reported; unverified). */
  userDisabled: () => error('NotAuthorizedException', 'User is disabled.'),
  /** A ListUsers Filter the twin does not parse: Cognito's own wording is unverified. */
  invalidFilter: (filter: string) =>
    error(
      'InvalidParameterException',
      `Error while parsing filter ${JSON.stringify(filter)}: UserPoolTwin understands "<email|sub|status> = "value"" and "<attribute> ^= "prefix""`,
    ),
  invalidPaginationToken: () => error('InvalidParameterException', 'Invalid pagination token.'),
  // Passwordless sign-in (USER_AUTH) and passkeys. The exception names are the API Reference's (the Errors of
  // StartWebAuthnRegistration, CompleteWebAuthnRegistration, ListWebAuthnCredentials, DeleteWebAuthnCredential, as the
  // SDK's models carry them); none of their messages is documented, so every wording below is the twin's (unverified).
  /** "thrown when the passkey feature isn't enabled for the user pool" (WEB_AUTHN not among AllowedFirstAuthFactors). */
  webAuthnNotEnabled: () => error('WebAuthnNotEnabledException', 'Passkeys are not enabled for this user pool.'),
  /** "thrown when a user pool doesn't have a configured relying party id or a user pool domain". */
  webAuthnConfigurationMissing: () =>
    error('WebAuthnConfigurationMissingException', 'The user pool has no passkey relying party ID and no domain.'),
  /** "thrown when the challenge from StartWebAuthn registration has expired" (or was never issued). */
  webAuthnChallengeNotFound: () =>
    error('WebAuthnChallengeNotFoundException', 'No passkey registration is waiting for this credential: start again.'),
  /** "thrown when the access token is for a different client than the one in the original StartWebAuthnRegistration request". */
  webAuthnClientMismatch: () =>
    error('WebAuthnClientMismatchException', 'The passkey registration was started by another app client.'),
  /** "thrown when a user presents passkey credentials from an unsupported device or provider". */
  webAuthnCredentialNotSupported: (reason: string) =>
    error('WebAuthnCredentialNotSupportedException', `The passkey credential was refused: ${reason}`),
  /** "thrown when the passkey credential's registration origin does not align with the user pool relying party id". */
  webAuthnOriginNotAllowed: (origin: string) =>
    error('WebAuthnOriginNotAllowedException', `The origin ${origin} is not allowed for this user pool's relying party.`),
  /** "thrown when the given passkey credential is associated with a different relying party ID than the user pool relying party ID". */
  webAuthnRelyingPartyMismatch: () =>
    error(
      'WebAuthnRelyingPartyMismatchException',
      "The passkey credential belongs to another relying party than the user pool's.",
    ),
  /** DeleteWebAuthnCredential of an id the caller has no passkey with: ResourceNotFoundException (API Reference). */
  webAuthnCredentialNotFound: () => error('ResourceNotFoundException', 'Credential not found.'),
  /** More passkeys than a user may have: LimitExceededException; the limit of 20 is the twin's assumption. */
  webAuthnCredentialLimit: () => error('LimitExceededException', 'The user has the most passkeys allowed.'),
  /** A WEB_AUTHN answer whose assertion does not verify against the user's passkeys: exception and wording unverified. */
  passkeyAssertionRefused: () => error('NotAuthorizedException', 'The passkey could not be verified.'),
  /** A SELECT_CHALLENGE ANSWER that is not among the AvailableChallenges: exception and wording unverified. */
  challengeNotAvailable: (challenge: string) =>
    error('InvalidParameterException', `The challenge ${challenge} is not available for this user.`),
  internal: () => new CognitoError('InternalErrorException', 'UserPoolTwin failed to handle the request; see its log.', 500),
};

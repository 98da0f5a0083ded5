/**
 * The environment variables the stack sets on the handlers (lib/auth-api-stack.ts) and the handlers
 * read (lambda/api/environment.ts), each named once: a name misspelt on either side fails `tsc`.
 * Lambda itself sets AWS_REGION
 * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime).
 */
export interface HandlerEnvironment {
  /** The app client every sign-in and sign-up names (ClientId). */
  readonly USER_POOL_CLIENT_ID: string;
  /** The pool's minimum password length, quoted in the InvalidPassword message. */
  readonly PASSWORD_MIN_LENGTH: string;
  /** The origins a browser may call from, a JSON array; absent: none. */
  readonly CORS_ALLOWED_ORIGINS?: string;
  /** The user pool's id: the identity pool's login key, and the pool a SigV4 caller's sub is read from. */
  readonly USER_POOL_ID?: string;
  /** The identity pool POST /credentials trades an id token at. */
  readonly IDENTITY_POOL_ID?: string;
  /** The issuer an authenticator app shows beside the user's email. */
  readonly TOTP_ISSUER?: string;
  /** The mfa setting: `required` refuses turning the factor off. */
  readonly MFA_MODE?: 'off' | 'optional' | 'required';
  /** Local mode only: the Cognito twin's URL, where the unmodified SDK clients are pointed. */
  readonly COGNITO_ENDPOINT?: string;
}

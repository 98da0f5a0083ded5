import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createLocalJWKSet, type JWTPayload, errors as joseErrors, jwtVerify } from 'jose';
import type { TwinContext } from './context';
import { CognitoError } from './errors';
import type { CredentialsRecord, IdentityRecord } from './pool-state';

/** The identity pool the twin serves beside the user pool, derived from the template (local/stack-model/identity-pool.ts). */
export interface IdentityPoolSettings {
  /** `<region>:<uuid>`. */
  identityPoolId: string;
  allowUnauthenticated: boolean;
  /**
   * Logins key (`cognito-idp.<region>.amazonaws.com/<userPoolId>`), the app client whose id tokens it takes, and
   * whether the provider's `ServerSideTokenCheck` is on (see userOfLogins).
   */
  providers: Array<{ providerName: string; clientId: string; serverSideTokenCheck: boolean }>;
  /** The authenticated role, when the role attachment names one the pool's identities may assume. */
  authenticatedRoleArn?: string;
}

/** Temporary credentials stay valid one hour (Cognito Identity API Reference, GetCredentialsForIdentity: "Credentials"). */
const CREDENTIALS_VALIDITY_MS = 60 * 60 * 1000;

const error = (type: string, message: string) => new CognitoError(type, message);

/**
 * Cognito Identity's errors. NotAuthorizedException texts are those Cognito Identity is seen to
 * return in SDK issues (aws/aws-sdk-js-v3#3113, amazon-cognito-identity-js#40, #91, #153,
 * aws-amplify/amplify-js#2443); the ResourceNotFoundException and expiry texts are unverified.
 */
export const identityErrors = {
  unknownIdentityPool: (id: string) => error('ResourceNotFoundException', `IdentityPool '${id}' not found.`),
  unknownIdentity: (id: string) => error('ResourceNotFoundException', `Identity '${id}' not found.`),
  unauthenticatedNotSupported: () =>
    error('NotAuthorizedException', 'Unauthenticated access is not supported for this identity pool.'),
  unsupportedProvider: () => error('NotAuthorizedException', 'Token is not from a supported provider of this identity pool.'),
  issuerMismatch: () => error('NotAuthorizedException', "Invalid login token. Issuer doesn't match providerName"),
  unverifiableToken: () => error('NotAuthorizedException', "Invalid login token. Couldn't verify signed token."),
  expiredToken: () => error('NotAuthorizedException', 'Invalid login token. Token expired.'),
  notAnIdToken: () => error('NotAuthorizedException', 'Invalid login token. Missing a required claim: aud'),
  /** The server-side token check's refusal: the reference says "400 Not Authorized"; this wording is unverified. */
  signedOutOrDeleted: () => error('NotAuthorizedException', 'Invalid login token. The user has been signed out or deleted.'),
  loginsMismatch: () =>
    error(
      'NotAuthorizedException',
      "Logins don't match. Please include at least one valid login for this identity or identity pool.",
    ),
  noAuthenticatedRole: () =>
    error(
      'InvalidIdentityPoolConfigurationException',
      'Invalid identity pool configuration. Check assigned IAM roles for this pool.',
    ),
  invalidLogins: () => error('InvalidParameterException', 'Logins must be a map of provider name to token.'),
};

type Dependencies = Pick<TwinContext, 'settings' | 'tokens' | 'state' | 'now'> & { identityPool: IdentityPoolSettings };

/**
 * The user a Logins map speaks for: one entry, keyed by a provider of the identity pool, holding an
 * id token this twin signed (its own key set and issuer, whatever they are), for that provider's
 * app client, not expired. With the provider's ServerSideTokenCheck on, the user pool is asked too:
 * "that identity pool will check with the integrated user pools to make sure that the user has not
 * been globally signed out or deleted before the identity pool provides an OIDC token or AWS
 * credentials for the user. If the user is signed out or deleted, the identity pool will return a
 * 400 Not Authorized error" (Cognito Identity API Reference, CognitoIdentityProvider,
 * https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_CognitoIdentityProvider.html).
 * The twin refuses a token whose user is gone or whose sign-in has been revoked: by GlobalSignOut, as
 * documented, and by RevokeToken of its refresh token, which the reference does not mention
 * (unverified; the twin cannot tell the two apart, and AWS staff on re:Post say RevokeToken revokes
 * that sign-in's id tokens too).
 */
export async function userOfLogins(context: Dependencies, logins: unknown): Promise<{ sub: string; providerName: string }> {
  if (logins === undefined || logins === null) throw identityErrors.unauthenticatedNotSupported();
  if (typeof logins !== 'object' || Array.isArray(logins)) throw identityErrors.invalidLogins();
  const entries = Object.entries(logins as Record<string, unknown>);
  if (entries.length === 0) throw identityErrors.unauthenticatedNotSupported();
  const [providerName, token] = entries[0];
  if (typeof token !== 'string') throw identityErrors.invalidLogins();
  const providers = context.identityPool.providers.filter((p) => p.providerName === providerName);
  if (providers.length === 0) throw identityErrors.unsupportedProvider();
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, createLocalJWKSet(context.tokens.jwks() as never), {
      algorithms: ['RS256'],
      currentDate: new Date(context.now()),
    }));
  } catch (failure) {
    throw failure instanceof joseErrors.JWTExpired ? identityErrors.expiredToken() : identityErrors.unverifiableToken();
  }
  if (payload.iss !== context.tokens.issuer || !providerName.endsWith(`/${context.settings.poolId}`))
    throw identityErrors.issuerMismatch();
  if (payload.token_use !== 'id') throw identityErrors.notAnIdToken();
  const provider = providers.find((p) => p.clientId === payload.aud);
  if (!provider) throw identityErrors.unsupportedProvider();
  if (provider.serverSideTokenCheck) {
    const session = context.state.findSession(String(payload.origin_jti));
    if (!context.state.findUserBySub(String(payload.sub)) || !session || session.revoked)
      throw identityErrors.signedOutOrDeleted();
  }
  return { sub: String(payload.sub), providerName };
}

export function newIdentity(identityPoolId: string, user: { sub: string; providerName: string }, now: number): IdentityRecord {
  const region = identityPoolId.split(':')[0];
  return { identityId: `${region}:${randomUUID()}`, identityPoolId, ...user, createdAt: now };
}

/**
 * STS-shaped temporary credentials: an `ASIA` access key id of 20 characters, a 40-character
 * secret, a long opaque session token. The twin keeps the secret (the gateway recomputes
 * signatures with it) but only the session token's SHA-256.
 */
export function issueCredentials(
  identity: IdentityRecord,
  roleArn: string,
  now: number,
): { record: CredentialsRecord; sessionToken: string } {
  const base32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const accessKeyId = `ASIA${[...randomBytes(16)].map((byte) => base32[byte % 32]).join('')}`;
  const sessionToken = randomBytes(256).toString('base64');
  return {
    sessionToken,
    record: {
      accessKeyId,
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionTokenSha256: sessionTokenSha256(sessionToken),
      identityId: identity.identityId,
      roleArn,
      expiresAt: now + CREDENTIALS_VALIDITY_MS,
    },
  };
}

function sessionTokenSha256(sessionToken: string): string {
  return createHash('sha256').update(sessionToken).digest('hex');
}

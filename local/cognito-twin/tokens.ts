import { randomUUID } from 'node:crypto';
import { type JWTPayload, errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { errors } from './errors';
import type { SessionRecord, UserRecord } from './pool-state';
import type { GroupSettings } from './settings';
import type { SigningKey, SigningKeys } from './signing-key';

/** The scope of every access token of a user pool sign-in: it authorizes the self-service operations. */
export const USER_ADMIN_SCOPE = 'aws.cognito.signin.user.admin';

interface AccessTokenClaims extends JWTPayload {
  sub: string;
  client_id: string;
  origin_jti: string;
  token_use: 'access';
  username: string;
}

/**
 * Mints and checks the id and access tokens, with the claims Cognito puts in them (developer
 * guide, "Understanding the identity (ID) token" and "Understanding the access token"), signed
 * RS256 with the pool's id-token or access-token key and its `kid` in the header, so verifiers pick
 * the key from the JWKS.
 */
export class TokenIssuer {
  constructor(
    private readonly keys: SigningKeys,
    readonly issuer: string,
    private readonly now: () => number,
    private readonly groups: readonly GroupSettings[] = [],
  ) {}

  /** The body of `/.well-known/jwks.json`. */
  jwks(): { keys: object[] } {
    return { keys: [this.keys.idToken.publicJwk, this.keys.accessToken.publicJwk] };
  }

  /**
   * `readable` is the user's attributes the session's app client may read (attributes.ts): "Your
   * user's ID token from an app only contains claims that correspond to the readable attributes"
   * (Developer Guide, "Working with user attributes"). Each is a string claim, as a custom
   * attribute's always is ("A custom attribute value in your user's ID token is always a string",
   * AWS::Cognito::UserPool SchemaAttribute); email_verified is a boolean, as Cognito writes it.
   * `customize` is the pre token generation trigger's step (pre-token-generation.ts), applied last.
   */
  mintIdToken(
    user: UserRecord,
    session: SessionRecord,
    validityMinutes: number,
    readable: Record<string, string>,
    customize: (claims: JWTPayload) => JWTPayload = (claims) => claims,
  ): Promise<string> {
    const { sub: _sub, email_verified, ...attributes } = readable;
    return this.sign(
      customize({
        ...(email_verified === undefined ? {} : { email_verified: email_verified === 'true' }),
        'cognito:username': user.sub,
        aud: session.clientId,
        token_use: 'id',
        ...attributes,
        ...this.groupsClaim(user),
      }),
      user,
      session,
      validityMinutes,
      this.keys.idToken,
    );
  }

  mintAccessToken(
    user: UserRecord,
    session: SessionRecord,
    validityMinutes: number,
    customize: (claims: JWTPayload) => JWTPayload = (claims) => claims,
  ): Promise<string> {
    return this.sign(
      customize({
        client_id: session.clientId,
        token_use: 'access',
        scope: USER_ADMIN_SCOPE,
        username: user.sub,
        ...this.groupsClaim(user),
      }),
      user,
      session,
      validityMinutes,
      this.keys.accessToken,
    );
  }

  /**
   * `cognito:groups`, in the id and the access token alike, "a list of the names of user pool groups
   * that have your user as a member", and no claim at all for a user of no group (Developer Guide,
   * "Understanding the identity (ID) token" and "Understanding the access token":
   * https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-id-token.html).
   * Read from the user at every mint, so a refresh carries a membership changed since sign-in. The
   * order Cognito lists them in is not documented: here highest precedence first (unverified). A
   * group no longer in the template is no longer a group (Cognito deletes a group's memberships with it).
   */
  private groupsClaim(user: UserRecord): { 'cognito:groups'?: string[] } {
    const groups = this.groupsOf(user);
    return groups.length > 0 ? { 'cognito:groups': groups } : {};
  }

  /** The user's groups as `cognito:groups` lists them; also the pre token generation event's groupsToOverride. */
  groupsOf(user: UserRecord): string[] {
    const member = new Set(user.groups ?? []);
    return this.groups.filter((group) => member.has(group.groupName)).map((group) => group.groupName);
  }

  /** Checks signature, issuer, expiry and token use; revocation is the pool's business. */
  async verifyAccessToken(token: string): Promise<AccessTokenClaims> {
    const { payload } = await this.verify(token, this.keys.accessToken).catch((error: unknown) => {
      throw error instanceof joseErrors.JWTExpired ? errors.accessTokenExpired() : errors.invalidAccessToken();
    });
    if (payload.token_use !== 'access') throw errors.invalidAccessToken();
    return payload as AccessTokenClaims;
  }

  /** True for any id or access token this pool signed, expired or not. */
  async isOwnToken(token: string): Promise<boolean> {
    const signedWith = (key: SigningKey) =>
      this.verify(token, key).then(
        () => true,
        (error: unknown) => error instanceof joseErrors.JWTExpired,
      );
    return (await signedWith(this.keys.idToken)) || signedWith(this.keys.accessToken);
  }

  private async sign(
    claims: JWTPayload,
    user: UserRecord,
    session: SessionRecord,
    validityMinutes: number,
    key: SigningKey,
  ): Promise<string> {
    const issuedAt = Math.floor(this.now() / 1000);
    return new SignJWT({ ...claims, origin_jti: session.originJti, event_id: session.eventId, auth_time: session.authTime })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid })
      .setSubject(user.sub)
      .setIssuer(this.issuer)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + validityMinutes * 60)
      .setJti(randomUUID())
      .sign(key.privateKey);
  }

  private verify(token: string, key: SigningKey) {
    return jwtVerify(token, key.publicKey, {
      issuer: this.issuer,
      algorithms: ['RS256'],
      currentDate: new Date(this.now()),
    });
  }
}

import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose';

export interface AuthorizerSettings {
  /** The pool's issuer, Cognito's `https://cognito-idp.<region>.amazonaws.com/<poolId>`. */
  readonly issuer: string;
  /** Where the twin serves the pool's keys; in local mode not under the issuer, which is AWS's. */
  readonly jwksUri: string;
  /** The app clients of the pool: an id token's `aud` must be one of them. */
  readonly clientIds: readonly string[];
  /** Local mode's clock, which a token's `exp` is checked against. @default Date.now */
  readonly now?: () => number;
}

export type Verdict = { ok: true; claims: Record<string, string> } | { ok: false; reason: string };

/**
 * The Cognito user pools authorizer as API Gateway applies it to a REST API method: the token from
 * the identity source header, bare or after "Bearer "; an RS256 signature by a key of the pool's
 * JWKS; the pool as issuer; not expired; an id token when the method names no OAuth scopes, an
 * access token carrying one of them when it does. The claims reach the handler as strings.
 */
export class CognitoAuthorizer {
  // jose caches the key set and refetches it when a token names an unknown kid.
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;

  constructor(private readonly settings: AuthorizerSettings) {
    this.jwks = createRemoteJWKSet(new URL(settings.jwksUri));
  }

  async authorize(headerValue: string | undefined, scopes: readonly string[]): Promise<Verdict> {
    const token = headerValue?.replace(/^Bearer\s+/i, '').trim();
    if (!token) return { ok: false, reason: 'no token' };
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.jwks, {
        issuer: this.settings.issuer,
        algorithms: ['RS256'],
        currentDate: new Date((this.settings.now ?? Date.now)()),
      }));
    } catch (error) {
      return { ok: false, reason: (error as Error).message };
    }
    if (scopes.length === 0) {
      if (payload.token_use !== 'id') return { ok: false, reason: 'not an id token' };
      if (!this.settings.clientIds.includes(String(payload.aud)))
        return { ok: false, reason: 'audience is not a client of the pool' };
    } else {
      const granted = String(payload.scope ?? '').split(' ');
      if (payload.token_use !== 'access' || !scopes.some((s) => granted.includes(s)))
        return { ok: false, reason: 'scope not granted' };
    }
    return {
      ok: true,
      claims: Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, typeof v === 'string' ? v : claimString(v)])),
    };
  }
}

/** API Gateway hands every claim over as a string: `"email_verified": "true"`. */
function claimString(value: unknown): string {
  return Array.isArray(value) ? value.join(' ') : String(value);
}

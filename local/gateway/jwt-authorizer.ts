import { createRemoteJWKSet, decodeJwt, type JWTPayload, jwtVerify } from 'jose';

export interface JwtAuthorizerSettings {
  /** The issuer the template's authorizer names (`https://cognito-idp.<region>.amazonaws.com/<poolId>`). */
  readonly issuer: string;
  /** The audiences it accepts: a token's `aud`, or its `client_id` when it has no `aud`, must be one. */
  readonly audience: readonly string[];
  /** Where the twin serves the pool's keys (on AWS: the issuer's `/.well-known/jwks.json`). */
  readonly jwksUri: string;
  /** Local mode's clock. @default Date.now */
  readonly now?: () => number;
}

/** What the JWT authorizer hands the function in payload 2.0: the claims as strings, and the token's scopes. */
export interface JwtContext {
  readonly claims: Record<string, string>;
  readonly scopes: string[] | null;
}

/** A refusal: the status, and the `www-authenticate` header API Gateway sends with it (none: it sends none). */
export type JwtVerdict =
  | { ok: true; jwt: JwtContext }
  | { ok: false; status: 401 | 403; wwwAuthenticate?: string; reason: string };

/**
 * An HTTP API's JWT authorizer, as the API Gateway developer guide lists its checks
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html): the
 * token from the identity source, bare or after `Bearer `; its signature by a key of the issuer's
 * JWKS (`kid`, RS256); `iss` the configured issuer; `aud`, or `client_id` only when there is no
 * `aud`, one of the audiences; `exp` after now, `nbf` and `iat` before; and when the route has
 * scopes, `scope` (or `scp`) holding at least one of them.
 *
 * A refusal is `401 {"message":"Unauthorized"}` with `www-authenticate: Bearer scope="…"
 * error="invalid_token" error_description="…"`, the shape the troubleshooting guide shows for a bad
 * audience (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-jwt.html);
 * the other descriptions are ours (unverified). Not documented, and chosen here (unverified): no
 * token at all is a 401 without the header (the authorizer never ran), and a valid token lacking
 * the route's scope is `403 {"message":"Forbidden"}` with error="insufficient_scope", as RFC 6750
 * §3.1 asks of a resource server.
 */
export class JwtAuthorizer {
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;

  constructor(private readonly settings: JwtAuthorizerSettings) {
    this.jwks = createRemoteJWKSet(new URL(settings.jwksUri));
  }

  async authorize(headerValue: string | undefined, scopes: readonly string[]): Promise<JwtVerdict> {
    const token = headerValue?.replace(/^Bearer\s+/i, '').trim();
    if (!token) return { ok: false, status: 401, reason: 'no token' };
    const invalid = (description: string): JwtVerdict => ({
      ok: false,
      status: 401,
      reason: description,
      wwwAuthenticate: `Bearer scope="${scopes.join(' ')}" error="invalid_token" error_description="${description}"`,
    });
    try {
      decodeJwt(token);
    } catch {
      return invalid('the token is not a valid JWT');
    }

    const now = (this.settings.now ?? Date.now)();
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.jwks, { algorithms: ['RS256'], currentDate: new Date(now) }));
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ERR_JWT_EXPIRED') return invalid('the token has expired');
      if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') return invalid('the token is not valid yet');
      return invalid('signing method RS256 is invalid or the signature does not match');
    }
    if (payload.iss !== this.settings.issuer) return invalid('the token does not have a valid issuer');
    const audience = payload.aud !== undefined ? [payload.aud].flat() : [payload.client_id];
    if (!audience.some((aud) => typeof aud === 'string' && this.settings.audience.includes(aud)))
      return invalid('the token does not have a valid audience');
    if (typeof payload.iat === 'number' && payload.iat * 1000 > now) return invalid('the token was issued in the future');

    const granted = String(payload.scope ?? payload.scp ?? '')
      .split(' ')
      .filter(Boolean);
    if (scopes.length > 0 && !scopes.some((scope) => granted.includes(scope))) {
      return {
        ok: false,
        status: 403,
        reason: 'scope not granted',
        wwwAuthenticate: `Bearer scope="${scopes.join(' ')}" error="insufficient_scope" error_description="the token does not have the required scope"`,
      };
    }
    return { ok: true, jwt: { claims: stringClaims(payload), scopes: scopes.length > 0 ? granted : null } };
  }
}

/**
 * Payload 2.0 hands every claim over as a string: a number as its digits, a list as `[a b]` (the
 * form the reports show for `cognito:groups`; unverified), anything else as JSON would write it.
 */
function stringClaims(payload: JWTPayload): Record<string, string> {
  const asString = (value: unknown): string =>
    typeof value === 'string'
      ? value
      : Array.isArray(value)
        ? `[${value.map(asString).join(' ')}]`
        : typeof value === 'object' && value !== null
          ? JSON.stringify(value)
          : String(value);
  return Object.fromEntries(Object.entries(payload).map(([name, value]) => [name, asString(value)]));
}

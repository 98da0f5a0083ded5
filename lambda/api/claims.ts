import { ApiError } from '../../contract/errors';
import { isV2, type ProxyEvent } from './event';

type Claims = Record<string, string> & { sub: string };

/**
 * The caller's token claims, as the gateway's authorizer verified and handed them over, every value
 * a string: the REST API's Cognito authorizer in `authorizer.claims`, the HTTP API's JWT authorizer
 * in `authorizer.jwt.claims`. A route behind the authorizer always has them; without them it
 * refuses rather than trusting the request.
 *
 * An id-token route takes an id token only, and an access-token route an access token. The REST
 * API's authorizer holds a route to its kind (no scopes: an id token; scopes: an access token); an
 * HTTP API's JWT authorizer cannot tell an id token from an access token of the same client ("There
 * is no standard mechanism to differentiate", the guide:
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html), so
 * `token_use`, a claim Cognito signs into both, is checked here for either flavor.
 */
export function signedInClaims(event: ProxyEvent, tokenUse: 'id' | 'access' = 'id'): Claims {
  const claims = isV2(event)
    ? stringClaims(event.requestContext.authorizer?.jwt?.claims)
    : (event.requestContext.authorizer?.claims as Record<string, string> | undefined);
  if (!claims?.sub || claims.token_use !== tokenUse)
    throw new ApiError('Unauthorized', `A valid ${tokenUse === 'id' ? 'id' : 'access'} token is required.`);
  return claims as Claims;
}

/**
 * Payload 2.0's claims as strings, as payload 1.0 has them: AWS writes them so already (a number
 * `"1700000000"`, a list `"[a b]"`); a value that is not a string is written the same way rather than
 * trusted to a shape.
 */
function stringClaims(claims: Readonly<Record<string, unknown>> | undefined): Record<string, string> | undefined {
  if (!claims) return undefined;
  return Object.fromEntries(
    Object.entries(claims).map(([name, value]) => [name, Array.isArray(value) ? `[${value.join(' ')}]` : String(value)]),
  );
}

/**
 * A list-valued claim (`cognito:groups`) read from its string: the HTTP API writes a list `[a b]`
 * (the issue's and the reports' form, unverified on AWS), local mode's REST authorizer the values
 * joined by spaces. A group name has no whitespace (CreateGroup's GroupName pattern,
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateGroup.html),
 * so splitting on it gives the list back.
 */
export function claimList(value: string | undefined): string[] {
  if (!value) return [];
  const inner = /^\[(.*)\]$/s.exec(value.trim())?.[1] ?? value;
  return inner.split(/\s+/).filter(Boolean);
}

/**
 * The caller is a member of `group`, by the `cognito:groups` claim of the access token API Gateway's
 * authorizer verified; else 403 Forbidden. Checked in the handler wrapper, for every route whose
 * request names a group (contract/requests.ts), in every deployment. Where access tokens carry group
 * scopes (-c rolesClaim=true on the Essentials or Plus plan), the authorizer has already refused a
 * non-member through the row's `group/<name>` scope (contract/routes.ts `groupEnforcementOf`); where
 * they do not (the Lite plan, or no trigger), API Gateway cannot: its Cognito authorizer checks a
 * token's validity and, at most, an OAuth scope, and a USER_PASSWORD_AUTH token's only scope is then
 * aws.cognito.signin.user.admin
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-enable-cognito-user-pool.html).
 * The authorizer hands every claim over as a string; how it writes a list (comma- or
 * space-separated, bracketed) is undocumented, so any of those is read (unverified). Group names
 * hold none of those characters (lib/config.ts).
 */
export function requireGroup(event: ProxyEvent, group: string): void {
  const { 'cognito:groups': listed = '' } = signedInClaims(event, 'access');
  const groups = listed.replace(/^\[|\]$/g, '').split(/[\s,]+/);
  if (!groups.includes(group)) throw new ApiError('Forbidden', `This route is for members of the group ${group}.`);
}

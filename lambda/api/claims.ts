import type { APIGatewayProxyEvent } from 'aws-lambda';
import { ApiError } from '../../contract/errors';

/**
 * The caller's id token claims, as the Cognito authorizer verified and handed them over (every
 * value a string). A route behind the authorizer always has them; without them it refuses rather
 * than trusting the request.
 */
export function signedInClaims(event: APIGatewayProxyEvent): Record<string, string> & { sub: string } {
  const claims = event.requestContext.authorizer?.claims as Record<string, string> | undefined;
  if (!claims?.sub) throw new ApiError('Unauthorized', 'A valid id token is required.');
  return claims as Record<string, string> & { sub: string };
}

/**
 * The caller is a member of `group`, by the `cognito:groups` claim of the id token API Gateway's
 * Cognito authorizer verified; else 403 Forbidden. Checked in the handler wrapper, for every route
 * whose request names a group (contract/requests.ts), because API Gateway cannot: its Cognito
 * authorizer checks a token's validity and, at most, an OAuth scope, and the scopes a group could
 * map to come from a resource server through Cognito's OAuth flows, which this API's app client does
 * not use (USER_PASSWORD_AUTH tokens carry only aws.cognito.signin.user.admin)
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-enable-cognito-user-pool.html);
 * a Lambda authorizer would be one more function on every admin call to read the same claim.
 * The authorizer hands every claim over as a string; how it writes a list (comma- or
 * space-separated, bracketed) is undocumented, so any of those is read (unverified). Group names
 * hold none of those characters (lib/config.ts).
 */
export function requireGroup(event: APIGatewayProxyEvent, group: string): void {
  const { 'cognito:groups': listed = '' } = signedInClaims(event);
  const groups = listed.replace(/^\[|\]$/g, '').split(/[\s,]+/);
  if (!groups.includes(group)) throw new ApiError('Forbidden', `This route is for members of the group ${group}.`);
}

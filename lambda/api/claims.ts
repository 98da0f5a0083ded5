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

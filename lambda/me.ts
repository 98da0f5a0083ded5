import { ApiError } from './api/errors';
import { httpHandler } from './api/handler';

/**
 * The caller, from the id token the Cognito authorizer verified: no call to Cognito. API Gateway
 * hands every claim over as a string, so `email_verified` arrives as "true" or "false".
 */
export const handler = httpHandler(async (event) => {
  const claims = event.requestContext.authorizer?.claims as Record<string, string> | undefined;
  if (!claims?.sub) throw new ApiError('Unauthorized', 'A valid id token is required.');
  return { status: 200, body: { sub: claims.sub, email: claims.email, emailVerified: claims.email_verified === 'true' } };
});

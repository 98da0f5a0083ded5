import { ApiError } from './api/errors';
import { httpHandler } from './api/handler';

/**
 * Behind the Cognito authorizer: API Gateway has verified the id token's signature, issuer and
 * expiry before this runs, and hands over its claims (every value a string).
 */
export const handler = httpHandler(async (event) => {
  const claims = event.requestContext.authorizer?.claims as Record<string, string> | undefined;
  if (!claims?.sub) throw new ApiError('Unauthorized', 'A valid id token is required.');
  return {
    status: 200,
    body: { message: 'Hello from a route only signed-in users reach.', user: { sub: claims.sub, email: claims.email } },
  };
});

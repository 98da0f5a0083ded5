import { signedInClaims } from './api/claims';
import { httpHandler } from './api/handler';

/**
 * Behind the Cognito authorizer: API Gateway has verified the id token's signature, issuer and
 * expiry before this runs.
 */
export const handler = httpHandler<'secret'>('secret', async ({ event }) => {
  const { sub, email } = signedInClaims(event);
  return { status: 200, body: { message: 'Hello from a route only signed-in users reach.', user: { sub, email } } };
});

import { signedInClaims } from './api/claims';
import { httpHandler } from './api/handler';

/** The caller, from the id token the Cognito authorizer verified: no call to Cognito. */
export const handler = httpHandler<'me'>('me', async ({ event }) => {
  const claims = signedInClaims(event);
  return { status: 200, body: { sub: claims.sub, email: claims.email, emailVerified: claims.email_verified === 'true' } };
});

import { httpHandler } from './api/handler';
import { signedCaller } from './api/signed-caller';

/**
 * Behind AWS_IAM authorization: API Gateway has checked the request's SigV4 signature and that the
 * signer's role may invoke GET /private before this runs.
 */
export const handler = httpHandler<'private'>('private', async ({ event }) => {
  const { identityId, sub } = signedCaller(event);
  return { status: 200, body: { message: 'Hello from a route only signed requests reach.', identityId, user: { sub } } };
});

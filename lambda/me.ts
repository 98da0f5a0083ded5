import { signedInClaims } from './api/claims';
import { httpHandler } from './api/handler';
import { meOf } from './api/profile';

/** The caller and its profile, from the id token the Cognito authorizer verified: no call to Cognito. */
export const handler = httpHandler<'me'>('me', async ({ event }) => ({ status: 200, body: meOf(signedInClaims(event)) }));

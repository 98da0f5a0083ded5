import { getNoteRequest } from '../contract/requests';
import { signedInClaims } from './api/claims';
import { httpHandler } from './api/handler';

/**
 * GET /notes/{id}, the example of docs/add-a-route.md: the wrapper has already refused an id the
 * row's schema does not take (400) and API Gateway a caller without an id token (401); what is
 * left is the route's own work, here a fixed note for the id and who asked.
 */
export const handler = httpHandler<'get-note'>(getNoteRequest, async ({ params, event }) => {
  const { sub } = signedInClaims(event);
  return { status: 200, body: { id: params.id, text: `Note ${params.id}: replace me with your own data.`, owner: sub } };
});

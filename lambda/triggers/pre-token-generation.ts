import type { PreTokenGenerationTriggerEvent, PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { groupScope } from '../../contract/scopes';

/**
 * Pre token generation: the app's own claims, so that a backend reads them from the token without
 * a lookup. The one documented place to add a claim (docs/triggers.md). Today: `roles`, the user's
 * groups. Cognito sends V1_0 events (id token only) or V2_0 (id and access token, scopes) as the
 * pool's PreTokenGenerationConfig says; the stack tells this function which in TOKEN_EVENT_VERSION.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html
 */
type Event = PreTokenGenerationTriggerEvent | PreTokenGenerationV2TriggerEvent;

export const handler = async (event: Event): Promise<Event> => {
  const roles = event.request.groupConfiguration.groupsToOverride ?? [];
  if (process.env.TOKEN_EVENT_VERSION === 'V2_0') {
    // @types/aws-lambda types every claim value as a string; V2_0 also takes arrays and JSON (the guide's "Event versions").
    (event as { response: object }).response = { claimsAndScopeOverrideDetails: v2Claims(roles) };
  } else {
    // V1_0 claim values are strings: the roles, comma-separated.
    (event as PreTokenGenerationTriggerEvent).response = {
      claimsOverrideDetails: { claimsToAddOrOverride: { roles: roles.join(',') } },
    };
  }
  console.info({ trigger: event.triggerSource, decision: 'roles claim', roles });
  return event;
};

/**
 * V2_0: `roles` as a JSON array in both tokens, and a `group/<name>` scope per group in the access
 * token, which the group's routes' authorizers require (contract/routes.ts authorizationScopesOf).
 */
function v2Claims(roles: readonly string[]) {
  return {
    idTokenGeneration: { claimsToAddOrOverride: { roles: [...roles] } },
    accessTokenGeneration: { claimsToAddOrOverride: { roles: [...roles] }, scopesToAdd: roles.map(groupScope) },
  };
}

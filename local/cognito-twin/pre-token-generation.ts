import type { JWTPayload } from 'jose';
import { z } from 'zod';
import type { UserRecord } from './pool-state';
import type { PoolSettings } from './settings';
import { commonParameters, type InvokeFunction, runTrigger, userAttributesOf } from './triggers';

/**
 * The pre token generation trigger: one step of token issuance (sessions.ts, mintTokens), kept
 * apart from the claims Cognito itself writes (tokens.ts). Event and response shapes as the
 * Developer Guide's "Pre token generation Lambda trigger" page gives them, V1_0 (id token) and V2_0
 * (id and access token, scopes): https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html
 */

/** The triggerSource values of the flows the twin implements. */
export type TokenGenerationSource = 'TokenGeneration_Authentication' | 'TokenGeneration_RefreshTokens';

/** What the trigger changes, applied to the claims by `customizeClaims`. */
export interface TokenCustomization {
  idToken: ClaimChanges;
  accessToken: ClaimChanges & { scopesToAdd: string[]; scopesToSuppress: string[] };
  /** groupOverrideDetails.groupsToOverride: the `cognito:groups` of both tokens. */
  groups?: string[];
}

interface ClaimChanges {
  add: Record<string, unknown>;
  suppress: string[];
}

/**
 * Claims Cognito keeps out of the trigger's reach: the token's identity, lifetime and session.
 * The guide has such a list; this one is the twin's reading of it and is unverified, as is the
 * twin's choice to ignore an attempt to change one rather than fail the sign-in.
 */
const PROTECTED_CLAIMS = new Set([
  'acr',
  'amr',
  'aud',
  'at_hash',
  'auth_time',
  'azp',
  'c_hash',
  'client_id',
  'cognito:username',
  'event_id',
  'exp',
  'iat',
  'identities',
  'iss',
  'jti',
  'nbf',
  'nonce',
  'origin_jti',
  'scope',
  'sub',
  'token_use',
  'username',
]);

const strings = z.array(z.string()).nullish();
const groupOverrideDetails = z
  .object({ groupsToOverride: strings, iamRolesToOverride: strings, preferredRole: z.string().nullish() })
  .nullish();
/** V1_0 claim values are strings; V2_0 takes strings, numbers, booleans, arrays and JSON objects. */
const v1Response = z
  .object({
    claimsOverrideDetails: z
      .object({
        claimsToAddOrOverride: z.record(z.string(), z.string()).nullish(),
        claimsToSuppress: strings,
        groupOverrideDetails,
      })
      .nullish(),
  })
  .nullish();
const json: z.ZodType<unknown> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.array(json), z.record(z.string(), json)]),
);
const tokenGeneration = z
  .object({
    claimsToAddOrOverride: z.record(z.string(), json).nullish(),
    claimsToSuppress: strings,
    scopesToAdd: strings,
    scopesToSuppress: strings,
  })
  .nullish();
const v2Response = z
  .object({
    claimsAndScopeOverrideDetails: z
      .object({ idTokenGeneration: tokenGeneration, accessTokenGeneration: tokenGeneration, groupOverrideDetails })
      .nullish(),
  })
  .nullish();

/**
 * Runs the pool's pre token generation trigger, if it has one, for tokens about to be minted for
 * `user`; undefined without a trigger. `groups` and `scopes` are what the tokens would carry.
 */
export async function preTokenGeneration(
  context: { settings: PoolSettings; invokeFunction: InvokeFunction; log(line: string): void },
  triggerSource: TokenGenerationSource,
  user: UserRecord,
  clientId: string,
  claimsBefore: { groups: string[]; scopes: string[] },
): Promise<TokenCustomization | undefined> {
  const trigger = context.settings.lambdaTriggers.preTokenGeneration;
  if (!trigger) return undefined;
  const v2 = trigger.version === 'V2_0';
  const request = {
    userAttributes: userAttributesOf(user),
    groupConfiguration: { groupsToOverride: claimsBefore.groups, iamRolesToOverride: [], preferredRole: null },
    ...(v2 ? { scopes: claimsBefore.scopes } : {}),
  };
  // The guide's V2_0 sample event has "version": "2" (unverified beyond the sample).
  const common = commonParameters(context.settings, triggerSource, user.sub, clientId, v2 ? '2' : '1');
  if (v2) {
    const event = { ...common, request, response: { claimsAndScopeOverrideDetails: null } };
    const details = (await runTrigger(context, 'PreTokenGeneration', trigger.functionId, event, v2Response))
      ?.claimsAndScopeOverrideDetails;
    return {
      idToken: changes(details?.idTokenGeneration),
      accessToken: {
        ...changes(details?.accessTokenGeneration),
        scopesToAdd: details?.accessTokenGeneration?.scopesToAdd ?? [],
        scopesToSuppress: details?.accessTokenGeneration?.scopesToSuppress ?? [],
      },
      groups: details?.groupOverrideDetails?.groupsToOverride ?? undefined,
    };
  }
  const event = { ...common, request, response: { claimsOverrideDetails: null } };
  const details = (await runTrigger(context, 'PreTokenGeneration', trigger.functionId, event, v1Response))?.claimsOverrideDetails;
  // V1_0 customizes the id token only ("With the Basic features of the version one ... you can customize the identity (ID) token").
  return {
    idToken: changes(details),
    accessToken: { add: {}, suppress: [], scopesToAdd: [], scopesToSuppress: [] },
    groups: details?.groupOverrideDetails?.groupsToOverride ?? undefined,
  };
}

function changes(
  details: { claimsToAddOrOverride?: Record<string, unknown> | null; claimsToSuppress?: string[] | null } | null | undefined,
): ClaimChanges {
  return { add: details?.claimsToAddOrOverride ?? {}, suppress: details?.claimsToSuppress ?? [] };
}

/**
 * The claims of one token after the trigger's changes: added or overridden, suppressed, groups
 * replaced (an empty list removes `cognito:groups`, as a user in no group has none), scopes added
 * and suppressed (access token). Protected claims stay as Cognito wrote them.
 */
export function customizeClaims(
  claims: JWTPayload,
  changes: ClaimChanges & { scopesToAdd?: string[]; scopesToSuppress?: string[] },
  groups: string[] | undefined,
): JWTPayload {
  const result: JWTPayload = { ...claims };
  if (groups !== undefined) {
    if (groups.length > 0) result['cognito:groups'] = groups;
    else delete result['cognito:groups'];
  }
  for (const [name, value] of Object.entries(changes.add)) if (!PROTECTED_CLAIMS.has(name)) result[name] = value;
  for (const name of changes.suppress) if (!PROTECTED_CLAIMS.has(name)) delete result[name];
  if (typeof result.scope === 'string' && (changes.scopesToAdd?.length || changes.scopesToSuppress?.length)) {
    const scopes = new Set([...result.scope.split(' '), ...(changes.scopesToAdd ?? [])]);
    for (const scope of changes.scopesToSuppress ?? []) scopes.delete(scope);
    result.scope = [...scopes].join(' ');
  }
  return result;
}

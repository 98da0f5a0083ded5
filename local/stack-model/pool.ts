import { createHash } from 'node:crypto';
import type { PoolSettings } from '../cognito-twin/settings';
import type { Resource, TemplateResources } from './template';

/**
 * The local stand-ins for the pool's, the clients' and the identity pool's ids, by logical id: stable across synths, so
 * that local state (users, tokens) survives a restart.
 */
export function localIdsOf(resources: TemplateResources, region: string): Record<string, string> {
  const [poolId] = resources.single('AWS::Cognito::UserPool');
  const ids: Record<string, string> = { [poolId]: localPoolId(region, poolId) };
  for (const [id] of resources.ofType('AWS::Cognito::UserPoolClient')) ids[id] = localClientId(id);
  for (const [id] of resources.ofType('AWS::Cognito::IdentityPool')) ids[id] = localIdentityPoolId(region, id);
  return ids;
}

/** The user pool and its app clients, with CloudFormation's and Cognito's defaults where the template is silent. */
export function readPool(resources: TemplateResources, region: string, localIds: Record<string, string>): PoolSettings {
  const [poolLogicalId, pool] = resources.single('AWS::Cognito::UserPool');
  const p = pool.Properties;
  const policy = p.Policies?.PasswordPolicy ?? {};
  return {
    poolId: localIds[poolLogicalId],
    region,
    usernameAttributes: p.UsernameAttributes ?? [],
    autoVerifiedAttributes: p.AutoVerifiedAttributes ?? [],
    attributesRequireVerificationBeforeUpdate: p.UserAttributeUpdateSettings?.AttributesRequireVerificationBeforeUpdate ?? [],
    caseSensitiveUsernames: p.UsernameConfiguration?.CaseSensitive ?? true,
    // CloudFormation's defaults when a field is omitted (AWS::Cognito::UserPool PasswordPolicy).
    passwordPolicy: {
      minimumLength: policy.MinimumLength ?? 8,
      requireLowercase: policy.RequireLowercase ?? false,
      requireUppercase: policy.RequireUppercase ?? false,
      requireNumbers: policy.RequireNumbers ?? false,
      requireSymbols: policy.RequireSymbols ?? false,
    },
    mfaConfiguration: p.MfaConfiguration ?? 'OFF',
    enabledMfas: p.EnabledMfas ?? [],
    // Absent: password only (AWS::Cognito::UserPool SignInPolicy); WebAuthnUserVerification's default is 'preferred'.
    allowedFirstAuthFactors: p.Policies?.SignInPolicy?.AllowedFirstAuthFactors ?? ['PASSWORD'],
    webAuthnRelyingPartyId: p.WebAuthnRelyingPartyID,
    webAuthnUserVerification: p.WebAuthnUserVerification === 'required' ? 'required' : 'preferred',
    clients: resources.ofType('AWS::Cognito::UserPoolClient').map(([id, client]) => clientSettings(localIds[id], client)),
  };
}

function clientSettings(clientId: string, { Properties: c }: Resource): PoolSettings['clients'][number] {
  const units = c.TokenValidityUnits ?? {};
  return {
    clientId,
    explicitAuthFlows: c.ExplicitAuthFlows ?? [],
    preventUserExistenceErrors: c.PreventUserExistenceErrors === 'ENABLED',
    enableTokenRevocation: c.EnableTokenRevocation ?? true,
    // Cognito's defaults: id and access tokens 60 minutes, refresh tokens 30 days.
    idTokenValidityMinutes: minutes(c.IdTokenValidity ?? 60, units.IdToken ?? 'hours', c.IdTokenValidity === undefined),
    accessTokenValidityMinutes: minutes(
      c.AccessTokenValidity ?? 60,
      units.AccessToken ?? 'hours',
      c.AccessTokenValidity === undefined,
    ),
    refreshTokenValidityMinutes: minutes(
      c.RefreshTokenValidity ?? 30,
      units.RefreshToken ?? 'days',
      c.RefreshTokenValidity === undefined,
    ),
    // Minutes, 3 when absent (settings.ts cites the CDK's documented default).
    authSessionValidityMinutes: c.AuthSessionValidity ?? 3,
    // RetryGracePeriodSeconds is optional and its default undocumented: absent, the twin takes 0, no grace (unverified).
    refreshTokenRotation:
      c.RefreshTokenRotation?.Feature === 'ENABLED'
        ? { retryGracePeriodSeconds: c.RefreshTokenRotation.RetryGracePeriodSeconds ?? 0 }
        : undefined,
  };
}

function minutes(value: number, unit: string, isDefault: boolean): number {
  if (isDefault) return unit === 'days' ? value * 1440 : value;
  const factor: Record<string, number> = { seconds: 1 / 60, minutes: 1, hours: 60, days: 1440 };
  return value * (factor[unit] ?? 1);
}

/** A stable, Cognito-shaped pool id (`<region>_<9 characters>`) for a logical id. */
function localPoolId(region: string, logicalId: string): string {
  const digest = createHash('sha256').update(`pool:${logicalId}`).digest('base64');
  return `${region}_${digest.replace(/[^A-Za-z0-9]/g, '').slice(0, 9)}`;
}

/** A stable, Cognito-shaped app client id (26 lower-case letters and digits) for a logical id. */
function localClientId(logicalId: string): string {
  return BigInt(`0x${createHash('sha256').update(`client:${logicalId}`).digest('hex')}`)
    .toString(36)
    .slice(0, 26);
}

/** A stable, Cognito-shaped identity pool id (`<region>:<uuid>`) for a logical id. */
function localIdentityPoolId(region: string, logicalId: string): string {
  const hex = createHash('sha256').update(`identity-pool:${logicalId}`).digest('hex');
  return `${region}:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

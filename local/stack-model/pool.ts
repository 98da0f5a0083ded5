import { createHash } from 'node:crypto';
import { attributeSchemaOf, clientAttributesOf } from '../cognito-twin/attributes';
import type { LambdaTriggers, PoolSettings } from '../cognito-twin/settings';
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
    attributeSchema: attributeSchemaOf(p.Schema),
    groups: groupsOf(resources, poolLogicalId),
    // Absent, CloudFormation creates an Essentials pool (AWS::Cognito::UserPool UserPoolTier:
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-userpool.html).
    featurePlan: p.UserPoolTier ?? 'ESSENTIALS',
    lambdaTriggers: readLambdaConfig(p.LambdaConfig ?? {}),
    codeMessage: codeMessage(p),
  };
}

/**
 * The code email from VerificationMessageTemplate, or the older top-level EmailVerification*
 * properties. With neither, Cognito's own wording, as we have seen it sent (unverified: no AWS page
 * that we found quotes it).
 */
function codeMessage(p: Resource['Properties']): PoolSettings['codeMessage'] {
  const template = p.VerificationMessageTemplate ?? {};
  if (template.DefaultEmailOption === 'CONFIRM_WITH_LINK')
    throw new Error(
      'The Cognito twin sends codes, not links: VerificationMessageTemplate.DefaultEmailOption must be CONFIRM_WITH_CODE',
    );
  return {
    subject: template.EmailSubject ?? p.EmailVerificationSubject ?? 'Your verification code',
    body: template.EmailMessage ?? p.EmailVerificationMessage ?? 'Your verification code is {####}. ',
  };
}

/** The triggers the twin runs (triggers.ts); any other one in LambdaConfig is refused rather than silently skipped. */
const RUN_TRIGGERS = ['PreSignUp', 'PostConfirmation', 'PreTokenGeneration', 'PreTokenGenerationConfig'];

/**
 * LambdaConfig's functions, by logical id: CDK writes each as `Fn::GetAtt [<function>, Arn]`, and
 * PreTokenGenerationConfig as `{LambdaArn, LambdaVersion}`.
 */
function readLambdaConfig(config: Record<string, unknown>): LambdaTriggers {
  const unsupported = Object.keys(config).filter((key) => !RUN_TRIGGERS.includes(key));
  if (unsupported.length > 0) {
    throw new Error(
      `Local mode runs the ${RUN_TRIGGERS.join(', ')} triggers; the template also configures ${unsupported.join(', ')}`,
    );
  }
  const functionOf = (arn: unknown): string => {
    const getAtt = (arn as { 'Fn::GetAtt'?: [string, string] } | undefined)?.['Fn::GetAtt'];
    const [functionId, attribute] = getAtt ?? [];
    if (!functionId || attribute !== 'Arn') {
      throw new Error(`Local mode runs triggers of this template's functions only, not ${JSON.stringify(arn)}`);
    }
    return functionId;
  };
  const tokenConfig = config.PreTokenGenerationConfig as { LambdaArn: unknown; LambdaVersion?: string } | undefined;
  if (tokenConfig?.LambdaVersion === 'V3_0')
    throw new Error('Local mode runs V1_0 and V2_0 pre token generation events, not V3_0');
  return {
    preSignUp: config.PreSignUp === undefined ? undefined : functionOf(config.PreSignUp),
    postConfirmation: config.PostConfirmation === undefined ? undefined : functionOf(config.PostConfirmation),
    preTokenGeneration: tokenConfig
      ? { functionId: functionOf(tokenConfig.LambdaArn), version: tokenConfig.LambdaVersion === 'V2_0' ? 'V2_0' : 'V1_0' }
      : config.PreTokenGeneration === undefined
        ? undefined
        : { functionId: functionOf(config.PreTokenGeneration), version: 'V1_0' },
  };
}

/**
 * The pool's groups, highest precedence first: Precedence 0 is the highest, and a group without one
 * (null) comes after every group with one (AWS::Cognito::UserPoolGroup, Precedence). A group needs a
 * GroupName here: without one CloudFormation generates a name the twin cannot know.
 */
function groupsOf(resources: TemplateResources, poolLogicalId: string): PoolSettings['groups'] {
  const rank = (precedence: number | undefined) => precedence ?? Number.POSITIVE_INFINITY;
  return resources
    .ofType('AWS::Cognito::UserPoolGroup')
    .filter(([, group]) => group.Properties.UserPoolId?.Ref === poolLogicalId)
    .map(([id, { Properties: g }]) => {
      if (typeof g.GroupName !== 'string')
        throw new Error(`Local mode needs a GroupName on ${id}: CloudFormation would generate one`);
      return { groupName: g.GroupName, ...(g.Precedence === undefined ? {} : { precedence: Number(g.Precedence) }) };
    })
    .sort((a, b) => rank(a.precedence) - rank(b.precedence) || a.groupName.localeCompare(b.groupName));
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
    ...clientAttributesOf(c),
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

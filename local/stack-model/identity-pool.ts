import type { Resource, TemplateResources } from './template';

/** The account and API id local mode reports where AWS would name real ones (method ARNs, request context). */
export const LOCAL_ACCOUNT_ID = '000000000000';
export const LOCAL_API_ID = 'local';

/** One statement of an IAM policy document, its single values made lists. */
interface PolicyStatement {
  readonly effect: 'Allow' | 'Deny';
  readonly actions: string[];
  readonly resources: string[];
}

export interface RoleModel {
  readonly logicalId: string;
  /** `arn:aws:iam::<account>:role/<name>`, the name being the template's RoleName or the logical id. */
  readonly arn: string;
  /** Whether the trust policy lets this identity pool's authenticated identities assume it (see trustsAuthenticated). */
  readonly trustsAuthenticatedIdentities: boolean;
  /** The statements of its inline policies and of the AWS::IAM::Policy resources attached to it. */
  readonly statements: PolicyStatement[];
}

export interface IdentityPoolModel {
  /** A stable, Cognito-shaped stand-in (`<region>:<uuid>`) for the pool's id (pool.ts, localIdsOf). */
  readonly identityPoolId: string;
  readonly allowUnauthenticated: boolean;
  /**
   * The user pool app clients it accepts id tokens of (the Logins key is the provider name), and whether it asks the
   * user pool whether the user has signed out or been deleted (`ServerSideTokenCheck`, false when absent).
   */
  readonly providers: Array<{ providerName: string; clientId: string; serverSideTokenCheck: boolean }>;
  /** The role GetCredentialsForIdentity hands authenticated identities, when the role attachment names one. */
  readonly authenticatedRole?: RoleModel;
}

/**
 * The identity pool (AWS::Cognito::IdentityPool), the role its attachment gives authenticated
 * identities, and that role's policies; undefined when the template has no identity pool.
 */
export function readIdentityPool(
  resources: TemplateResources,
  region: string,
  localIds: Record<string, string>,
  stageName: string,
): IdentityPoolModel | undefined {
  const pools = resources.ofType('AWS::Cognito::IdentityPool');
  if (pools.length === 0) return undefined;
  const [poolLogicalId, pool] = resources.single('AWS::Cognito::IdentityPool');
  const identityPoolId = localIds[poolLogicalId];
  const resolve = valueResolver(resources, localIds, region, stageName);
  const attachment = resources
    .ofType('AWS::Cognito::IdentityPoolRoleAttachment')
    .find(([, a]) => a.Properties.IdentityPoolId?.Ref === poolLogicalId)?.[1];
  const roleLogicalId = attachment?.Properties.Roles?.authenticated?.['Fn::GetAtt']?.[0] as string | undefined;
  return {
    identityPoolId,
    allowUnauthenticated: pool.Properties.AllowUnauthenticatedIdentities === true,
    providers: (pool.Properties.CognitoIdentityProviders ?? []).map((p: Record<string, unknown>) => ({
      providerName: resolve(p.ProviderName),
      clientId: resolve(p.ClientId),
      serverSideTokenCheck: p.ServerSideTokenCheck === true,
    })),
    authenticatedRole: roleLogicalId ? readRole(resources, roleLogicalId, identityPoolId, resolve) : undefined,
  };
}

function readRole(
  resources: TemplateResources,
  logicalId: string,
  identityPoolId: string,
  resolve: (value: unknown) => string,
): RoleModel {
  const role = resources.all[logicalId];
  const attached = resources
    .ofType('AWS::IAM::Policy')
    .filter(([, p]) => (p.Properties.Roles ?? []).some((r: { Ref?: string }) => r.Ref === logicalId))
    .map(([, p]) => p.Properties.PolicyDocument);
  const inline = (role.Properties.Policies ?? []).map((p: { PolicyDocument: unknown }) => p.PolicyDocument);
  return {
    logicalId,
    arn: roleArn(role, logicalId),
    trustsAuthenticatedIdentities: trustsAuthenticated(role.Properties.AssumeRolePolicyDocument, identityPoolId, resolve),
    statements: [...attached, ...inline].flatMap((document) => statementsOf(document, resolve)),
  };
}

/**
 * The trust the Cognito developer guide prescribes for an authenticated role ("IAM roles", role
 * trust and permissions): the federated principal cognito-identity.amazonaws.com may call
 * sts:AssumeRoleWithWebIdentity when `aud` is this identity pool and `amr` includes "authenticated".
 * https://docs.aws.amazon.com/cognito/latest/developerguide/role-trust-and-permissions.html
 */
function trustsAuthenticated(document: unknown, identityPoolId: string, resolve: (value: unknown) => string): boolean {
  const statements = ((document as { Statement?: Record<string, unknown>[] })?.Statement ?? []).filter(
    (s) =>
      s.Effect === 'Allow' &&
      list(s.Action).includes('sts:AssumeRoleWithWebIdentity') &&
      list((s.Principal as { Federated?: unknown })?.Federated).includes('cognito-identity.amazonaws.com'),
  );
  return statements.some((s) => {
    const condition = (s.Condition ?? {}) as Record<string, Record<string, unknown>>;
    const audience = condition.StringEquals?.['cognito-identity.amazonaws.com:aud'];
    const amr = condition['ForAnyValue:StringLike']?.['cognito-identity.amazonaws.com:amr'];
    return audience !== undefined && resolve(audience) === identityPoolId && list(amr).includes('authenticated');
  });
}

function statementsOf(document: unknown, resolve: (value: unknown) => string): PolicyStatement[] {
  return ((document as { Statement?: Record<string, unknown>[] })?.Statement ?? []).map((s) => ({
    effect: s.Effect === 'Deny' ? 'Deny' : 'Allow',
    actions: list(s.Action).map(resolve),
    resources: list(s.Resource).map(resolve),
  }));
}

function list(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function roleArn(role: Resource, logicalId: string): string {
  return `arn:aws:iam::${LOCAL_ACCOUNT_ID}:role/${role.Properties.RoleName ?? logicalId}`;
}

/** Resolves the intrinsics a provider name, a trust condition, a policy resource or an authorizer's issuer holds, to their local stand-ins. */
export function valueResolver(resources: TemplateResources, localIds: Record<string, string>, region: string, stageName: string) {
  const pseudo: Record<string, string> = {
    'AWS::Partition': 'aws',
    'AWS::Region': region,
    'AWS::AccountId': LOCAL_ACCOUNT_ID,
    'AWS::URLSuffix': 'amazonaws.com',
  };
  const resolve = (value: unknown): string => {
    if (typeof value === 'string') return value;
    const intrinsic = value as { Ref?: string; 'Fn::GetAtt'?: [string, string]; 'Fn::Join'?: [string, unknown[]] };
    const ref = intrinsic?.Ref;
    if (ref !== undefined) {
      if (pseudo[ref]) return pseudo[ref];
      if (localIds[ref]) return localIds[ref];
      const type = resources.all[ref]?.Type;
      if (type === 'AWS::ApiGateway::RestApi' || type === 'AWS::ApiGatewayV2::Api') return LOCAL_API_ID;
      if (type === 'AWS::ApiGateway::Stage' || type === 'AWS::ApiGatewayV2::Stage') return stageName;
    }
    const [target, attribute] = intrinsic?.['Fn::GetAtt'] ?? ['', ''];
    if (attribute === 'ProviderName' && localIds[target]) return `cognito-idp.${region}.amazonaws.com/${localIds[target]}`;
    if (attribute === 'Arn' && resources.all[target]?.Type === 'AWS::IAM::Role') return roleArn(resources.all[target], target);
    if (intrinsic?.['Fn::Join']) return intrinsic['Fn::Join'][1].map(resolve).join(intrinsic['Fn::Join'][0]);
    throw new Error(`Local mode cannot resolve ${JSON.stringify(value)} in the identity pool or its role`);
  };
  return resolve;
}

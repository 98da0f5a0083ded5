import type { PolicyStatement } from '../iam/policy';
import { list, roleArn, roleStatements, valueResolver } from './roles';
import type { TemplateResources } from './template';

export { LOCAL_ACCOUNT_ID, LOCAL_API_ID } from './roles';

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
  return {
    logicalId,
    arn: roleArn(role, logicalId),
    trustsAuthenticatedIdentities: trustsAuthenticated(role.Properties.AssumeRolePolicyDocument, identityPoolId, resolve),
    statements: roleStatements(resources, logicalId, resolve),
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

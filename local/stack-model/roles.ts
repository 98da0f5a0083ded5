import type { PolicyStatement } from '../iam/policy';
import type { Resource, TemplateResources } from './template';

/** The account and API id local mode reports where AWS would name real ones (method ARNs, request context). */
export const LOCAL_ACCOUNT_ID = '000000000000';
export const LOCAL_API_ID = 'local';

/** The statements of a role's inline policies and of the AWS::IAM::Policy resources attached to it. */
export function roleStatements(
  resources: TemplateResources,
  logicalId: string,
  resolve: (value: unknown) => string,
): PolicyStatement[] {
  const role = resources.all[logicalId];
  const attached = resources
    .ofType('AWS::IAM::Policy')
    .filter(([, p]) => (p.Properties.Roles ?? []).some((r: { Ref?: string }) => r.Ref === logicalId))
    .map(([, p]) => p.Properties.PolicyDocument);
  const inline = (role.Properties.Policies ?? []).map((p: { PolicyDocument: unknown }) => p.PolicyDocument);
  return [...attached, ...inline].flatMap((document) => statementsOf(document, resolve));
}

function statementsOf(document: unknown, resolve: (value: unknown) => string): PolicyStatement[] {
  return ((document as { Statement?: Record<string, unknown>[] })?.Statement ?? []).map((s) => ({
    effect: s.Effect === 'Deny' ? 'Deny' : 'Allow',
    actions: list(s.Action).map(resolve),
    resources: list(s.Resource).map(resolve),
  }));
}

export function list(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

export function roleArn(role: Resource, logicalId: string): string {
  return `arn:aws:iam::${LOCAL_ACCOUNT_ID}:role/${role.Properties.RoleName ?? logicalId}`;
}

/** Resolves the intrinsics a provider name, a trust condition or a policy resource holds, to their local stand-ins. */
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
    const type = resources.all[target]?.Type;
    if (attribute === 'Arn' && type === 'AWS::IAM::Role') return roleArn(resources.all[target], target);
    if (attribute === 'Arn' && type === 'AWS::Cognito::UserPool' && localIds[target])
      return `arn:aws:cognito-idp:${region}:${LOCAL_ACCOUNT_ID}:userpool/${localIds[target]}`;
    // Any other resource's ARN (a function's log group, say) stands in as one of its service's that no
    // other resource has: enough for evaluating a policy, where only the Cognito and API ARNs are asked for.
    if (attribute === 'Arn' && type)
      return `arn:aws:${type.split('::')[1].toLowerCase()}:${region}:${LOCAL_ACCOUNT_ID}:${target}`;
    if (intrinsic?.['Fn::Join']) return intrinsic['Fn::Join'][1].map(resolve).join(intrinsic['Fn::Join'][0]);
    throw new Error(`Local mode cannot resolve ${JSON.stringify(value)} in a role or its policies`);
  };
  return resolve;
}

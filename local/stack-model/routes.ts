import type { TemplateResources } from './template';

export interface RouteModel {
  readonly method: string;
  /** '/sign-up', '/secret'. */
  readonly path: string;
  readonly functionId: string;
  /** Present when the method uses the Cognito user pools authorizer. */
  readonly authorizer?: { identityHeader: string; scopes: string[] };
  /** `{ kind: 'iam' }` when the method's AuthorizationType is AWS_IAM: the caller signs with SigV4. */
  readonly authorization?: { kind: 'iam' };
}

/** Every method with a Lambda proxy integration, and its Cognito authorizer or IAM authorization where it has one. */
export function readRoutes(resources: TemplateResources, functionIds: ReadonlySet<string>): RouteModel[] {
  const authorizers = Object.fromEntries(resources.ofType('AWS::ApiGateway::Authorizer'));
  return resources
    .ofType('AWS::ApiGateway::Method')
    .filter(([, m]) => m.Properties.Integration?.Type === 'AWS_PROXY')
    .map(([id, m]) => {
      const functionId = JSON.stringify(m.Properties.Integration.Uri).match(/"Fn::GetAtt":\["(\w+)","Arn"\]/)?.[1];
      if (!functionId || !functionIds.has(functionId))
        throw new Error(`Method ${id} does not integrate a function of this stack`);
      const route: RouteModel = {
        method: m.Properties.HttpMethod,
        path: resources.resourcePath(m.Properties.ResourceId),
        functionId,
      };
      if (m.Properties.AuthorizationType === 'AWS_IAM') return { ...route, authorization: { kind: 'iam' } };
      if (m.Properties.AuthorizationType !== 'COGNITO_USER_POOLS') return route;
      const authorizer = authorizers[m.Properties.AuthorizerId?.Ref];
      const identityHeader = String(authorizer?.Properties.IdentitySource ?? '').replace(/^method\.request\.header\./, '');
      return { ...route, authorizer: { identityHeader, scopes: m.Properties.AuthorizationScopes ?? [] } };
    });
}

import type { Template } from 'aws-cdk-lib/assertions';
import { synthTemplate } from '../support/synth';

type Resources = Record<string, { Type: string; Properties: any; DependsOn?: string[] }>;

const allOn = {
  allowedEmailDomains: 'example.com,example.org',
  groups: 'admin,editor',
  defaultGroup: 'editor',
  rolesClaim: 'true',
};

const poolOf = (template: Template) => Object.values(template.findResources('AWS::Cognito::UserPool') as Resources)[0];
const functionNamed = (template: Template, handler: string) => {
  const [id, fn] = Object.entries(template.findResources('AWS::Lambda::Function') as Resources).find(([logicalId]) =>
    logicalId.startsWith(`Triggers${handler.replace(/-/g, '')}Function`),
  ) ?? [undefined, undefined];
  if (!id || !fn) throw new Error(`no ${handler} trigger function`);
  return { id, fn };
};

/** Every resource a resource refers to (Ref, Fn::GetAtt, DependsOn), the edges CloudFormation orders by. */
function dependencies(resources: Resources): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  const walk = (value: unknown, into: Set<string>): void => {
    if (Array.isArray(value)) for (const item of value) walk(item, into);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'Ref' && typeof inner === 'string' && inner in resources) into.add(inner);
        else if (key === 'Fn::GetAtt') into.add((inner as string[])[0]);
        else walk(inner, into);
      }
    }
  };
  for (const [id, resource] of Object.entries(resources)) {
    const into = new Set<string>(resource.DependsOn ?? []);
    walk(resource.Properties, into);
    edges.set(id, into);
  }
  return edges;
}

/** A cycle of resources, or undefined: depth-first search with the path kept. */
function findCycle(edges: Map<string, Set<string>>): string[] | undefined {
  const done = new Set<string>();
  const visit = (id: string, path: string[]): string[] | undefined => {
    if (path.includes(id)) return [...path.slice(path.indexOf(id)), id];
    if (done.has(id)) return undefined;
    for (const next of edges.get(id) ?? []) {
      const cycle = visit(next, [...path, id]);
      if (cycle) return cycle;
    }
    done.add(id);
    return undefined;
  };
  for (const id of edges.keys()) {
    const cycle = visit(id, []);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('Lambda triggers, each off unless its setting is given', () => {
  test('by default the pool has no LambdaConfig and the stack no trigger function', () => {
    const template = synthTemplate();
    expect(poolOf(template).Properties.LambdaConfig).toBeUndefined();
    expect(Object.keys(template.findResources('AWS::Lambda::Function')).filter((id) => id.startsWith('Triggers'))).toEqual([]);
  });

  const template = synthTemplate(allOn);

  test('-c allowedEmailDomains: a pre sign-up trigger with the domains, Cognito allowed to invoke it from this pool only', () => {
    const { id, fn } = functionNamed(template, 'pre-sign-up');
    expect(poolOf(template).Properties.LambdaConfig.PreSignUp).toEqual({ 'Fn::GetAtt': [id, 'Arn'] });
    expect(fn.Properties.Environment.Variables).toEqual({ ALLOWED_EMAIL_DOMAINS: 'example.com,example.org' });
    expect(fn.Properties.Timeout).toBe(5);
    const permissions = Object.values(template.findResources('AWS::Lambda::Permission') as Resources).filter(
      (permission) => permission.Properties.FunctionName['Fn::GetAtt']?.[0] === id,
    );
    expect(permissions.map((permission) => permission.Properties)).toEqual([
      {
        Action: 'lambda:InvokeFunction',
        FunctionName: { 'Fn::GetAtt': [id, 'Arn'] },
        Principal: 'cognito-idp.amazonaws.com',
        SourceArn: { 'Fn::GetAtt': [expect.stringMatching(/^UsersUserPool/), 'Arn'] },
      },
    ]);
  });

  test('-c defaultGroup: a post confirmation trigger allowed AdminAddUserToGroup on this pool alone', () => {
    const { id, fn } = functionNamed(template, 'post-confirmation');
    expect(poolOf(template).Properties.LambdaConfig.PostConfirmation).toEqual({ 'Fn::GetAtt': [id, 'Arn'] });
    expect(fn.Properties.Environment.Variables).toEqual({ DEFAULT_GROUP: 'editor' });
    // The trigger's own role's policies (the admin API's functions have cognito-idp policies of their own).
    const role = { Ref: fn.Properties.Role['Fn::GetAtt'][0] };
    const policies = Object.values(template.findResources('AWS::IAM::Policy') as Resources).filter(
      (policy) =>
        JSON.stringify(policy.Properties.Roles) === JSON.stringify([role]) &&
        JSON.stringify(policy.Properties.PolicyDocument).includes('cognito-idp:'),
    );
    expect(policies.map((policy) => policy.Properties.PolicyDocument.Statement)).toEqual([
      [
        {
          Action: 'cognito-idp:AdminAddUserToGroup',
          Effect: 'Allow',
          Resource: { 'Fn::GetAtt': [expect.stringMatching(/^UsersUserPool/), 'Arn'] },
        },
      ],
    ]);
  });

  test('the pool, its trigger functions and their roles and policies form no circular dependency', () => {
    expect(findCycle(dependencies(template.toJSON().Resources))).toBeUndefined();
  });

  test('-c rolesClaim on the default Essentials plan: a V2_0 pre token generation trigger', () => {
    const { id, fn } = functionNamed(template, 'pre-token-generation');
    expect(poolOf(template).Properties.UserPoolTier).toBe('ESSENTIALS');
    expect(poolOf(template).Properties.LambdaConfig.PreTokenGenerationConfig).toEqual({
      LambdaArn: { 'Fn::GetAtt': [id, 'Arn'] },
      LambdaVersion: 'V2_0',
    });
    expect(fn.Properties.Environment.Variables).toEqual({ TOKEN_EVENT_VERSION: 'V2_0' });
  });

  test('-c rolesClaim on Lite (no refresh-token rotation): V1_0, which Lite allows', () => {
    const lite = synthTemplate({ rolesClaim: 'true', refreshTokenRotation: 'false' });
    expect(poolOf(lite).Properties.UserPoolTier).toBe('LITE');
    expect(poolOf(lite).Properties.LambdaConfig.PreTokenGenerationConfig.LambdaVersion).toBe('V1_0');
    expect(functionNamed(lite, 'pre-token-generation').fn.Properties.Environment.Variables).toEqual({
      TOKEN_EVENT_VERSION: 'V1_0',
    });
  });
});

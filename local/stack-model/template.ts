/** The parts of a synthesized CloudFormation template local mode reads, and helpers shared by its readers. */
// biome-ignore lint/suspicious/noExplicitAny: a template's properties are whatever CloudFormation allows
export type Resource = { Type: string; Properties: Record<string, any>; Metadata?: Record<string, any> };
export type Template = { Resources: Record<string, Resource> };

export class TemplateResources {
  constructor(readonly all: Record<string, Resource>) {}

  ofType(type: string): Array<[string, Resource]> {
    return Object.entries(this.all).filter(([, r]) => r.Type === type);
  }

  single(type: string): [string, Resource] {
    const found = this.ofType(type);
    if (found.length !== 1) throw new Error(`Local mode runs a stack with exactly one ${type}; the template has ${found.length}`);
    return found[0];
  }

  /** '/sign-up' for a method whose resource is `sign-up` under the root. */
  resourcePath(resourceId: unknown): string {
    const parts: string[] = [];
    let ref = resourceId as { Ref?: string } | undefined;
    while (ref?.Ref && this.all[ref.Ref]?.Type === 'AWS::ApiGateway::Resource') {
      parts.unshift(this.all[ref.Ref].Properties.PathPart);
      ref = this.all[ref.Ref].Properties.ParentId;
    }
    return `/${parts.join('/')}`;
  }
}

/** A static mapping value is quoted in the template: `'application/json'`. */
export function unquote(value: string): string {
  return value.replace(/^'(.*)'$/, '$1');
}

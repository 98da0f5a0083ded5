/**
 * API Gateway's matching of a request path to a REST API's resources, for templates with path
 * parameters (`/notes/{id}`) and greedy ones (`/files/{proxy+}`, which must end the path). Where
 * several resources match, the most specific wins, segment by segment from the left: a literal
 * segment beats `{parameter}`, which beats `{proxy+}`. AWS documents that priority for HTTP APIs
 * (exact match first, greedy variables last:
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html#http-api-develop-routes.evaluation);
 * for a REST API's resources the same order is assumed, unverified.
 *
 * Decoding, as API Gateway's REST proxy events carry it: `path` keeps the caller's percent-encoding
 * (live captures quoted in middleapi/standard-server#93), each path parameter is decoded. A
 * parameter matches one non-empty segment, split before decoding, so `a%2Fb` is the one value
 * `a/b`; a greedy one takes the rest, one or more segments. A segment that is not valid
 * percent-encoding (`%ZZ`) is passed as sent: what API Gateway does with it is unverified.
 */

type Segment = { kind: 'literal'; text: string } | { kind: 'parameter'; name: string } | { kind: 'greedy'; name: string };

/** How specific a segment kind is: lower wins. */
const RANK = { literal: 0, parameter: 1, greedy: 2 } as const;

export interface ResourceMatch {
  /** The resource path as the template declares it (`/notes/{id}`). */
  readonly resource: string;
  /** Each `{name}` and its decoded value; null where the resource has none, as API Gateway sends it. */
  readonly pathParameters: Record<string, string> | null;
}

function parse(resource: string): Segment[] {
  return resource
    .split('/')
    .filter(Boolean)
    .map((text) => {
      const greedy = /^\{(\w+)\+\}$/.exec(text);
      if (greedy) return { kind: 'greedy', name: greedy[1] };
      const parameter = /^\{(\w+)\}$/.exec(text);
      return parameter ? { kind: 'parameter', name: parameter[1] } : { kind: 'literal', text };
    });
}

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The resources of one API (every path of its methods and preflights), matched against request paths. */
export class ResourcePaths {
  private readonly resources: Array<{ resource: string; segments: Segment[] }>;

  constructor(resources: Iterable<string>) {
    this.resources = [...new Set(resources)].map((resource) => ({ resource, segments: parse(resource) }));
  }

  /** The most specific resource the raw (still percent-encoded) path matches, or undefined. */
  match(rawPath: string): ResourceMatch | undefined {
    // '/notes/a' → ['notes', 'a']; a trailing or doubled slash leaves an empty segment, which no resource matches.
    const parts = rawPath === '/' ? [] : rawPath.replace(/^\//, '').split('/');
    let best: { resource: string; ranks: number[]; parameters: Record<string, string> } | undefined;
    for (const { resource, segments } of this.resources) {
      const found = matchSegments(segments, parts);
      if (found && (!best || moreSpecific(found.ranks, best.ranks))) best = { resource, ...found };
    }
    if (!best) return undefined;
    return { resource: best.resource, pathParameters: Object.keys(best.parameters).length > 0 ? best.parameters : null };
  }
}

function matchSegments(
  segments: readonly Segment[],
  parts: readonly string[],
): { ranks: number[]; parameters: Record<string, string> } | undefined {
  const ranks: number[] = [];
  const parameters: Record<string, string> = {};
  for (const [i, segment] of segments.entries()) {
    ranks.push(RANK[segment.kind]);
    if (segment.kind === 'greedy') {
      const rest = parts.slice(i);
      if (rest.length === 0 || rest.some((part) => part === '')) return undefined;
      parameters[segment.name] = rest.map(decoded).join('/');
      return { ranks, parameters };
    }
    const part = parts[i];
    if (part === undefined || part === '') return undefined;
    if (segment.kind === 'literal' && segment.text !== part) return undefined;
    if (segment.kind === 'parameter') parameters[segment.name] = decoded(part);
  }
  return parts.length === segments.length ? { ranks, parameters } : undefined;
}

function moreSpecific(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const [x, y] = [a[i] ?? -1, b[i] ?? -1];
    if (x !== y) return x < y;
  }
  return false;
}

import Ajv2020 from 'ajv/dist/2020';

type Document = {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>;
};

/** A JSON pointer's segment (RFC 6901): `~` and `/` escaped. */
const segment = (name: string) => name.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Checks an answer against an OpenAPI 3.1 document of lib/openapi.ts: the response its status
 * documents, its JSON body against that response's schema with Ajv's JSON Schema
 * 2020-12 (OpenAPI 3.1's dialect), the document's `$ref`s resolved. Returns what does not fit, or
 * nothing. Formats are not checked (an example address is not the point here).
 */
export function responseChecker(served: object) {
  const document = served as Document;
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
  ajv.addSchema(document, 'openapi');
  return (path: string, method: string, status: number, body: unknown): string[] => {
    const responses = document.paths[path]?.[method.toLowerCase()]?.responses;
    if (!responses) return [`${method} ${path} is not in the document`];
    // Its own status, not `default`: "any other answer" would take any body of either shape.
    const key = String(status);
    if (!responses[key]) return [`${method} ${path} does not document ${status}`];
    if (!responses[key].content) return body === undefined || body === '' ? [] : [`${status} documents no body`];
    const pointer = ['paths', path, method.toLowerCase(), 'responses', key, 'content', 'application/json', 'schema']
      .map(segment)
      .join('/');
    const validate = ajv.getSchema(`openapi#/${pointer}`);
    if (!validate) return [`no schema at ${pointer}`];
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `${status} ${e.instancePath || '/'} ${e.message}`);
  };
}

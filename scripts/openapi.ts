import * as fs from 'node:fs';
import * as path from 'node:path';
import { openApiDocument } from '../lib/openapi';

/** `npm run openapi`: writes the API's OpenAPI document to docs/openapi.json (REST API) and docs/openapi-http.json (`-c api=http`). */
export const OPENAPI_FILE = path.join(__dirname, '..', 'docs', 'openapi.json');
export const OPENAPI_HTTP_FILE = path.join(__dirname, '..', 'docs', 'openapi-http.json');

export function renderOpenApi(flavor: 'rest' | 'http' = 'rest'): string {
  return `${JSON.stringify(openApiDocument(undefined, undefined, flavor), null, 2)}\n`;
}

if (require.main === module) {
  for (const [file, flavor] of [
    [OPENAPI_FILE, 'rest'],
    [OPENAPI_HTTP_FILE, 'http'],
  ] as const) {
    fs.writeFileSync(file, renderOpenApi(flavor));
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
}

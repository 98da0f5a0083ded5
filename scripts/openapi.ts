import * as fs from 'node:fs';
import * as path from 'node:path';
import { openApiDocument } from '../lib/openapi';

/** `npm run openapi`: writes the API's OpenAPI document to docs/openapi.json. */
export const OPENAPI_FILE = path.join(__dirname, '..', 'docs', 'openapi.json');

export function renderOpenApi(): string {
  return `${JSON.stringify(openApiDocument(), null, 2)}\n`;
}

if (require.main === module) {
  fs.writeFileSync(OPENAPI_FILE, renderOpenApi());
  console.log(`wrote ${path.relative(process.cwd(), OPENAPI_FILE)}`);
}

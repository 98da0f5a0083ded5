import { gzipSync } from 'node:zlib';
import { openApiDocument } from '../../lib/openapi';
import { bundleWebPage, REFERENCE_PAGE_FILES } from '../../web/bundle';
import { atMost, type Figure, info } from './figures';

const DEMO_PAGE_FILES = ['index.html', 'styles.css', 'app.js', 'favicon.svg'];

/**
 * What a first visit downloads of each page: its files as served, raw (local mode sends them so)
 * and gzipped (as CloudFront sends text to a browser that accepts it). The reference page's
 * openapi.json is the deployed one's size, compact JSON.
 */
export function pageFigures(): Figure[] {
  const files = bundleWebPage();
  const weigh = (names: readonly string[], extra: Uint8Array[] = []) => {
    const bodies = [...names.map((name) => files.get(name)?.body ?? new Uint8Array()), ...extra];
    return {
      raw: bodies.reduce((sum, body) => sum + body.length, 0),
      gzip: bodies.reduce((sum, body) => sum + gzipSync(body).length, 0),
    };
  };
  const openApi = Buffer.from(JSON.stringify(openApiDocument('https://abcdef1234.execute-api.eu-west-1.amazonaws.com/dev')));
  const demo = weigh(DEMO_PAGE_FILES);
  const reference = weigh(REFERENCE_PAGE_FILES, [openApi]);
  return [
    info('page: demo, raw', demo.raw, 'B'),
    info('page: demo, gzip', demo.gzip, 'B'),
    info('page: API reference, raw', reference.raw, 'B', 'Swagger UI’s bundle is most of it'),
    // Swagger UI 5.36 and the document weighed 515 KB (gzip); the target catches a heavier bundle or document.
    atMost('page: API reference, gzip', reference.gzip, 'B', 600_000),
  ];
}

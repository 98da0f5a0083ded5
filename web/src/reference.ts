/**
 * The API reference page (web/reference.html): Swagger UI over `openapi.json` beside the page,
 * whose server is the API this page calls: the local one in local mode, the deployed one on the
 * site. swagger-ui-bundle.js, from the swagger-ui-dist package, is served beside it.
 */

interface SwaggerUIOptions {
  readonly url: string;
  readonly dom_id: string;
  readonly validatorUrl: null;
  readonly deepLinking: boolean;
  readonly defaultModelsExpandDepth: number;
}
declare const SwaggerUIBundle: (options: SwaggerUIOptions) => unknown;

SwaggerUIBundle({
  url: 'openapi.json',
  dom_id: '#reference',
  // Its default has the standalone layout draw a badge from validator.swagger.io, for a document on
  // a host other than localhost: a request leaving the page. This base layout draws none; null says
  // so should the layout change. https://swagger.io/docs/open-source-tools/swagger-ui/usage/configuration/
  validatorUrl: null,
  deepLinking: true,
  // The schemas show under each operation; the list of them all at the bottom repeats them.
  defaultModelsExpandDepth: -1,
});

import { type TemplateResources, unquote } from './template';

export interface PreflightModel {
  readonly status: number;
  readonly headers: Record<string, string>;
  /** Origins the response template swaps in for the static Allow-Origin when the request names them. */
  readonly alsoAllowedOrigins: string[];
}

/** CORS preflight answers (mock integrations of OPTIONS methods), by resource path. */
export function readPreflights(resources: TemplateResources): Record<string, PreflightModel> {
  const preflights: Record<string, PreflightModel> = {};
  for (const [, m] of resources.ofType('AWS::ApiGateway::Method')) {
    if (m.Properties.HttpMethod !== 'OPTIONS' || m.Properties.Integration?.Type !== 'MOCK') continue;
    const [response] = m.Properties.Integration.IntegrationResponses ?? [];
    const headers = Object.fromEntries(
      Object.entries<string>(response?.ResponseParameters ?? {}).map(([k, v]) => [
        k.replace(/^method\.response\.header\./, ''),
        unquote(v),
      ]),
    );
    // CDK's template for several origins: #if($origin == "<origin>") … override Allow-Origin.
    const template: string = response?.ResponseTemplates?.['application/json'] ?? '';
    const alsoAllowedOrigins = [...template.matchAll(/\$origin == "([^"]+)"/g)].map((match) => match[1]).filter((o) => o !== '');
    preflights[resources.resourcePath(m.Properties.ResourceId)] = {
      status: Number(response?.StatusCode ?? 200),
      headers,
      alsoAllowedOrigins,
    };
  }
  return preflights;
}

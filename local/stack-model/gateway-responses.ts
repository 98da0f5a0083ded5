import { type TemplateResources, unquote } from './template';

export interface GatewayResponseModel {
  readonly statusCode?: number;
  /** A static value, or the name of the request header it is copied from. */
  readonly headers: Record<string, { value: string } | { fromRequestHeader: string }>;
  readonly template?: string;
}

/** API Gateway's own answers (AWS::ApiGateway::GatewayResponse), by response type. */
export function readGatewayResponses(resources: TemplateResources): Record<string, GatewayResponseModel> {
  const gatewayResponses: Record<string, GatewayResponseModel> = {};
  for (const [, r] of resources.ofType('AWS::ApiGateway::GatewayResponse')) {
    const headers = Object.fromEntries(
      Object.entries<string>(r.Properties.ResponseParameters ?? {})
        .filter(([k]) => k.startsWith('gatewayresponse.header.'))
        .map(([k, v]) => [
          k.slice('gatewayresponse.header.'.length),
          v.startsWith('method.request.header.')
            ? { fromRequestHeader: v.slice('method.request.header.'.length) }
            : { value: unquote(v) },
        ]),
    );
    gatewayResponses[r.Properties.ResponseType] = {
      statusCode: r.Properties.StatusCode ? Number(r.Properties.StatusCode) : undefined,
      headers,
      template: r.Properties.ResponseTemplates?.['application/json'],
    };
  }
  return gatewayResponses;
}

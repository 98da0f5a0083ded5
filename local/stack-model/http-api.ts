import type { RouteModel } from './routes';
import type { StageModel } from './stage';
import type { TemplateResources } from './template';

/** The HTTP API's CORS configuration (AWS::ApiGatewayV2::Api CorsConfiguration), which the gateway answers preflights from. */
export interface HttpCorsModel {
  readonly allowOrigins: readonly string[];
  readonly allowMethods: readonly string[];
  readonly allowHeaders: readonly string[];
  readonly exposeHeaders: readonly string[];
  readonly maxAge?: number;
  readonly allowCredentials: boolean;
}

/** The JWT authorizer's configuration: the issuer a token must name, and the audiences its `aud` (or `client_id`) must be one of. */
export interface JwtAuthorizerModel {
  readonly issuer: string;
  readonly audience: readonly string[];
}

/** An HTTP API (`-c api=http`): its routes, its one stage, its CORS configuration and its JWT authorizer. */
export interface HttpApiModel extends StageModel {
  readonly routes: RouteModel[];
  readonly cors?: HttpCorsModel;
  readonly jwtAuthorizer?: JwtAuthorizerModel;
}

/**
 * The template's AWS::ApiGatewayV2 resources: each route by its route key (`GET /notes/{id}`), its
 * integration's function, its authorizer (JWT with its scopes, or AWS_IAM); the stage's name and
 * throttles (DefaultRouteSettings, and RouteSettings by route key); the API's CORS configuration.
 * Undefined when the template has no HTTP API.
 */
export function readHttpApi(
  resources: TemplateResources,
  functionIds: ReadonlySet<string>,
  resolve: (value: unknown) => string,
): HttpApiModel | undefined {
  if (resources.ofType('AWS::ApiGatewayV2::Api').length === 0) return undefined;
  const [, api] = resources.single('AWS::ApiGatewayV2::Api');
  const [, stage] = resources.single('AWS::ApiGatewayV2::Stage');
  const integrations = Object.fromEntries(resources.ofType('AWS::ApiGatewayV2::Integration'));
  const authorizers = Object.fromEntries(resources.ofType('AWS::ApiGatewayV2::Authorizer'));

  const routes = resources.ofType('AWS::ApiGatewayV2::Route').map(([id, r]): RouteModel => {
    const integrationId = JSON.stringify(r.Properties.Target).match(/"Ref":"(\w+)"/)?.[1] ?? '';
    const integration = integrations[integrationId];
    if (integration?.Properties.IntegrationType !== 'AWS_PROXY' || integration.Properties.PayloadFormatVersion !== '2.0')
      throw new Error(`Route ${id} is not a payload 2.0 Lambda proxy integration, the only kind local mode runs`);
    const functionId = integration.Properties.IntegrationUri?.['Fn::GetAtt']?.[0];
    if (!functionId || !functionIds.has(functionId)) throw new Error(`Route ${id} does not integrate a function of this stack`);
    const [method, path] = String(r.Properties.RouteKey).split(' ');
    const route: RouteModel = { method, path, functionId };
    if (r.Properties.AuthorizationType === 'AWS_IAM') return { ...route, authorization: { kind: 'iam' } };
    if (r.Properties.AuthorizationType !== 'JWT') return route;
    const authorizer = authorizers[r.Properties.AuthorizerId?.Ref];
    const [source] = authorizer?.Properties.IdentitySource ?? [];
    const identityHeader = String(source ?? '').replace(/^\$request\.header\./, '');
    return { ...route, authorizer: { identityHeader, scopes: r.Properties.AuthorizationScopes ?? [] } };
  });

  const jwt = resources.ofType('AWS::ApiGatewayV2::Authorizer').find(([, a]) => a.Properties.AuthorizerType === 'JWT')?.[1];
  const cors = api.Properties.CorsConfiguration;
  const defaults = stage.Properties.DefaultRouteSettings;
  return {
    stageName: stage.Properties.StageName,
    throttle: throttleOf(defaults),
    methodThrottles: Object.fromEntries(
      Object.entries<Record<string, unknown>>(stage.Properties.RouteSettings ?? {}).flatMap(([routeKey, settings]) => {
        const throttle = throttleOf(settings);
        return throttle ? [[routeKey, throttle]] : [];
      }),
    ),
    routes,
    cors: cors && {
      allowOrigins: cors.AllowOrigins ?? [],
      allowMethods: cors.AllowMethods ?? [],
      allowHeaders: cors.AllowHeaders ?? [],
      exposeHeaders: cors.ExposeHeaders ?? [],
      maxAge: cors.MaxAge,
      allowCredentials: cors.AllowCredentials === true,
    },
    jwtAuthorizer: jwt && {
      issuer: resolve(jwt.Properties.JwtConfiguration?.Issuer),
      audience: (jwt.Properties.JwtConfiguration?.Audience ?? []).map(resolve),
    },
  };
}

/** A route setting's throttle; its burst defaults to its rate. */
function throttleOf(settings: Record<string, unknown> | undefined): StageModel['throttle'] {
  const rateLimit = settings?.ThrottlingRateLimit as number | undefined;
  return rateLimit === undefined ? undefined : { rateLimit, burstLimit: (settings?.ThrottlingBurstLimit as number) ?? rateLimit };
}

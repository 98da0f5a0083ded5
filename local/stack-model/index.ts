import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PoolSettings } from '../cognito-twin/settings';
import { type FunctionModel, readFunctions } from './functions';
import { type GatewayResponseModel, readGatewayResponses } from './gateway-responses';
import { type HttpApiModel, type HttpCorsModel, type JwtAuthorizerModel, readHttpApi } from './http-api';
import { type IdentityPoolModel, readIdentityPool } from './identity-pool';
import { localIdsOf, readPool } from './pool';
import { type PreflightModel, readPreflights } from './preflights';
import { valueResolver } from './roles';
import { type RouteModel, readRoutes } from './routes';
import { readStage, type StageModel } from './stage';
import { type Template, TemplateResources } from './template';

export type { RoleModel } from './identity-pool';
export { LOCAL_ACCOUNT_ID, LOCAL_API_ID } from './identity-pool';
export type { FunctionModel, GatewayResponseModel, HttpCorsModel, PreflightModel, RouteModel };

/**
 * What local mode runs, read from the synthesized template and nothing else: a route, function or
 * pool setting that is not in the template does not exist locally either. One reader per kind of
 * resource, each in its own file.
 */
export interface StackModel extends StageModel {
  /** Which API Gateway fronts the functions: a REST API, or an HTTP API (`-c api=http`). */
  readonly flavor: 'rest' | 'http';
  readonly routes: RouteModel[];
  readonly functions: Record<string, FunctionModel>;
  readonly pool: PoolSettings;
  readonly gatewayResponses: Record<string, GatewayResponseModel>;
  /** CORS preflight answers (mock integrations of OPTIONS methods), by resource path. */
  readonly preflights: Record<string, PreflightModel>;
  /** The identity pool and its authenticated role; absent when the template has none (`-c identityPool=false`). */
  readonly identityPool?: IdentityPoolModel;
  /** An HTTP API's CORS configuration, from which the gateway answers preflights itself; none: no CORS. */
  readonly cors?: HttpCorsModel;
  /** An HTTP API's JWT authorizer: the issuer and audiences it accepts. */
  readonly jwtAuthorizer?: JwtAuthorizerModel;
}

export function loadStackModel(cdkOutDir: string, region: string): StackModel {
  const manifest = JSON.parse(fs.readFileSync(path.join(cdkOutDir, 'manifest.json'), 'utf8'));
  const stackArtifact = Object.values<{ type: string; properties: { templateFile: string } }>(manifest.artifacts).find(
    (a) => a.type === 'aws:cloudformation:stack',
  );
  if (!stackArtifact) throw new Error(`No stack in ${cdkOutDir}`);
  const template: Template = JSON.parse(fs.readFileSync(path.join(cdkOutDir, stackArtifact.properties.templateFile), 'utf8'));
  return modelOf(template, cdkOutDir, region);
}

export function modelOf(template: Template, cdkOutDir: string, region: string): StackModel {
  const resources = new TemplateResources(template.Resources);
  // The handlers validate bodies alone (lib/auth-rest-api.ts); a request model would answer before
  // them on AWS, so local mode refuses to run a template with one rather than skip it.
  if (resources.ofType('AWS::ApiGateway::RequestValidator').length > 0 || resources.ofType('AWS::ApiGateway::Model').length > 0) {
    throw new Error('Local mode does not emulate API Gateway request validators or models; the template has one');
  }
  const localIds = localIdsOf(resources, region);
  const httpApi = readHttpApi(
    resources,
    new Set(resources.ofType('AWS::Lambda::Function').map(([id]) => id)),
    // The stage name is not needed to resolve an issuer or an audience.
    valueResolver(resources, localIds, region, ''),
  );
  if (httpApi) {
    const httpFunctions = readFunctions(resources, cdkOutDir, region, localIds, httpApi.stageName);
    return httpModelOf(httpApi, resources, httpFunctions, region, localIds);
  }
  const stage = readStage(resources);
  const functions = readFunctions(resources, cdkOutDir, region, localIds, stage.stageName);
  return {
    flavor: 'rest',
    ...stage,
    routes: readRoutes(resources, new Set(Object.keys(functions))),
    functions,
    pool: readPool(resources, region, localIds),
    gatewayResponses: readGatewayResponses(resources),
    preflights: readPreflights(resources),
    identityPool: readIdentityPool(resources, region, localIds, stage.stageName),
  };
}

/** An HTTP API's model: no gateway responses (it has none to shape) and no preflight methods (it answers them itself). */
function httpModelOf(
  { routes, cors, jwtAuthorizer, ...stage }: HttpApiModel,
  resources: TemplateResources,
  functions: Record<string, FunctionModel>,
  region: string,
  localIds: Record<string, string>,
): StackModel {
  return {
    flavor: 'http',
    ...stage,
    routes,
    functions,
    pool: readPool(resources, region, localIds),
    gatewayResponses: {},
    preflights: {},
    identityPool: readIdentityPool(resources, region, localIds, stage.stageName),
    cors,
    jwtAuthorizer,
  };
}

import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PoolSettings } from './cognito-twin/settings';

/**
 * What local mode runs, read from the synthesized template and nothing else: a route, function or
 * pool setting that is not in the template does not exist locally either.
 */
export interface StackModel {
  readonly stageName: string;
  readonly routes: RouteModel[];
  readonly functions: Record<string, FunctionModel>;
  readonly pool: PoolSettings;
  readonly gatewayResponses: Record<string, GatewayResponseModel>;
  /** CORS preflight answers (mock integrations of OPTIONS methods), by resource path. */
  readonly preflights: Record<string, PreflightModel>;
  /** The stage's default method throttling, when it sets one. */
  readonly throttle?: { rateLimit: number; burstLimit: number };
}

export interface PreflightModel {
  readonly status: number;
  readonly headers: Record<string, string>;
  /** Origins the response template swaps in for the static Allow-Origin when the request names them. */
  readonly alsoAllowedOrigins: string[];
}

export interface RouteModel {
  readonly method: string;
  /** '/sign-up', '/secret'. */
  readonly path: string;
  readonly functionId: string;
  /** Present when the method uses the Cognito user pools authorizer. */
  readonly authorizer?: { identityHeader: string; scopes: string[] };
}

export interface FunctionModel {
  readonly logicalId: string;
  /** The directory of the bundle synth produced. */
  readonly codeDir: string;
  /** 'index.handler'. */
  readonly handler: string;
  readonly environment: Record<string, string>;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  /** The function's LoggingConfig: the shape of its log lines and the level below which they are dropped. */
  readonly logging: { format: 'Text' | 'JSON'; applicationLogLevel?: string };
}

export interface GatewayResponseModel {
  readonly statusCode?: number;
  /** A static value, or the name of the request header it is copied from. */
  readonly headers: Record<string, { value: string } | { fromRequestHeader: string }>;
  readonly template?: string;
}

type Resource = { Type: string; Properties: Record<string, any>; Metadata?: Record<string, any> };
type Template = { Resources: Record<string, Resource> };

export function loadStackModel(cdkOutDir: string, region: string): StackModel {
  const manifest = JSON.parse(fs.readFileSync(path.join(cdkOutDir, 'manifest.json'), 'utf8'));
  const stackArtifact = Object.values<any>(manifest.artifacts).find((a) => a.type === 'aws:cloudformation:stack');
  if (!stackArtifact) throw new Error(`No stack in ${cdkOutDir}`);
  const template: Template = JSON.parse(fs.readFileSync(path.join(cdkOutDir, stackArtifact.properties.templateFile), 'utf8'));
  return modelOf(template, cdkOutDir, region);
}

export function modelOf(template: Template, cdkOutDir: string, region: string): StackModel {
  const resources = template.Resources;
  const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
  const single = (type: string) => {
    const found = ofType(type);
    if (found.length !== 1) throw new Error(`Local mode runs a stack with exactly one ${type}; the template has ${found.length}`);
    return found[0];
  };

  const [poolId, pool] = single('AWS::Cognito::UserPool');
  const clients = ofType('AWS::Cognito::UserPoolClient');
  const localIds: Record<string, string> = { [poolId]: localPoolId(region, poolId) };
  for (const [id] of clients) localIds[id] = localClientId(id);
  const resolve = resolver(resources, localIds, region);

  const [, stage] = single('AWS::ApiGateway::Stage');
  const authorizers = Object.fromEntries(ofType('AWS::ApiGateway::Authorizer'));
  // The handlers validate bodies alone (lib/auth-rest-api.ts); a request model would answer before
  // them on AWS, so local mode refuses to run a template with one rather than skip it.
  if (ofType('AWS::ApiGateway::RequestValidator').length > 0 || ofType('AWS::ApiGateway::Model').length > 0) {
    throw new Error('Local mode does not emulate API Gateway request validators or models; the template has one');
  }

  const functions: Record<string, FunctionModel> = {};
  for (const [id, fn] of ofType('AWS::Lambda::Function')) {
    const assetPath = fn.Metadata?.['aws:asset:path'];
    if (!assetPath) throw new Error(`Function ${id} has no asset path: synthesize with asset metadata and bundling on`);
    const variables = fn.Properties.Environment?.Variables ?? {};
    functions[id] = {
      logicalId: id,
      codeDir: path.resolve(cdkOutDir, assetPath),
      handler: fn.Properties.Handler,
      environment: Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, resolve(v)])),
      timeoutSeconds: fn.Properties.Timeout ?? 3,
      memoryMb: fn.Properties.MemorySize ?? 128,
      logging: loggingOf(fn.Properties.LoggingConfig ?? {}),
    };
  }

  const routes: RouteModel[] = ofType('AWS::ApiGateway::Method')
    .filter(([, m]) => m.Properties.Integration?.Type === 'AWS_PROXY')
    .map(([id, m]) => {
      const functionId = JSON.stringify(m.Properties.Integration.Uri).match(/"Fn::GetAtt":\["(\w+)","Arn"\]/)?.[1];
      if (!functionId || !functions[functionId]) throw new Error(`Method ${id} does not integrate a function of this stack`);
      const routePath = resourcePath(resources, m.Properties.ResourceId);
      const route: RouteModel = { method: m.Properties.HttpMethod, path: routePath, functionId };
      if (m.Properties.AuthorizationType !== 'COGNITO_USER_POOLS') return route;
      const authorizer = authorizers[m.Properties.AuthorizerId?.Ref];
      const identityHeader = String(authorizer?.Properties.IdentitySource ?? '').replace(/^method\.request\.header\./, '');
      return { ...route, authorizer: { identityHeader, scopes: m.Properties.AuthorizationScopes ?? [] } };
    });

  const preflights: Record<string, PreflightModel> = {};
  for (const [, m] of ofType('AWS::ApiGateway::Method')) {
    if (m.Properties.HttpMethod !== 'OPTIONS' || m.Properties.Integration?.Type !== 'MOCK') continue;
    const [response] = m.Properties.Integration.IntegrationResponses ?? [];
    const headers = Object.fromEntries(
      Object.entries<string>(response?.ResponseParameters ?? {}).map(([k, v]) => [k.replace(/^method\.response\.header\./, ''), unquote(v)]),
    );
    // CDK's template for several origins: #if($origin == "<origin>") … override Allow-Origin.
    const template: string = response?.ResponseTemplates?.['application/json'] ?? '';
    const alsoAllowedOrigins = [...template.matchAll(/\$origin == "([^"]+)"/g)].map((match) => match[1]).filter((o) => o !== '');
    preflights[resourcePath(resources, m.Properties.ResourceId)] = { status: Number(response?.StatusCode ?? 200), headers, alsoAllowedOrigins };
  }

  const stageThrottle = (stage.Properties.MethodSettings ?? []).find((s: any) => s.HttpMethod === '*' && s.ResourcePath === '/*');

  const gatewayResponses: Record<string, GatewayResponseModel> = {};
  for (const [, r] of ofType('AWS::ApiGateway::GatewayResponse')) {
    const headers = Object.fromEntries(
      Object.entries<string>(r.Properties.ResponseParameters ?? {})
        .filter(([k]) => k.startsWith('gatewayresponse.header.'))
        .map(([k, v]) => [
          k.slice('gatewayresponse.header.'.length),
          v.startsWith('method.request.header.') ? { fromRequestHeader: v.slice('method.request.header.'.length) } : { value: unquote(v) },
        ]),
    );
    gatewayResponses[r.Properties.ResponseType] = {
      statusCode: r.Properties.StatusCode ? Number(r.Properties.StatusCode) : undefined,
      headers,
      template: r.Properties.ResponseTemplates?.['application/json'],
    };
  }

  return {
    stageName: stage.Properties.StageName,
    routes,
    functions,
    pool: poolSettings(pool, clients, localIds[poolId], region, localIds),
    gatewayResponses,
    preflights,
    throttle:
      stageThrottle?.ThrottlingRateLimit !== undefined
        ? { rateLimit: stageThrottle.ThrottlingRateLimit, burstLimit: stageThrottle.ThrottlingBurstLimit ?? stageThrottle.ThrottlingRateLimit }
        : undefined,
  };
}

/**
 * AWS::Lambda::Function LoggingConfig: the format is Text unless set; a level filters only JSON logs,
 * and is INFO when JSON is chosen without one (Lambda's log-level filtering page).
 */
function loggingOf(config: { LogFormat?: string; ApplicationLogLevel?: string }): FunctionModel['logging'] {
  if (config.LogFormat !== 'JSON') return { format: 'Text' };
  return { format: 'JSON', applicationLogLevel: config.ApplicationLogLevel ?? 'INFO' };
}

/** A static mapping value is quoted in the template: `'application/json'`. */
function unquote(value: string): string {
  return value.replace(/^'(.*)'$/, '$1');
}

function poolSettings(pool: Resource, clients: Array<[string, Resource]>, poolId: string, region: string, localIds: Record<string, string>): PoolSettings {
  const p = pool.Properties;
  const policy = p.Policies?.PasswordPolicy ?? {};
  return {
    poolId,
    region,
    usernameAttributes: p.UsernameAttributes ?? [],
    autoVerifiedAttributes: p.AutoVerifiedAttributes ?? [],
    caseSensitiveUsernames: p.UsernameConfiguration?.CaseSensitive ?? true,
    // CloudFormation's defaults when a field is omitted (AWS::Cognito::UserPool PasswordPolicy).
    passwordPolicy: {
      minimumLength: policy.MinimumLength ?? 8,
      requireLowercase: policy.RequireLowercase ?? false,
      requireUppercase: policy.RequireUppercase ?? false,
      requireNumbers: policy.RequireNumbers ?? false,
      requireSymbols: policy.RequireSymbols ?? false,
    },
    clients: clients.map(([id, { Properties: c }]) => {
      const units = c.TokenValidityUnits ?? {};
      return {
        clientId: localIds[id],
        explicitAuthFlows: c.ExplicitAuthFlows ?? [],
        preventUserExistenceErrors: c.PreventUserExistenceErrors === 'ENABLED',
        enableTokenRevocation: c.EnableTokenRevocation ?? true,
        // Cognito's defaults: id and access tokens 60 minutes, refresh tokens 30 days.
        idTokenValidityMinutes: minutes(c.IdTokenValidity ?? 60, units.IdToken ?? 'hours', c.IdTokenValidity === undefined),
        accessTokenValidityMinutes: minutes(c.AccessTokenValidity ?? 60, units.AccessToken ?? 'hours', c.AccessTokenValidity === undefined),
        refreshTokenValidityMinutes: minutes(c.RefreshTokenValidity ?? 30, units.RefreshToken ?? 'days', c.RefreshTokenValidity === undefined),
      };
    }),
  };
}

function minutes(value: number, unit: string, isDefault: boolean): number {
  if (isDefault) return unit === 'days' ? value * 1440 : value;
  const factor: Record<string, number> = { seconds: 1 / 60, minutes: 1, hours: 60, days: 1440 };
  return value * (factor[unit] ?? 1);
}

/** '/sign-up' for a method whose resource is `sign-up` under the root. */
function resourcePath(resources: Record<string, Resource>, resourceId: any): string {
  const parts: string[] = [];
  let ref = resourceId;
  while (ref?.Ref && resources[ref.Ref]?.Type === 'AWS::ApiGateway::Resource') {
    parts.unshift(resources[ref.Ref].Properties.PathPart);
    ref = resources[ref.Ref].Properties.ParentId;
  }
  return '/' + parts.join('/');
}

/** Resolves the intrinsics a function environment can hold, to the local stand-ins of the resources. */
function resolver(resources: Record<string, Resource>, localIds: Record<string, string>, region: string) {
  const resolve = (value: any): string => {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (value?.Ref === 'AWS::Region') return region;
    if (value?.Ref && localIds[value.Ref]) return localIds[value.Ref];
    if (value?.['Fn::Join']) return value['Fn::Join'][1].map(resolve).join(value['Fn::Join'][0]);
    throw new Error(`Local mode cannot resolve ${JSON.stringify(value)} (resource ${value?.Ref ?? ''} ${resources[value?.Ref]?.Type ?? ''})`);
  };
  return resolve;
}

/** A stable, Cognito-shaped pool id (`<region>_<9 characters>`) for a logical id. */
export function localPoolId(region: string, logicalId: string): string {
  return `${region}_${digest(logicalId, 'pool').replace(/[^A-Za-z0-9]/g, '').slice(0, 9)}`;
}

/** A stable, Cognito-shaped app client id (26 lower-case letters and digits) for a logical id. */
export function localClientId(logicalId: string): string {
  return BigInt('0x' + createHash('sha256').update(`client:${logicalId}`).digest('hex')).toString(36).slice(0, 26);
}

function digest(value: string, salt: string): string {
  return createHash('sha256').update(`${salt}:${value}`).digest('base64');
}

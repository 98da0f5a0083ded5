import * as path from 'node:path';
import type { PolicyStatement } from '../iam/policy';
import { roleArn, roleStatements, valueResolver } from './roles';
import type { TemplateResources } from './template';

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
  /** The execution role (`Role`) and its policies: what the function's credentials may do, locally as on AWS. */
  readonly role?: { readonly arn: string; readonly statements: PolicyStatement[] };
}

/** Every Lambda function, its bundle found through the asset metadata synth writes, its environment resolved locally. */
export function readFunctions(
  resources: TemplateResources,
  cdkOutDir: string,
  region: string,
  localIds: Record<string, string>,
  stageName: string,
): Record<string, FunctionModel> {
  const resolve = resolver(resources, localIds, region);
  const resolvePolicy = valueResolver(resources, localIds, region, stageName);
  const functions: Record<string, FunctionModel> = {};
  for (const [id, fn] of resources.ofType('AWS::Lambda::Function')) {
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
      role: roleOf(fn.Properties.Role),
    };
  }
  return functions;

  function roleOf(role: unknown): FunctionModel['role'] {
    const [roleId, attribute] = (role as { 'Fn::GetAtt'?: [string, string] } | undefined)?.['Fn::GetAtt'] ?? [];
    if (!roleId || attribute !== 'Arn' || resources.all[roleId]?.Type !== 'AWS::IAM::Role') return undefined;
    return { arn: roleArn(resources.all[roleId], roleId), statements: roleStatements(resources, roleId, resolvePolicy) };
  }
}

/**
 * AWS::Lambda::Function LoggingConfig: the format is Text unless set; a level filters only JSON logs,
 * and is INFO when JSON is chosen without one (Lambda's log-level filtering page).
 */
function loggingOf(config: { LogFormat?: string; ApplicationLogLevel?: string }): FunctionModel['logging'] {
  if (config.LogFormat !== 'JSON') return { format: 'Text' };
  return { format: 'JSON', applicationLogLevel: config.ApplicationLogLevel ?? 'INFO' };
}

/** Resolves the intrinsics a function environment can hold, to the local stand-ins of the resources. */
function resolver(resources: TemplateResources, localIds: Record<string, string>, region: string) {
  const resolve = (value: unknown): string => {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
    const intrinsic = value as { Ref?: string; 'Fn::Join'?: [string, unknown[]] } | undefined;
    if (intrinsic?.Ref === 'AWS::Region') return region;
    if (intrinsic?.Ref && localIds[intrinsic.Ref]) return localIds[intrinsic.Ref];
    if (intrinsic?.['Fn::Join']) return intrinsic['Fn::Join'][1].map(resolve).join(intrinsic['Fn::Join'][0]);
    const type = intrinsic?.Ref ? (resources.all[intrinsic.Ref]?.Type ?? '') : '';
    throw new Error(`Local mode cannot resolve ${JSON.stringify(value)} (resource ${intrinsic?.Ref ?? ''} ${type})`);
  };
  return resolve;
}

import type { TemplateResources } from './template';

export interface StageModel {
  readonly stageName: string;
  /** The stage's default method throttling, when it sets one. */
  readonly throttle?: { rateLimit: number; burstLimit: number };
}

/** The one stage: its name (the first path segment) and its default throttling (MethodSettings for `*` `/*`). */
export function readStage(resources: TemplateResources): StageModel {
  const [, stage] = resources.single('AWS::ApiGateway::Stage');
  const settings: Array<Record<string, unknown>> = stage.Properties.MethodSettings ?? [];
  const defaults = settings.find((s) => s.HttpMethod === '*' && s.ResourcePath === '/*');
  const rateLimit = defaults?.ThrottlingRateLimit as number | undefined;
  return {
    stageName: stage.Properties.StageName,
    throttle:
      rateLimit === undefined ? undefined : { rateLimit, burstLimit: (defaults?.ThrottlingBurstLimit as number) ?? rateLimit },
  };
}

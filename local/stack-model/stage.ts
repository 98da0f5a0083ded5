import type { TemplateResources } from './template';

interface Throttle {
  readonly rateLimit: number;
  readonly burstLimit: number;
}

export interface StageModel {
  readonly stageName: string;
  /** The stage's default method throttling, when it sets one. */
  readonly throttle?: Throttle;
  /** The throttles of single methods (a MethodSetting of their own), by `METHOD /path`: `POST /sign-in`. */
  readonly methodThrottles?: Readonly<Record<string, Throttle>>;
}

/**
 * The one stage: its name (the first path segment), its default throttling (MethodSettings for `*`
 * `/*`), and the throttling of single methods, whose MethodSettings name them (`POST`,
 * `/~1sign-in~1totp`).
 */
export function readStage(resources: TemplateResources): StageModel {
  const [, stage] = resources.single('AWS::ApiGateway::Stage');
  const settings: Array<Record<string, unknown>> = stage.Properties.MethodSettings ?? [];
  const defaults = settings.find((s) => s.HttpMethod === '*' && s.ResourcePath === '/*');
  const methodThrottles = Object.fromEntries(
    settings
      .filter((s) => s !== defaults && typeof s.ThrottlingRateLimit === 'number')
      .map((s) => [`${s.HttpMethod} ${pathOf(String(s.ResourcePath))}`, throttleOf(s) as Throttle]),
  );
  return { stageName: stage.Properties.StageName, throttle: throttleOf(defaults), methodThrottles };
}

/** A MethodSetting's throttle; its burst defaults to its rate. */
function throttleOf(setting: Record<string, unknown> | undefined): Throttle | undefined {
  const rateLimit = setting?.ThrottlingRateLimit as number | undefined;
  return rateLimit === undefined ? undefined : { rateLimit, burstLimit: (setting?.ThrottlingBurstLimit as number) ?? rateLimit };
}

/** A MethodSetting's ResourcePath is `/` and then the method's path with each `/` written `~1` (`/` alone: the root). */
function pathOf(resourcePath: string): string {
  return resourcePath.slice(1).replaceAll('~1', '/') || '/';
}

import { configDefaults, configKeys, incompatibleSettings, settingChoices } from '../../lib/config';

/** One way a user runs `cdk synth`: the context they pass and the environment the CLI hands the app. */
export interface Rehearsal {
  readonly name: string;
  readonly context: Record<string, string>;
  readonly environment: Environment;
}

/**
 * What the CDK CLI puts in CDK_DEFAULT_ACCOUNT / CDK_DEFAULT_REGION: the profile's account and
 * region; with no credentials, a region (us-east-1 with no profile at all, observed with CLI
 * 2.1148) and no account; and nothing, as a plain `new App()` in a test sees it.
 */
export const environments = {
  'us-east-1': { account: '123456789012', region: 'us-east-1' },
  'eu-west-1': { account: '123456789012', region: 'eu-west-1' },
  'no-credentials': { region: 'us-east-1' },
  agnostic: {},
} as const satisfies Record<string, { account?: string; region?: string }>;
export type EnvironmentName = keyof typeof environments;
export type Environment = { readonly name: EnvironmentName; readonly account?: string; readonly region?: string };

/** A bootstrap with its own qualifier (`cdk bootstrap --qualifier`) renames the asset bucket. */
const customQualifier = { '@aws-cdk/core:bootstrapQualifier': 'custom123' };

/**
 * Every documented option with the values worth rehearsing: the stage (prod differs from dev), both
 * values of every on/off setting and each value of every choice (mfa) in lib/config.ts, read from
 * its schema, so an option added there joins the matrix by itself.
 */
export function documentedOptions(): Record<string, readonly string[]> {
  const choices = configKeys.flatMap((key) => {
    const values = settingChoices(key);
    return values ? [[key, values] as const] : [];
  });
  return { stage: ['dev', 'prod'], ...Object.fromEntries(choices) };
}

/**
 * A covering set of strength `strength`: every combination of values of any `strength` factors
 * (each option, the environment, the bootstrap qualifier) appears in at least one rehearsal. Greedy
 * and deterministic: each row starts from the first combination still open and fills the other
 * factors with the value that closes the most open combinations with the values already chosen.
 * The full product doubles with every on/off option (384 templates before refresh-token rotation);
 * a covering set grows with the logarithm of the options, so a new option costs a few rows.
 * - strength 2, every pair (`everyPair`): what test:e2e synthesizes with cdk-nag, and CI through the real CLI;
 * - strength 3, every triple (`everyTriple`): what `npm run rehearse` synthesizes in process, so a
 *   fault that needs three settings together (the site, a concrete region and a custom qualifier, say) shows.
 */
function coveringSet(strength: 2 | 3): Rehearsal[] {
  const factors: Array<[string, readonly string[]]> = [
    ...Object.entries(documentedOptions()),
    ['environment', Object.keys(environments)],
    ['qualifier', ['default', 'custom']],
  ];
  const keyOf = (assignment: ReadonlyArray<readonly [number, string]>) => assignment.map(([f, v]) => `${f}=${v}`).join('|');
  // A combination the synth refuses (incompatibleSettings, lib/config.ts) is neither to cover nor to choose.
  const refused = (assignment: ReadonlyArray<readonly [number, string | undefined]>) =>
    incompatibleSettings.some(({ when }) =>
      Object.entries(when).every(([key, value]) => assignment.some(([f, v]) => factors[f][0] === key && v === value)),
    );
  /** Every `strength` factors, in index order. */
  const groups = (function choose(from: number, size: number): number[][] {
    if (size === 0) return [[]];
    return Array.from({ length: factors.length - from }, (_, i) => from + i).flatMap((f) =>
      choose(f + 1, size - 1).map((rest) => [f, ...rest]),
    );
  })(0, strength);
  const open = new Map<string, Array<readonly [number, string]>>();
  for (const group of groups) {
    const assignments = group.reduce<Array<Array<readonly [number, string]>>>(
      (partial, f) => partial.flatMap((assignment) => factors[f][1].map((v) => [...assignment, [f, v] as const])),
      [[]],
    );
    for (const assignment of assignments) if (!refused(assignment)) open.set(keyOf(assignment), assignment);
  }
  const closedBy = (row: ReadonlyArray<string | undefined>) =>
    groups
      .filter((group) => group.every((f) => row[f] !== undefined))
      .map((group) => keyOf(group.map((f) => [f, row[f] as string] as const)));
  const rows: string[][] = [];
  while (open.size > 0) {
    const row: Array<string | undefined> = factors.map(() => undefined);
    const [seed] = open.values();
    for (const [f, v] of seed) row[f] = v;
    for (const [f, [, values]] of factors.entries()) {
      if (row[f] !== undefined) continue;
      const gain = (v: string) => {
        const candidate = row.map((chosen, g) => (g === f ? v : chosen));
        if (refused(candidate.map((chosen, g) => [g, chosen] as const))) return -1;
        return closedBy(candidate).filter((key) => open.has(key)).length;
      };
      row[f] = values.reduce((best, v) => (gain(v) > gain(best) ? v : best), values[0]);
    }
    for (const key of closedBy(row)) open.delete(key);
    rows.push(row as string[]);
  }
  return rows.map((row) => {
    const values = Object.fromEntries(factors.map(([name], f) => [name, row[f]]));
    const { environment, qualifier, ...context } = values;
    return rehearsal({ ...context, ...(qualifier === 'custom' ? customQualifier : {}) }, environment as EnvironmentName);
  });
}

/** Every pair of values of any two factors in at least one rehearsal (coveringSet). */
export const everyPair = (): Rehearsal[] => coveringSet(2);

/** Every triple of values of any three factors in at least one rehearsal (coveringSet). */
export const everyTriple = (): Rehearsal[] => coveringSet(3);

function rehearsal(context: Record<string, string>, env: EnvironmentName): Rehearsal {
  const label = Object.entries(context)
    .filter(([key, value]) => value !== String((configDefaults as Record<string, unknown>)[key]))
    .map(([key, value]) => (key.startsWith('@') ? 'qualifier' : `${key}=${value}`));
  return { name: [env, ...label].join(' '), context, environment: { name: env, ...environments[env] } };
}

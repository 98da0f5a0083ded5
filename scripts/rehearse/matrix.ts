import { configDefaults, configKeys, settingChoices } from '../../lib/config';

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
 * Options rehearsed in the covering set only (`everyPair`, through the real CLI), left at their
 * default in `everyCombination`: each on/off option multiplied in would double it. `waf` adds a
 * web ACL and its association beside the stage and changes nothing the other options set, so its
 * pairs with every other option's values are what can go wrong together.
 */
export const pairwiseOnly: readonly string[] = ['waf'];

/** Every combination of the documented options but `pairwiseOnly`, in every environment: what CI synthesizes. */
export function everyCombination(): Rehearsal[] {
  const options = Object.entries(documentedOptions()).filter(([key]) => !pairwiseOnly.includes(key));
  const combinations = options.reduce<Record<string, string>[]>(
    (rows, [key, values]) => rows.flatMap((row) => values.map((value) => ({ ...row, [key]: value }))),
    [{}],
  );
  return combinations.flatMap((context) =>
    (Object.keys(environments) as EnvironmentName[]).map((env) => rehearsal(context, env)),
  );
}

/**
 * A covering set: every pair of values of any two factors (each option, the environment, the
 * bootstrap qualifier) appears in at least one rehearsal. Greedy all-pairs, deterministic. It is
 * what `npm test` synthesizes: a fault that needs two settings together (the demo site with a
 * concrete region, say) shows up here, in a tenth of the full product's time.
 */
export function everyPair(): Rehearsal[] {
  const factors: Array<[string, readonly string[]]> = [
    ...Object.entries(documentedOptions()),
    ['environment', Object.keys(environments)],
    ['qualifier', ['default', 'custom']],
  ];
  const key = (a: number, va: string, b: number, vb: string) => `${a}=${va}|${b}=${vb}`;
  /** Every pair of values of two different factors in `row` (a row of every factor's value, or one being built). */
  const pairsOf = (row: readonly (readonly string[])[]) =>
    row.flatMap((valuesA, a) =>
      row.slice(a + 1).flatMap((valuesB, offset) => valuesA.flatMap((va) => valuesB.map((vb) => key(a, va, a + 1 + offset, vb)))),
    );
  const uncovered = new Set(pairsOf(factors.map(([, values]) => values)));
  const rows: string[][] = [];
  while (uncovered.size > 0) {
    const row: string[] = [];
    for (const [f, [, values]] of factors.entries()) {
      // The value that covers the most pairs still open with the values chosen so far (ties: the first).
      const gain = (v: string) => row.filter((chosen, g) => uncovered.has(key(g, chosen, f, v))).length;
      row.push(values.reduce((best, v) => (gain(v) > gain(best) ? v : best), firstOpenValue(uncovered, f, values)));
    }
    for (const pair of pairsOf(row.map((value) => [value]))) uncovered.delete(pair);
    rows.push(row);
  }
  return rows.map((row) => {
    const values = Object.fromEntries(factors.map(([name], f) => [name, row[f]]));
    const { environment, qualifier, ...context } = values;
    return rehearsal({ ...context, ...(qualifier === 'custom' ? customQualifier : {}) }, environment as EnvironmentName);
  });
}

/** A value of factor `f` that still has an open pair, so that every row makes progress. */
function firstOpenValue(uncovered: Set<string>, f: number, values: readonly string[]): string {
  return values.find((v) => [...uncovered].some((pair) => pair.split('|').includes(`${f}=${v}`))) ?? values[0];
}

function rehearsal(context: Record<string, string>, env: EnvironmentName): Rehearsal {
  const label = Object.entries(context)
    .filter(([key, value]) => value !== String((configDefaults as Record<string, unknown>)[key]))
    .map(([key, value]) => (key.startsWith('@') ? 'qualifier' : `${key}=${value}`));
  return { name: [env, ...label].join(' '), context, environment: { name: env, ...environments[env] } };
}

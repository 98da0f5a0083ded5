import { configDefaults, configFromContext, configKeys, settingChoices } from '../../lib/config';

/** One way a user runs `cdk synth`: the context they pass and the environment the CLI hands the app. */
export interface Rehearsal {
  readonly name: string;
  readonly context: Record<string, string>;
  readonly environment: Environment;
  /** The value of each factor of the covering set: an option's, a profile's name, the environment's, the qualifier's. */
  readonly factors: Record<string, string>;
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

/** An ACM certificate ARN in `region`. */
function certificateIn(region: string): string {
  return `arn:aws:acm:${region}:123456789012:certificate/0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d`;
}

/**
 * Settings of many values (an address, an ARN) that work together, rehearsed as profiles: each a
 * factor of the covering set whose values stand for a set of context keys, so that every key is
 * synthesized and a setting is never rehearsed without the one it needs.
 */
export const profiles: Record<string, Record<string, Record<string, string>>> = {
  alarms: {
    off: {},
    email: { alarmEmail: 'ops@example.com' },
    topic: { alarmTopicArn: 'arn:aws:sns:REGION:123456789012:alarms' },
  },
  domain: {
    none: {},
    // The certificate's Region must be the stack's (lib/auth-api-stack.ts): a rehearsal has one
    // Region or none, so an ARN's REGION is the row's (coveringSet), as is the alarm topic's.
    cname: { domainName: 'api.example.com', certificateArn: certificateIn('REGION') },
    route53: {
      domainName: 'api.example.com',
      certificateArn: certificateIn('REGION'),
      hostedZoneId: 'Z0123456789ABCDEFGHIJ',
    },
  },
  email: {
    cognito: {},
    ses: { emailFrom: 'no-reply@example.com' },
    'ses-branded': {
      emailFrom: 'no-reply@example.com',
      emailFromName: 'Example App',
      replyTo: 'support@example.com',
      // A Region none of the environments has, so a rehearsal's "names no other region" still holds.
      sesRegion: 'us-west-2',
      sesConfigurationSet: 'auth-mail',
    },
  },
};

/**
 * Every documented option with the values worth rehearsing: the stage (prod differs from dev), the
 * groups (one, and two), the trigger settings that take a value (none, and one), both
 * values of every on/off setting and each value of every choice (mfa) in lib/config.ts, read from
 * its schema, so an option added there joins the matrix by itself.
 */
export function documentedOptions(): Record<string, readonly string[]> {
  const choices = configKeys.flatMap((key) => {
    const values = settingChoices(key);
    return values ? [[key, values] as const] : [];
  });
  const profileNames = Object.entries(profiles).map(([name, values]) => [name, Object.keys(values)] as const);
  // groups is a list: its default, and two groups, so that a second UserPoolGroup goes through the CLI.
  // The trigger settings (docs/triggers.md), off (empty) and on: defaultGroup names admin, in every groups value.
  return {
    stage: ['dev', 'prod'],
    groups: [configDefaults.groups.join(','), 'admin,editor'],
    allowedEmailDomains: ['', 'example.com,example.org'],
    defaultGroup: ['', 'admin'],
    ...Object.fromEntries(choices),
    ...Object.fromEntries(profileNames),
  };
}

/** Context a value needs beside it to synthesize: passwordless email codes need an SES sender (lib/config.ts). */
function companionsOf(context: Record<string, string>): Record<string, string> {
  return context.passwordless?.includes('email-otp') ? { emailFrom: 'no-reply@example.com' } : {};
}

/**
 * Whether values of some settings can go together: lib/config.ts refuses a few combinations at synth
 * (passwordlessConflicts: passwordless with mfa=required), which no rehearsal can hold. Factors that are not
 * settings (the environment, the qualifier) go with anything.
 */
export function compatible(values: Record<string, string>): boolean {
  const { environment: _, qualifier: __, ...options } = values;
  // A profile's settings, as a rehearsal spells them (in some Region: the rules do not depend on which).
  const context = Object.fromEntries(
    Object.entries(options).flatMap(([name, value]) =>
      name in profiles
        ? Object.entries(profiles[name][value] ?? {}).map(([key, v]) => [key, v.replace(':REGION:', ':us-east-1:')])
        : [[name, value]],
    ),
  );
  try {
    configFromContext({ ...companionsOf(context), ...context });
    return true;
  } catch {
    return false;
  }
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
  const isCompatible = (assignment: ReadonlyArray<readonly [number, string | undefined]>) =>
    compatible(Object.fromEntries(assignment.filter(([, v]) => v !== undefined).map(([f, v]) => [factors[f][0], v as string])));
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
    for (const assignment of assignments) if (isCompatible(assignment)) open.set(keyOf(assignment), assignment);
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
      const gain = (v: string) => closedBy(row.map((chosen, g) => (g === f ? v : chosen))).filter((key) => open.has(key)).length;
      // Only values that go with the ones chosen; the seed is compatible, so some always do.
      const fitting = values.filter((v) => isCompatible(row.map((chosen, g) => [g, g === f ? v : chosen] as const)));
      row[f] = fitting.reduce((best, v) => (gain(v) > gain(best) ? v : best), fitting[0]);
    }
    for (const key of closedBy(row)) open.delete(key);
    rows.push(row as string[]);
  }
  return rows.map((row) => {
    const values = Object.fromEntries(factors.map(([name], f) => [name, row[f]]));
    const { environment, qualifier, ...options } = values;
    const region: string = (environments[environment as EnvironmentName] as { region?: string }).region ?? 'us-east-1';
    const context = Object.fromEntries(
      Object.entries(options).flatMap(([name, value]) =>
        name in profiles
          ? Object.entries(profiles[name][value]).map(([key, v]) => [key, v.replace(':REGION:', `:${region}:`)])
          : [[name, value]],
      ),
    );
    return rehearsal(
      { ...companionsOf(context), ...context, ...(qualifier === 'custom' ? customQualifier : {}) },
      environment as EnvironmentName,
      values,
    );
  });
}

/** Every pair of values of any two factors in at least one rehearsal (coveringSet). */
export const everyPair = (): Rehearsal[] => coveringSet(2);

/** Every triple of values of any three factors in at least one rehearsal (coveringSet). */
export const everyTriple = (): Rehearsal[] => coveringSet(3);

/** A setting's default as `-c` would spell it: a list by its commas, an empty one as `off` (passwordless). */
function defaultValueOf(key: string): string {
  const value = (configDefaults as Record<string, unknown>)[key];
  if (!Array.isArray(value)) return String(value);
  return value.join(',') || (settingChoices(key as keyof typeof configDefaults)?.includes('off') ? 'off' : '');
}

function rehearsal(context: Record<string, string>, env: EnvironmentName, factors: Record<string, string>): Rehearsal {
  const label = Object.entries(factors)
    .filter(([name, value]) =>
      name in profiles
        ? value !== Object.keys(profiles[name])[0]
        : name !== 'environment' && value !== defaultValueOf(name) && value !== 'default',
    )
    .map(([name, value]) => (name === 'qualifier' ? 'qualifier' : `${name}=${value}`));
  return { name: [env, ...label].join(' '), context, environment: { name: env, ...environments[env] }, factors };
}

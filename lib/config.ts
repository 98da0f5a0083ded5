import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Node } from 'constructs';
import { z } from 'zod';
import { localPorts } from './local-ports';

// CloudWatch Logs accepts only these retention periods (PutRetentionPolicy).
const retentionPeriods = Object.values(RetentionDays).filter((v): v is number => typeof v === 'number' && v > 0);

/** The group whose members may use the admin API (and `npm run admin`'s usual target). */
const ADMIN_GROUP = 'admin';

/** Context arrives as a string from `-c key=value` and as JSON from cdk.json. */
const flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).describe('true or false');
/** How a user signs in: with a password alone (`off`), with a TOTP factor when they enrolled one, or always with one. */
const mfaMode = z.enum(['off', 'optional', 'required']);
/** Which API Gateway flavor fronts the handlers: a REST API, or an HTTP API (docs/http-api.md). */
const apiFlavor = z.enum(['rest', 'http']);
const list = z.union([
  z.array(z.string()),
  z.string().transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  ),
]);
const integer = (min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).describe(`an integer from ${min} to ${max}`);
/** The passwordless first factors of choice-based sign-in this app offers (Cognito's WEB_AUTHN and EMAIL_OTP). */
const passwordlessFactor = z.enum(['passkey', 'email-otp']);
const passwordlessChoices = ['off', 'passkey', 'email-otp', 'passkey,email-otp'] as const;
// A domain name as a relying party id is one (https://www.w3.org/TR/webauthn-3/#rp-id): no scheme, port or path.
const domainName = /^(?=.{1,63}$)([a-z0-9]([a-z0-9-]*[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;
// A browser sends its Origin as scheme://host[:port]; "https://app.example/" (a trailing slash) would never match it.
const origin = z.url({ protocol: /^https?$/ }).refine((value) => URL.canParse(value) && new URL(value).origin === value);

/** `-c key=` (an empty value) leaves an optional setting unset, as leaving the key out does. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional()).describe(schema.description ?? '');
const email = z.email().max(254).describe('an email address such as no-reply@example.com');
// AWS Region names such as eu-west-1, us-gov-west-1 or ap-southeast-5.
const region = z
  .string()
  .regex(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/)
  .describe('an AWS Region such as eu-west-1');

/**
 * Every deploy-time setting, with its default and why. Values come from CDK context
 * (`cdk.json`, or `-c key=value` on the command line), and are validated here once, so a typo
 * fails the synth instead of the deploy. Each key's description is what its error message says it
 * must be, so the allowed values are written once.
 */
const configSchema = z.strictObject({
  /** Which copy of the stack: each stage is its own stack, `CognitoAuthApi-<stage>`. */
  stage: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,19}$/)
    .describe('1 to 20 lower-case letters, digits and dashes, starting with a letter')
    .default('dev'),
  /**
   * Minimum password length. NIST SP 800-63B §3.1.1.2 and OWASP ASVS 5 V6.2 favour length over
   * composition rules; Cognito accepts 6 to 99.
   */
  passwordMinLength: integer(8, 99).default(12),
  /** Id and access token lifetime. Short, because the authorizer honours an id token until it expires, even after sign-out. */
  tokenValidityMinutes: integer(5, 1440).default(60),
  /** Refresh token lifetime. */
  refreshTokenValidityDays: integer(1, 3650).default(30),
  /**
   * Refresh-token rotation: each POST /refresh answers a new refresh token and ends the one sent,
   * so a stolen refresh token stops working once either holder refreshes (RFC 9700 §4.14, which
   * asks it of a public client like ours). Cognito offers it in the Essentials and Plus feature
   * plans only, so it moves the pool from Lite to Essentials (docs/COST.md); false keeps Lite and
   * one refresh token for the whole session. SECURITY.md, "POST /refresh and POST /sign-out".
   * https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-refresh-token.html#using-the-refresh-token-rotation
   */
  refreshTokenRotation: flag.default(true),
  /**
   * With rotation, how long the refresh token just rotated out still works (Cognito's
   * RetryGracePeriodSeconds, 0 to 60), so that a refresh whose answer was lost can be retried. The
   * trade-off: for these seconds a stolen rotated-out token works too. 10 covers every retry the
   * handler's SDK makes: its standard retry mode makes 3 attempts, with backoffs of at most 0.4 s
   * (2 s when throttled) (https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html,
   * @smithy/core util-retry constants), all inside the function's 10 s timeout
   * (lib/handler-function.ts). Ignored without rotation.
   */
  refreshTokenGracePeriodSeconds: integer(0, 60).default(10),
  /**
   * Browser origins allowed to call the API (CORS). Comma-separated on the command line; empty for
   * none, which leaves the API without CORS: servers and apps call it, no web page can read its answers.
   * Left out, it depends on the stage (`corsOriginsFor`): the local page's origins in `dev`, none in any other.
   */
  corsOrigins: list
    .pipe(z.array(z.union([z.literal('*'), origin])))
    // API Gateway's CDK CORS options refuse "*" beside an origin ("cannot mix").
    .refine((origins) => !origins.includes('*') || origins.length === 1)
    .describe('comma-separated origins such as https://app.example.com (scheme, host and port, no path), or * alone')
    .optional(),
  /**
   * Steady-state requests per second the stage accepts before answering 429. The unauthenticated
   * routes that reach Cognito each get a tenth of it, and of the burst (`methodThrottles`, contract/routes.ts).
   */
  throttlingRateLimit: integer(1, 10_000).default(100),
  /** Requests the stage accepts at once above the rate (token bucket size). */
  throttlingBurstLimit: integer(1, 5_000).default(200),
  /** How long the API's access logs and the functions' logs are kept, in days. */
  logRetentionDays: z.coerce
    .number()
    .refine((days) => retentionPeriods.includes(days))
    .describe(`one of the retention periods CloudWatch Logs accepts: ${retentionPeriods.join(', ')}`)
    .default(365),
  /**
   * Cognito threat protection (compromised-credential and adaptive-authentication checks, enforced).
   * Needs the Plus feature plan, billed per monthly active user.
   */
  threatProtection: flag.default(false),
  /**
   * Two-factor sign-in with a TOTP authenticator app (Cognito's Lite plan includes it; SMS stays
   * off, SECURITY.md says why). `optional`: any user may enrol (POST /mfa/totp) and is then asked
   * for a code at every sign-in. `required`: every user must have a factor, and one without sets it
   * up at sign-in. `off`: no factor, and no /mfa or /sign-in/totp routes. `true` and `false`, the
   * flag's older values, still mean `optional` and `off`.
   */
  mfa: z
    .union([mfaMode, flag.transform((on) => (on ? 'optional' : 'off'))])
    .describe(`one of ${mfaMode.options.join(', ')} (true and false still mean optional and off)`)
    .default('optional'),
  /**
   * Deploy the demo page (web/) too: a private S3 bucket behind CloudFront, its origin added to
   * corsOrigins. Off by default: the API is the product, the page a way to try it.
   */
  site: flag.default(false),
  /**
   * Create API Gateway's account-wide CloudWatch Logs role (AWS::ApiGateway::Account), which the
   * stage's execution logging needs. There is one per account and region: every stack that sets it
   * overwrites it, and it is retained on destroy. Set false where the account already has one.
   */
  apiGatewayAccountRole: flag.default(true),
  /**
   * A Cognito identity pool that exchanges a signed-in user's id token for temporary AWS
   * credentials, and the routes that use them: POST /credentials, and GET /private, which API
   * Gateway authorizes by the request's SigV4 signature (AWS_IAM). Set false for the user pool
   * authorizer alone.
   */
  identityPool: flag.default(true),
  /**
   * An AWS WAF web ACL on the stage (lib/api-firewall.ts): a rate limit per client IP address on the
   * unauthenticated POST routes, and AWS's managed rule groups for an API (core rule set, known bad
   * inputs, IP reputation). Off by default: it is billed by the month and by the request (docs/COST.md).
   * REST API only: WAF cannot be associated with an HTTP API (docs/http-api.md).
   */
  waf: flag.default(false),
  /**
   * The user pool's groups (AWS::Cognito::UserPoolGroup), comma-separated, in order of precedence:
   * the first gets Precedence 0, Cognito's highest. Members carry them in their tokens' cognito:groups
   * claim. `admin` is the admin API's group and must be one of them. Names are letters, digits, `.`,
   * `_` and `-`, a subset of Cognito's pattern, so that a name is safe in the admin API's path.
   * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cognito-userpoolgroup.html
   */
  groups: list
    .pipe(z.array(z.string().regex(/^[A-Za-z0-9._-]{1,128}$/)))
    .refine((groups) => groups.includes(ADMIN_GROUP) && new Set(groups).size === groups.length)
    .describe(`comma-separated group names (letters, digits, . _ -, at most 128 each), no repeats, one of them ${ADMIN_GROUP}`)
    .default([ADMIN_GROUP]),
  /**
   * Sign-up only from these email domains (lower case, comma-separated): a pre sign-up trigger
   * (lambda/triggers/pre-sign-up.ts) refuses any other, and the API answers 403 SignUpNotAllowed.
   * Empty, the default: no trigger, anyone may sign up. docs/triggers.md.
   */
  allowedEmailDomains: list
    .pipe(z.array(z.string().regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/)))
    .describe('comma-separated lower-case email domains such as example.com, or empty for none')
    .default([]),
  /**
   * The group a user joins once their sign-up is confirmed: a post confirmation trigger
   * (lambda/triggers/post-confirmation.ts) calls AdminAddUserToGroup. One of `groups`; empty, the
   * default: no trigger. docs/triggers.md.
   */
  defaultGroup: z
    .string()
    .regex(/^([A-Za-z0-9._-]{1,128})?$/)
    .describe('the name of one of the groups (the groups setting), or empty for none')
    .default(''),
  /**
   * A `roles` claim, the user's groups, in the id token (and, on the Essentials and Plus feature
   * plans, in the access token, with a `group/<name>` scope per group): a pre token generation
   * trigger (lambda/triggers/pre-token-generation.ts), V2_0 where the plan allows it, V1_0 on Lite.
   * docs/triggers.md.
   */
  rolesClaim: flag.default(false),
  /**
   * Send Cognito's email through Amazon SES from this verified address (UserPoolEmail.withSES,
   * EmailSendingAccount DEVELOPER) instead of Cognito's own sender, whose daily quota is for trying
   * things out (docs/production.md, "Email"). Unset: Cognito's sender.
   */
  emailFrom: optional(email),
  /** The sender's display name beside emailFrom, e.g. `Example App`; CDK encodes it for the From header. */
  emailFromName: optional(
    z
      .string()
      .min(1)
      .max(64)
      .regex(/^[^\r\n<>@]+$/)
      .describe('a display name of 1 to 64 characters, without <, >, @ or line breaks'),
  ),
  /** Where replies go; SES's default is emailFrom itself. */
  replyTo: optional(email),
  /**
   * The Region of the SES identity; unset, the stack's own. Cognito also accepts some other
   * Regions (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-email.html).
   */
  sesRegion: optional(region),
  /** An SES configuration set applied to every message (event publishing, dedicated IPs). */
  sesConfigurationSet: optional(
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/)
      .describe('an SES configuration set name: 1 to 64 letters, digits, _ and -'),
  ),
  /**
   * Serve the API on this name too (a Regional API Gateway custom domain, TLS 1.2 or later, the
   * stage at its root); needs certificateArn. Unset: the execute-api URL alone.
   */
  domainName: optional(
    z
      .string()
      .max(253)
      .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/)
      .describe('a lower-case DNS name such as api.example.com'),
  ),
  /** An ACM certificate that covers domainName, in the stack's Region. */
  certificateArn: optional(
    z
      .string()
      .regex(/^arn:aws[a-z-]*:acm:[a-z]{2}(-[a-z]+)+-\d{1,2}:\d{12}:certificate\/[0-9a-f-]{36}$/)
      .describe('an ACM certificate ARN such as arn:aws:acm:eu-west-1:123456789012:certificate/<uuid>'),
  ),
  /** A Route 53 hosted zone for domainName: the stack adds the alias record. Unset: point a CNAME at the CustomDomainTarget output. */
  hostedZoneId: optional(
    z
      .string()
      .regex(/^Z[A-Z0-9]{1,31}$/)
      .describe('a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ'),
  ),
  /**
   * CloudWatch alarms and a dashboard (lib/monitoring.ts), the alarms mailed to this address through
   * a new SNS topic (SNS asks the address to confirm). Unset, with alarmTopicArn unset: none.
   */
  alarmEmail: optional(email),
  /** The same alarms sent to an existing SNS topic instead (a pager, a chat integration). */
  alarmTopicArn: optional(
    z
      .string()
      .regex(/^arn:aws[a-z-]*:sns:[a-z]{2}(-[a-z]+)+-\d{1,2}:\d{12}:[A-Za-z0-9_-]{1,256}$/)
      .describe('an SNS topic ARN such as arn:aws:sns:eu-west-1:123456789012:alarms'),
  ),
  /**
   * Passwordless sign-in through Cognito's choice-based sign-in (USER_AUTH): `passkey` (WebAuthn), `email-otp` (a code
   * emailed at each sign-in), or both, comma-separated; `off` (the default) for password sign-in only. The password
   * stays allowed either way. Either factor moves the pool to the Essentials feature plan (docs/COST.md), allows the
   * factors as first factors and ALLOW_USER_AUTH on the app client, and adds its routes (docs/passwordless.md).
   * Conflicts refused at synth (passwordlessConflicts): `mfa=required`, and `email-otp` without `emailFrom`.
   */
  passwordless: z
    .union([
      z.literal('off').transform((): Array<z.infer<typeof passwordlessFactor>> => []),
      z.array(passwordlessFactor),
      z.string().transform((value, ctx) => {
        const factors = value.split(',').map((part) => part.trim());
        const parsed = z.array(passwordlessFactor).safeParse(factors);
        if (!parsed.success) {
          ctx.addIssue({ code: 'custom', message: 'not a passwordless factor' });
          return z.NEVER;
        }
        return [...new Set(parsed.data)];
      }),
    ])
    .describe(`off, or passkey, email-otp or both comma-separated (${passwordlessChoices.join(' | ')})`)
    .default([]),
  /**
   * The WebAuthn relying party id of the passkeys (Cognito's WebAuthnRelyingPartyId): the host of the page that
   * registers and uses them, or a parent domain of it (https://www.w3.org/TR/webauthn-3/#rp-id). A passkey works only
   * on pages of that domain. `localhost` fits the local page (http://localhost:5173; not 127.0.0.1, since an IP address
   * is no relying party id); a deployment sets its page's domain, e.g. `-c passkeyRelyingPartyId=app.example.com`.
   * Without one Cognito falls back to the user pool domain, which this stack has none of
   * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_WebAuthnConfigurationType.html).
   * Ignored without `passwordless=passkey`.
   */
  passkeyRelyingPartyId: z
    .string()
    .regex(domainName)
    .describe('a lower-case domain name such as app.example.com (no scheme, port or path), or localhost')
    .default('localhost'),
  /**
   * Which API Gateway flavor fronts the handlers, from the same route table (docs/http-api.md).
   * `rest`: a REST API with the Cognito user pools authorizer, gateway responses in the API's error
   * envelope, WAF. `http`: an HTTP API with a JWT authorizer, cheaper per request
   * (docs/COST.md), whose own errors (401, 404) are API Gateway's fixed bodies.
   */
  api: apiFlavor.describe(`one of ${apiFlavor.options.join(', ')}`).default('rest'),
});

/** Settings that only mean something beside another: each names the one it needs. */
const needs: Array<[keyof z.infer<typeof configSchema>, keyof z.infer<typeof configSchema>]> = [
  ['emailFromName', 'emailFrom'],
  ['replyTo', 'emailFrom'],
  ['sesRegion', 'emailFrom'],
  ['sesConfigurationSet', 'emailFrom'],
  ['domainName', 'certificateArn'],
  ['certificateArn', 'domainName'],
  ['hostedZoneId', 'domainName'],
];

/**
 * Settings that cannot go together, each with why: the synth refuses them with this reason (one
 * line, naming the setting), and the rehearsal's covering set leaves them out (scripts/rehearse).
 */
const incompatibleSettings: ReadonlyArray<{
  readonly when: Readonly<Partial<Record<ConfigKey, string>>>;
  readonly why: string;
}> = [
  {
    when: { api: 'http', waf: 'true' },
    // AWS's comparison of the two flavors answers "AWS WAF: REST API yes, HTTP API no", and WAF's
    // own list of the resources it protects names "Amazon API Gateway REST API" only
    // (https://docs.aws.amazon.com/waf/latest/APIReference/Welcome.html).
    why: 'waf=true needs api=rest: AWS WAF cannot be associated with an HTTP API (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-vs-rest.html, "Security")',
  },
];
type ConfigKey = keyof z.infer<typeof configSchema>;

export type AuthApiConfig = Omit<z.infer<typeof configSchema>, 'corsOrigins'> & { corsOrigins: string[] };
export type MfaMode = AuthApiConfig['mfa'];
export type PasswordlessFactor = z.infer<typeof passwordlessFactor>;
/** The context keys of this app, each a setting above. */
export const configKeys = Object.keys(configSchema.shape) as Array<keyof AuthApiConfig>;

/** The origins of the page `npm start` serves (local/web-server.ts): only the dev stage allows them by default. */
function corsOriginsFor(stage: string): string[] {
  const port = localPorts.webPort.default;
  return stage === 'dev' ? [`http://127.0.0.1:${port}`, `http://localhost:${port}`] : [];
}

/**
 * A context value outside what its key allows. Its message is one line per bad key, naming the key,
 * what it allows and what it got: none of the keys is a secret, so the value is shown.
 */
export class InvalidContextError extends Error {}
// On the prototype, so that the stack's first line (what Node prints for an uncaught error, and
// what local/synth.ts looks for in the synth's stderr) names it.
InvalidContextError.prototype.name = 'InvalidContextError';

/** The config for a context: the defaults above, overridden by any context key of the same name. */
export function configFromContext(context: Record<string, unknown>): AuthApiConfig {
  const raw = Object.fromEntries(configKeys.map((key) => [key, context[key]]));
  const result = configSchema.safeParse(raw);
  if (result.success) {
    const { data } = result;
    // The rules across keys, each reported under the key to change.
    if (data.defaultGroup && !data.groups.includes(data.defaultGroup)) {
      throw new InvalidContextError(
        `Context key defaultGroup must be one of the groups (${data.groups.join(', ')}) (received: ${JSON.stringify(raw.defaultGroup)})`,
      );
    }
    const alone = needs.filter(([key, other]) => data[key] !== undefined && data[other] === undefined);
    if (data.alarmEmail !== undefined && data.alarmTopicArn !== undefined)
      throw new InvalidContextError(
        `Context key alarmTopicArn must be left out with alarmEmail: alarms go to one or the other (received: ${JSON.stringify(raw.alarmTopicArn)})`,
      );
    if (alone.length === 0) {
      const config = { ...data, corsOrigins: data.corsOrigins ?? corsOriginsFor(data.stage) };
      const conflicts = [
        ...passwordlessConflicts(config),
        ...incompatibleSettings
          .filter(({ when }) => Object.entries(when).every(([key, value]) => String(config[key as ConfigKey]) === value))
          .map(({ why }) => `Context keys: ${why}`),
      ];
      if (conflicts.length > 0) throw new InvalidContextError(conflicts.join('\n'));
      return config;
    }
    throw new InvalidContextError(
      alone
        .map(([key, other]) => `Context key ${key} needs ${other} too (received: ${JSON.stringify(raw[key])}, ${other} unset)`)
        .join('\n'),
    );
  }
  const badKeys = [...new Set(result.error.issues.map((issue) => issue.path[0] as keyof AuthApiConfig))];
  const problem = (key: keyof AuthApiConfig) =>
    `Context key ${key} must be ${allowedValues(key)} (received: ${JSON.stringify(raw[key])})`;
  throw new InvalidContextError(badKeys.map(problem).join('\n'));
}

/**
 * Settings that are each valid but cannot go together, one line per conflict naming both keys:
 * - passwordless with mfa=required: "MFA and passwordless cannot be used together" (Amplify's passwordless guide,
 *   https://docs.amplify.aws/react/build-a-backend/auth/concepts/passwordless/, citing Cognito's MFA prerequisites,
 *   https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html#user-pool-settings-mfa-prerequisites):
 *   where every user must give a second factor, no one could sign in without a password.
 * - email-otp without emailFrom: Cognito emails codes at sign-in through Amazon SES only
 *   (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-email.html says so of email MFA; of the email
 *   OTP first factor it is our reading, unverified).
 */
function passwordlessConflicts(config: Pick<AuthApiConfig, 'passwordless' | 'mfa' | 'emailFrom'>): string[] {
  const conflicts: string[] = [];
  const factors = config.passwordless.join(',');
  if (factors && config.mfa === 'required') {
    conflicts.push(
      `Context key passwordless=${factors} conflicts with mfa=required: Cognito offers no passwordless sign-in where every user must give a second factor (use mfa=optional or mfa=off)`,
    );
  }
  if (config.passwordless.includes('email-otp') && config.emailFrom === undefined) {
    conflicts.push(
      'Context key passwordless=email-otp needs emailFrom: Cognito emails sign-in codes only through Amazon SES (-c emailFrom=no-reply@your-verified-domain)',
    );
  }
  return conflicts;
}

/** What a key allows: the description of its schema, inside the default or optional wrapper. */
function allowedValues(key: keyof AuthApiConfig): string | undefined {
  const schema = configSchema.shape[key];
  return schema.description ?? ('unwrap' in schema ? schema.unwrap().description : undefined);
}

/**
 * The values of a setting that takes a few, read from its schema: both of an on/off setting, each
 * of a choice (mfa); undefined for a setting of many values (a number, a stage name).
 */
export function settingChoices(key: keyof AuthApiConfig): readonly string[] | undefined {
  if (key === 'passwordless') return passwordlessChoices;
  const setting = configSchema.shape[key];
  // An optional text (emailFrom, …) takes many values; the rehearsal covers it in a profile (scripts/rehearse/matrix.ts).
  if (!('unwrap' in setting)) return undefined;
  const schema = setting.unwrap();
  if (schema === flag) return ['false', 'true'];
  const choice = (schema instanceof z.ZodUnion ? schema.options : [schema]).find((option) => option instanceof z.ZodEnum);
  return choice?.options.map(String);
}

/** Every setting as it is when the context names none (the dev stage). */
export const configDefaults: AuthApiConfig = configFromContext({});

// Keys the aws-cdk CLI itself keeps in the context (cdk.json, cdk.context.json): read by its 2.1148 build.
const cliKeys = ['cli-telemetry', 'acknowledged-issue-numbers'];

/**
 * Each context key that looks like one of ours but is not (a typo, most likely, which would
 * otherwise leave the default silently in force), with the known key it most likely meant. Feature
 * flags (`@aws-cdk/…`) and the keys the CLI injects (`aws:cdk:…`) are not ours.
 */
export function unknownContextKeys(context: Record<string, unknown>): Array<{ key: string; meant?: keyof AuthApiConfig }> {
  const known: string[] = configKeys;
  return Object.keys(context)
    .filter((key) => !/[:@]/.test(key) && !cliKeys.includes(key) && !known.includes(key))
    .map((key) => ({ key, meant: closestKey(key) }));
}

/** A line for each unknown key, naming the key it most likely meant, else every known key. */
export function unknownContextKeyWarnings(context: Record<string, unknown>): string[] {
  return unknownContextKeys(context).map(({ key, meant }) =>
    meant
      ? `Unknown context key ${key} (ignored): did you mean ${meant}?`
      : `Unknown context key ${key} (ignored); the known keys are ${configKeys.join(', ')}`,
  );
}

/**
 * The known key nearest to `key` by edit distance (letters inserted, deleted, changed or two swapped;
 * case ignored), if it is near enough to be a typo of it: 2 edits, or a quarter of the key's length.
 */
function closestKey(key: string): keyof AuthApiConfig | undefined {
  const limit = Math.max(2, Math.floor(key.length / 4));
  let best: { key: keyof AuthApiConfig; distance: number } | undefined;
  for (const candidate of configKeys) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance <= limit && (!best || distance < best.distance)) best = { key: candidate, distance };
  }
  return best?.key;
}

/** Levenshtein distance with adjacent transpositions (optimal string alignment). */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * The config for this synth. Unknown keys are warned about on stderr, which `cdk synth` shows as
 * it runs; it shows no annotation on the app itself, only those under a stack (aws-cdk 2.1148.1).
 */
export function loadConfig(node: Node): AuthApiConfig {
  const context = node.getAllContext();
  for (const warning of unknownContextKeyWarnings(context)) process.stderr.write(`Warning: ${warning}\n`);
  return configFromContext(context);
}

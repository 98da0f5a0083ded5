import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Node } from 'constructs';
import { z } from 'zod';

// CloudWatch Logs accepts only these retention periods (PutRetentionPolicy).
const retentionPeriods = Object.values(RetentionDays).filter((v): v is number => typeof v === 'number' && v > 0);

/** Context arrives as a string from `-c key=value` and as JSON from cdk.json. */
const flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).describe('true or false');
const list = z.union([z.array(z.string()), z.string().transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))]);
const integer = (min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).describe(`an integer from ${min} to ${max}`);
// A browser sends its Origin as scheme://host[:port]; "https://app.example/" (a trailing slash) would never match it.
const origin = z.url({ protocol: /^https?$/ }).refine((value) => URL.canParse(value) && new URL(value).origin === value);

/**
 * Every deploy-time setting, with its default and why. Values come from CDK context
 * (`cdk.json`, or `-c key=value` on the command line), and are validated here once, so a typo
 * fails the synth instead of the deploy. Each key's description is what its error message says it
 * must be, so the allowed values are written once.
 */
const configSchema = z.strictObject({
  /** Which copy of the stack: each stage is its own stack, `CognitoAuthApi-<stage>`. @default 'dev' */
  stage: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,19}$/)
    .describe('1 to 20 lower-case letters, digits and dashes, starting with a letter'),
  /**
   * Minimum password length. NIST SP 800-63B §3.1.1.2 and OWASP ASVS 5 V6.2 favour length over
   * composition rules; Cognito accepts 6 to 99. @default 12
   */
  passwordMinLength: integer(8, 99),
  /** Id and access token lifetime. Short, because the authorizer honours an id token until it expires, even after sign-out. @default 60 */
  tokenValidityMinutes: integer(5, 1440),
  /** Refresh token lifetime. @default 30 */
  refreshTokenValidityDays: integer(1, 3650),
  /**
   * Browser origins allowed to call the API (CORS). Comma-separated on the command line; empty for
   * none, which leaves the API without CORS: servers and apps call it, no web page can read its answers.
   * @default the local page's origins (`npm start` serves it on port 5173) in the `dev` stage, none in any other
   */
  corsOrigins: list
    .pipe(z.array(z.union([z.literal('*'), origin])))
    // API Gateway's CDK CORS options refuse "*" beside an origin ("cannot mix").
    .refine((origins) => !origins.includes('*') || origins.length === 1)
    .describe('comma-separated origins such as https://app.example.com (scheme, host and port, no path), or * alone'),
  /** Steady-state requests per second the stage accepts before answering 429. @default 100 */
  throttlingRateLimit: integer(1, 10_000),
  /** Requests the stage accepts at once above the rate (token bucket size). @default 200 */
  throttlingBurstLimit: integer(1, 5_000),
  /** How long the API's access logs and the functions' logs are kept, in days. @default 365 */
  logRetentionDays: z.coerce
    .number()
    .refine((days) => retentionPeriods.includes(days))
    .describe(`one of the retention periods CloudWatch Logs accepts: ${retentionPeriods.join(', ')}`),
  /**
   * Cognito threat protection (compromised-credential and adaptive-authentication checks, enforced).
   * Needs the Plus feature plan, billed per monthly active user. @default false
   */
  threatProtection: flag,
  /** Let users add a TOTP second factor (Cognito `OPTIONAL` MFA). @default false */
  mfa: flag,
  /**
   * Deploy the demo page (web/) too: a private S3 bucket behind CloudFront, its origin added to
   * corsOrigins. Off by default: the API is the product, the page a way to try it. @default false
   */
  site: flag,
  /**
   * Create API Gateway's account-wide CloudWatch Logs role (AWS::ApiGateway::Account), which the
   * stage's execution logging needs. There is one per account and region: every stack that sets it
   * overwrites it, and it is retained on destroy. Set false where the account already has one.
   * @default true
   */
  apiGatewayAccountRole: flag,
});

export type AuthApiConfig = z.infer<typeof configSchema>;

/** The origins of the page `npm start` serves (local/web-server.ts, port 5173): only the dev stage allows them by default. */
const localPageOrigins = ['http://127.0.0.1:5173', 'http://localhost:5173'];

export const configDefaults: AuthApiConfig = {
  stage: 'dev',
  passwordMinLength: 12,
  tokenValidityMinutes: 60,
  refreshTokenValidityDays: 30,
  corsOrigins: [], // but localPageOrigins in the dev stage (defaultFor)
  throttlingRateLimit: 100,
  throttlingBurstLimit: 200,
  logRetentionDays: 365,
  threatProtection: false,
  mfa: false,
  site: false,
  apiGatewayAccountRole: true,
};

/** The default for a key the context leaves out; the CORS origins depend on the stage. */
function defaultFor(key: keyof AuthApiConfig, stage: unknown): unknown {
  if (key === 'corsOrigins' && stage === 'dev') return localPageOrigins;
  return configDefaults[key];
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
  const stage = context.stage ?? configDefaults.stage;
  const keys = Object.keys(configDefaults) as Array<keyof AuthApiConfig>;
  const raw = Object.fromEntries(keys.map((key) => [key, context[key] ?? defaultFor(key, stage)]));
  const result = configSchema.safeParse(raw);
  if (result.success) return result.data;
  const badKeys = [...new Set(result.error.issues.map((issue) => issue.path[0] as keyof AuthApiConfig))];
  const problem = (key: keyof AuthApiConfig) =>
    `Context key ${key} must be ${configSchema.shape[key].description} (received: ${JSON.stringify(raw[key])})`;
  throw new InvalidContextError(badKeys.map(problem).join('\n'));
}

// Keys the aws-cdk CLI itself keeps in the context (cdk.json, cdk.context.json): read by its 2.1148 build.
const cliKeys = ['cli-telemetry', 'acknowledged-issue-numbers'];

/**
 * A line for each context key that looks like one of ours but is not (a typo, most likely, which
 * would otherwise leave the default silently in force). Feature flags (`@aws-cdk/…`) and the keys
 * the CLI injects (`aws:cdk:…`) are not ours.
 */
export function unknownContextKeyWarnings(context: Record<string, unknown>): string[] {
  const known = Object.keys(configDefaults);
  return Object.keys(context)
    .filter((key) => !/[:@]/.test(key) && !cliKeys.includes(key) && !known.includes(key))
    .map((key) => `Unknown context key ${key} (ignored); the known keys are ${known.join(', ')}`);
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

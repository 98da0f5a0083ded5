import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Node } from 'constructs';
import { z } from 'zod';

// CloudWatch Logs accepts only these retention periods (PutRetentionPolicy).
const retentionPeriods = Object.values(RetentionDays).filter((v): v is number => typeof v === 'number' && v > 0);

/** Context arrives as a string from `-c key=value` and as JSON from cdk.json. */
const flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);
const list = z.union([z.array(z.string()), z.string().transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))]);

/**
 * Every deploy-time setting, with its default and why. Values come from CDK context
 * (`cdk.json`, or `-c key=value` on the command line), and are validated here once, so a typo
 * fails the synth instead of the deploy.
 */
const configSchema = z.strictObject({
  /** Which copy of the stack: each stage is its own stack, `CognitoAuthApi-<stage>`. @default 'dev' */
  stage: z.string().regex(/^[a-z][a-z0-9-]{0,19}$/, 'lower-case letters, digits and dashes, starting with a letter'),
  /**
   * Minimum password length. NIST SP 800-63B §3.1.1.2 and OWASP ASVS 5 V6.2 favour length over
   * composition rules; Cognito accepts 6 to 99. @default 12
   */
  passwordMinLength: z.coerce.number().int().min(8).max(99),
  /** Id and access token lifetime. Short, because the authorizer honours an id token until it expires, even after sign-out. @default 60 */
  tokenValidityMinutes: z.coerce.number().int().min(5).max(1440),
  /** Refresh token lifetime. @default 30 */
  refreshTokenValidityDays: z.coerce.number().int().min(1).max(3650),
  /** Browser origins allowed to call the API (CORS). Comma-separated on the command line. @default the local web page */
  corsOrigins: list.pipe(z.array(z.union([z.literal('*'), z.url({ protocol: /^https?$/ })])).min(1)),
  /** Steady-state requests per second the stage accepts before answering 429. @default 100 */
  throttlingRateLimit: z.coerce.number().int().min(1).max(10_000),
  /** Requests the stage accepts at once above the rate (token bucket size). @default 200 */
  throttlingBurstLimit: z.coerce.number().int().min(1).max(5_000),
  /** How long the API's access logs and the functions' logs are kept, in days. @default 365 */
  logRetentionDays: z.coerce.number().refine((d) => retentionPeriods.includes(d), `one of ${retentionPeriods.join(', ')}`),
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

export const configDefaults: AuthApiConfig = {
  stage: 'dev',
  passwordMinLength: 12,
  tokenValidityMinutes: 60,
  refreshTokenValidityDays: 30,
  corsOrigins: ['http://127.0.0.1:5173', 'http://localhost:5173'],
  throttlingRateLimit: 100,
  throttlingBurstLimit: 200,
  logRetentionDays: 365,
  threatProtection: false,
  mfa: false,
  site: false,
  apiGatewayAccountRole: true,
};

/** The config for this synth: the defaults above, overridden by any context key of the same name. */
export function loadConfig(node: Node): AuthApiConfig {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(configDefaults) as Array<keyof AuthApiConfig>) {
    raw[key] = node.tryGetContext(key) ?? configDefaults[key];
  }
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid cognito-auth-api context: ${problems}`);
  }
  return result.data;
}

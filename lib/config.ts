import type { Node } from 'constructs';
import { z } from 'zod';

/**
 * Every deploy-time setting, with its default and why. Values come from CDK context
 * (`cdk.json`, or `-c key=value` on the command line, which arrives as a string), and are
 * validated here once, so a typo fails the synth instead of the deploy.
 */
const configSchema = z.strictObject({
  /** Which copy of the stack: each stage is its own stack, `CognitoAuthApi-<stage>`. @default 'dev' */
  stage: z.string().regex(/^[a-z][a-z0-9-]{0,19}$/, 'stage: lower-case letters, digits and dashes, starting with a letter'),
  /**
   * Minimum password length. NIST SP 800-63B §3.1.1.2 and OWASP ASVS 5 V6.2 favour length over
   * composition rules; Cognito accepts 6 to 99. @default 12
   */
  passwordMinLength: z.coerce.number().int().min(8).max(99),
  /** Id and access token lifetime. Short, because the authorizer honours an id token until it expires, even after sign-out. @default 60 */
  tokenValidityMinutes: z.coerce.number().int().min(5).max(1440),
  /** Refresh token lifetime. @default 30 */
  refreshTokenValidityDays: z.coerce.number().int().min(1).max(3650),
});

export type AuthApiConfig = z.infer<typeof configSchema>;

export const configDefaults: AuthApiConfig = {
  stage: 'dev',
  passwordMinLength: 12,
  tokenValidityMinutes: 60,
  refreshTokenValidityDays: 30,
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

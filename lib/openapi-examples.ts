import type { ErrorCode } from '../contract/errors';
import { BAD_ACCESS_TOKEN, INCORRECT_CREDENTIALS, WRONG_TOTP_CODE } from '../lambda/api/errors';

type JsonSchema = {
  type?: string;
  const?: unknown;
  enum?: readonly unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: readonly JsonSchema[];
};

const FAKE_JWT = 'eyJraWQiOiJleGFtcGxlIiwiYWxnIjoiUlMyNTYifQ.eyJzdWIiOiJleGFtcGxlIn0.c2lnbmF0dXJl';
const SUB = '8c1e4b6a-2f0d-4c59-9a3e-6d7b5f2e1a90';
const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/**
 * What a field holds in the examples, by its name, or by `Schema.field` where one name means
 * different things. A field of no entry gets its type's plainest value (a constant, the first
 * enum value, the minimum); every value is held to its field's schema by exampleOf.
 */
const sampleValues: Record<string, unknown> = {
  email: 'jane@example.com',
  password: 'correct horse battery staple',
  currentPassword: 'correct horse battery staple',
  newPassword: 'a new horse, a new battery',
  code: '123456',
  session: `AYABeJx3${'q'.repeat(40)}`,
  idToken: FAKE_JWT,
  accessToken: FAKE_JWT,
  refreshToken: 'eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ.example.refresh.token',
  expiresIn: 3600,
  userSub: SUB,
  sub: SUB,
  userConfirmed: false,
  emailVerified: true,
  destination: 'j***@e***',
  secret: TOTP_SECRET,
  otpauthUri: `otpauth://totp/cognito-auth-api:jane%40example.com?issuer=cognito-auth-api&secret=${TOTP_SECRET}&algorithm=SHA1&digits=6&period=30`,
  identityId: `us-east-1:${SUB}`,
  accessKeyId: 'ASIAEXAMPLEEXAMPLE12',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE//////////wEaCXVzLWVhc3QtMSJHMEUCIQ',
  expiration: '2026-01-01T13:00:00.000Z',
  'PublicResponse.message': 'Hello from a public route: no token needed.',
  'SecretResponse.message': 'Hello from a route only signed-in users reach.',
  'PrivateResponse.message': 'Hello from a route only SigV4-signed requests reach.',
};

/**
 * An example of a JSON Schema (zod's output, OpenAPI 3.1's dialect): every property filled in,
 * from sampleValues or the schema's own constraints. `name` is the schema's component name. Throws
 * when a sample breaks its field's pattern, so a changed schema shows here before it reaches a reader.
 */
export function exampleOf(schema: JsonSchema, name: string, field?: string): unknown {
  if ('const' in schema) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.anyOf) return exampleOf(schema.anyOf[0], name, field);
  const sample = field === undefined ? undefined : (sampleValues[`${name}.${field}`] ?? sampleValues[field]);
  switch (schema.type) {
    case 'object':
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([key, property]) => [key, exampleOf(property, name, key)]),
      );
    case 'array':
      return schema.items ? [exampleOf(schema.items, name, field)] : [];
    case 'string':
      return stringExample(
        schema,
        typeof sample === 'string' ? sample : schema.format === 'email' ? 'jane@example.com' : 'text',
        field,
      );
    case 'number':
    case 'integer':
      return typeof sample === 'number' ? sample : (schema.minimum ?? 0);
    case 'boolean':
      return typeof sample === 'boolean' ? sample : true;
    default:
      throw new Error(`No example for ${name}.${field ?? ''}: its schema has no type this knows`);
  }
}

function stringExample(schema: JsonSchema, sample: string, field = ''): string {
  const long = sample.padEnd(schema.minLength ?? 0, 'x');
  const value = schema.maxLength === undefined ? long : long.slice(0, schema.maxLength);
  if (schema.pattern && !new RegExp(schema.pattern, 'u').test(value)) {
    throw new Error(`The example of ${field} (${value}) breaks its pattern ${schema.pattern}: add a sample that fits`);
  }
  return value;
}

const REQUEST_ID = '0f8b8a8e-1c8e-4a8e-9b1e-2f8e6c5d4a3b';

/**
 * A gateway response's message (lib/gateway-responses.ts) as a caller reads it: its template is a
 * JSON string with $context.requestId in it at most. Undefined for one that passes on API
 * Gateway's own words ($context.error.messageString), which this cannot know.
 */
export function gatewayMessageExample(template: string): string | undefined {
  return template.startsWith('"') ? JSON.parse(template.replace('$context.requestId', REQUEST_ID)) : undefined;
}

/**
 * A message each error code answers with, for the error examples. Where the API always words a
 * code alike, it is that wording; otherwise one of the messages the handlers give for it.
 */
export const errorMessageExamples: Record<ErrorCode, string> = {
  InvalidRequest: '"email" must be an email address.',
  InvalidPassword: 'Passwords need at least 12 characters. (Password not long enough)',
  UserExists: 'An account with this email already exists.',
  CodeMismatch: WRONG_TOTP_CODE.message,
  CodeExpired: 'The code has expired: request a new one.',
  NotAuthorized: INCORRECT_CREDENTIALS,
  UserNotConfirmed: 'Confirm your email with the code we sent before signing in.',
  ChallengeRequired: 'This account needs a further sign-in step (NEW_PASSWORD_REQUIRED) that this API does not offer.',
  MfaRequired:
    'This deployment requires a second factor, so it cannot be turned off; POST /mfa/totp and /mfa/totp/verify replace it.',
  TooManyRequests: 'Too many requests: slow down and try again later.',
  Unauthorized: BAD_ACCESS_TOKEN.message,
  AccessDenied: 'These AWS credentials may not call this route: sign with the credentials POST /credentials returns.',
  NotFound: 'No such route: check the method and path.',
  InternalError: `Something went wrong on our side (request id ${REQUEST_ID}).`,
};

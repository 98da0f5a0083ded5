import { errors } from './errors';
import type { UserRecord } from './pool-state';
import type { JsonObject } from './request';
import type { AppClientSettings, PoolSettings } from './settings';

/**
 * User attributes: the pool's schema, which of them an app client reads and writes, and Cognito's
 * refusals when a request writes one it may not. Developer Guide, "Working with user attributes"
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html):
 * "If your app tries to set a value for an attribute that it isn't authorized to write, Amazon
 * Cognito returns NotAuthorizedException. GetUser requests include an access token with an app
 * client claim; Amazon Cognito only returns values for attributes that your app client can read.
 * Your user's ID token from an app only contains claims that correspond to the readable attributes.
 * All app clients can write user pool required attributes."
 */

/** The standard attributes every user pool has, whatever its Schema says (same page, "Standard attributes"). */
const STANDARD_ATTRIBUTES = [
  'address',
  'birthdate',
  'email',
  'family_name',
  'gender',
  'given_name',
  'locale',
  'middle_name',
  'name',
  'nickname',
  'phone_number',
  'picture',
  'preferred_username',
  'profile',
  'updated_at',
  'website',
  'zoneinfo',
] as const;

/**
 * Set by Cognito on verification; in the schema, readable by default, and written by an app client
 * only if its WriteAttributes name them: sign-up with email_verified is "A client attempted to
 * write unauthorized attribute" (aws/aws-sdk-js#3603).
 */
const VERIFICATION_FLAGS = ['email_verified', 'phone_number_verified'];

/** One attribute of the pool's schema, as the twin enforces it. */
export interface AttributeSchema {
  /** As requests name it: `name`, `custom:team`. */
  name: string;
  required: boolean;
  mutable: boolean;
  minLength: number;
  maxLength: number;
}

/**
 * A value's length limit: AttributeType's Value is at most 2,048 characters (API Reference,
 * AttributeType; AWS::Cognito::UserPoolUser AttributeType "Maximum: 2048"), the default of a
 * string attribute's MaxLength too (CDK StringAttributeProps maxLen "default: 2048").
 */
const ATTRIBUTE_VALUE_MAX = 2048;

/**
 * The pool's schema from the template's `Schema`: every standard attribute (optional and mutable,
 * Cognito's default), changed where the template lists it, and each custom attribute as
 * `custom:<Name>`. The twin stores strings: a custom attribute of another data type is refused at
 * load rather than stored unlike Cognito would.
 */
export function attributeSchemaOf(schema: readonly JsonObject[] | undefined): AttributeSchema[] {
  const byName = new Map<string, AttributeSchema>(
    [...STANDARD_ATTRIBUTES, ...VERIFICATION_FLAGS, 'sub'].map((name) => [
      name,
      { name, required: false, mutable: name !== 'sub', minLength: 0, maxLength: ATTRIBUTE_VALUE_MAX },
    ]),
  );
  for (const entry of schema ?? []) {
    const given = String(entry.Name);
    const standard = byName.has(given);
    const dataType = entry.AttributeDataType ?? 'String';
    if (dataType !== 'String') {
      throw new Error(`Local mode stores String attributes only; the template's Schema gives ${given} the type ${dataType}`);
    }
    const constraints = (entry.StringAttributeConstraints ?? {}) as { MinLength?: string; MaxLength?: string };
    const name = standard ? given : `custom:${given}`;
    const base = byName.get(name);
    byName.set(name, {
      name,
      required: entry.Required === true || entry.Required === 'true',
      // Absent: a standard attribute stays mutable (Cognito's default); a custom one is immutable,
      // the CDK's default (CustomAttributeProps mutable "default: false"), which it always writes (unverified for CloudFormation's own).
      mutable: entry.Mutable === undefined ? (base?.mutable ?? false) : entry.Mutable === true || entry.Mutable === 'true',
      minLength: Number(constraints.MinLength ?? base?.minLength ?? 0),
      maxLength: Number(constraints.MaxLength ?? base?.maxLength ?? ATTRIBUTE_VALUE_MAX),
    });
  }
  return [...byName.values()];
}

/**
 * An app client's `ReadAttributes` and `WriteAttributes`, with Cognito's defaults when the template
 * leaves them out: "When you don't specify the ReadAttributes for your app client, your app can read
 * the values of email_verified, phone_number_verified, and the standard attributes of your user
 * pool", and WriteAttributes "the Standard attributes of your user pool" (API Reference,
 * UserPoolClientType: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UserPoolClientType.html).
 */
export function clientAttributesOf(client: JsonObject): Pick<AppClientSettings, 'readAttributes' | 'writeAttributes'> {
  const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : undefined);
  return {
    readAttributes: list(client.ReadAttributes) ?? [...STANDARD_ATTRIBUTES, ...VERIFICATION_FLAGS],
    writeAttributes: list(client.WriteAttributes) ?? [...STANDARD_ATTRIBUTES],
  };
}

/** A request's UserAttributes, each a Name and a Value. */
export type AttributeList = Array<{ Name: string; Value: string }>;

/**
 * UserAttributes as Cognito's request validator takes them: a list of AttributeType, each Name
 * 1 to 32 characters and each Value at most 2,048 (the service model's AttributeNameType and
 * AttributeValueType; Value is sensitive, so a message never quotes it). The member path
 * `userAttributes.<n>.member.value` is the AWS validator's form for list members (unverified for
 * this operation). Absent: an empty list, as SignUp takes it; UpdateUserAttributes requires one.
 */
export function attributeListOf(value: unknown): AttributeList {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    throw errors.invalidParameter(
      "1 validation error detected: Value at 'userAttributes' failed to satisfy constraint: Member must be a list",
    );
  }
  const violations: string[] = [];
  const list = value.map((entry: unknown, index) => {
    const at = `userAttributes.${index + 1}.member`;
    const { Name, Value } = (typeof entry === 'object' && entry !== null ? entry : {}) as JsonObject;
    if (typeof Name !== 'string')
      violations.push(`Value null at '${at}.name' failed to satisfy constraint: Member must not be null`);
    else if (Name.length < 1 || Name.length > 32)
      violations.push(
        `Value '${Name}' at '${at}.name' failed to satisfy constraint: Member must have length less than or equal to 32`,
      );
    if (Value !== undefined && Value !== null && typeof Value !== 'string')
      violations.push(`Value at '${at}.value' failed to satisfy constraint: Member must be a string`);
    else if (typeof Value === 'string' && [...Value].length > ATTRIBUTE_VALUE_MAX)
      violations.push(
        `Value at '${at}.value' failed to satisfy constraint: Member must have length less than or equal to ${ATTRIBUTE_VALUE_MAX}`,
      );
    return { Name: String(Name), Value: typeof Value === 'string' ? Value : '' };
  });
  if (violations.length > 0) {
    const count = violations.length === 1 ? '1 validation error' : `${violations.length} validation errors`;
    throw errors.invalidParameter(`${count} detected: ${violations.join('; ')}`);
  }
  return list;
}

/**
 * Holds a write of `attributes` by `client` to the pool's rules, in this order (Cognito's own order
 * between the checks is undocumented, unverified): every name in the schema, else
 * InvalidParameterException naming each unknown one; every name writable by the client (or, at
 * sign-up, required by the pool), else NotAuthorizedException; an immutable attribute never
 * changed once set; each value within its attribute's length constraints.
 */
export function assertWritable(
  settings: Pick<PoolSettings, 'attributeSchema'>,
  client: Pick<AppClientSettings, 'writeAttributes'>,
  attributes: AttributeList,
  at: { operation: 'SignUp' } | { operation: 'UpdateUserAttributes'; user: UserRecord },
): void {
  const schemaOf = (name: string) => settings.attributeSchema.find((attribute) => attribute.name === name);
  const unknown = attributes.filter(({ Name }) => !schemaOf(Name)).map(({ Name }) => Name);
  if (unknown.length > 0) throw errors.attributeNotInSchema(at.operation, unknown);
  for (const { Name, Value } of attributes) {
    const schema = schemaOf(Name) as AttributeSchema;
    const requiredAtSignUp = at.operation === 'SignUp' && schema.required;
    if (!client.writeAttributes.includes(Name) && !requiredAtSignUp) throw errors.unauthorizedAttribute();
    if (at.operation === 'UpdateUserAttributes' && !schema.mutable && storedValue(at.user, Name) !== undefined) {
      throw errors.immutableAttribute(Name);
    }
    const length = [...Value].length;
    if (Value !== '' && (length < schema.minLength || length > schema.maxLength)) {
      throw errors.attributeLength(Name, schema.minLength, schema.maxLength);
    }
  }
}

/** The value the user has for an attribute, or undefined. */
function storedValue(user: UserRecord, name: string): string | undefined {
  if (name === 'sub') return user.sub;
  if (name === 'email') return user.email;
  if (name === 'email_verified') return String(user.emailVerified);
  return user.attributes?.[name];
}

/**
 * The attributes besides the email that a write leaves the user with: "To delete an attribute from
 * your user, submit the attribute in your API request with a blank value" (API Reference,
 * UpdateUserAttributes).
 */
export function withAttributes(current: UserRecord['attributes'], attributes: AttributeList): Record<string, string> {
  const next = { ...(current ?? {}) };
  for (const { Name, Value } of attributes) {
    if (Name === 'email') continue;
    if (Value === '') delete next[Name];
    else next[Name] = Value;
  }
  return next;
}

/** Every attribute of the user, as the admin operations and the triggers see them (no client filters those). */
export function allAttributesOf(user: UserRecord): Record<string, string> {
  return { sub: user.sub, email: user.email, email_verified: String(user.emailVerified), ...(user.attributes ?? {}) };
}

/** The attributes `client` may read: GetUser's UserAttributes and the id token's claims. `sub` is always there. */
export function readableAttributesOf(
  user: UserRecord,
  client: Pick<AppClientSettings, 'readAttributes'>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(allAttributesOf(user)).filter(([name]) => name === 'sub' || client.readAttributes.includes(name)),
  );
}

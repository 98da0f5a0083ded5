import * as z from 'zod/mini';

/**
 * The signed-in user's profile: the user pool attributes a user sets at sign-up (POST /sign-up),
 * reads (GET /me, from the id token) and changes (PATCH /me), each with the API's field and
 * Cognito's attribute name. Declared once: the app client's read and write attributes
 * (lib/user-pool.ts), the bodies of POST /sign-up and PATCH /me, and the answers of GET and PATCH
 * /me are built from this table. docs/profile.md adds a custom attribute to it.
 */
export interface ProfileAttribute {
  /** Cognito's name: a standard attribute (`name`) or a custom one (`custom:team`). */
  readonly attribute: string;
  /** What a value may be, as the API takes it; Cognito holds it to the pool's schema again. */
  readonly value: z.ZodMiniType<string, string>;
}

/**
 * Text a person types for a profile field: spaces around it are trimmed (a form's stray space is
 * not part of a name), then 1 to `max` characters and no control characters. Cognito takes values
 * up to 2,048 characters (API Reference, AttributeType), but every value here rides in the id
 * token, which the client sends in Authorization with each call: a field's own limit keeps it small.
 */
function profileText(max: number) {
  return z.string().check(z.trim(), z.minLength(1), z.maxLength(max), z.regex(/^\P{Cc}*$/u, 'No control characters.'));
}

export const profileAttributes = {
  /**
   * The user's full name, Cognito's standard attribute `name` (the CDK calls it `fullname`): every
   * pool has it, optional and mutable by default, so the pool's Schema does not list it
   * (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html).
   * 256 characters is room for any name a person goes by.
   */
  name: { attribute: 'name', value: profileText(256) },
} as const satisfies Record<string, ProfileAttribute>;

type ProfileTable = typeof profileAttributes;
type Field = keyof ProfileTable;

/** The profile's fields as a body takes them: each optional, with its own schema. */
export const profileInput = Object.fromEntries(
  Object.entries(profileAttributes).map(([field, { value }]) => [field, z.optional(value)]),
) as { [F in Field]: z.ZodMiniOptional<ProfileTable[F]['value']> };

/** The profile's fields as an answer has them: each there when the user has a value. */
export const profileOutput = Object.fromEntries(
  Object.keys(profileAttributes).map((field) => [field, z.optional(z.string())]),
) as { [F in Field]: z.ZodMiniOptional<z.ZodMiniString> };

/** The profile's values as Cognito's UserAttributes (SignUp, UpdateUserAttributes). */
export function userAttributesOf(fields: Partial<Record<Field, string>>): Array<{ Name: string; Value: string }> {
  return Object.entries(fields).flatMap(([field, value]) =>
    value === undefined ? [] : [{ Name: profileAttributes[field as Field].attribute, Value: value }],
  );
}

/** The profile's fields from attributes by Cognito's names: GetUser's UserAttributes, or the id token's claims. */
export function profileFieldsOf(attributes: Readonly<Record<string, string | undefined>>): Partial<Record<Field, string>> {
  return Object.fromEntries(
    Object.entries(profileAttributes).flatMap(([field, { attribute }]) =>
      attributes[attribute] === undefined ? [] : [[field, attributes[attribute]]],
    ),
  );
}

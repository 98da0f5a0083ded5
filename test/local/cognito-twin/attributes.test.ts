import {
  AdminGetUserCommand,
  ConfirmSignUpCommand,
  GetUserCommand,
  InitiateAuthCommand,
  SignUpCommand,
  UpdateUserAttributesCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { attributeSchemaOf } from '../../../local/cognito-twin/attributes';
import { CLIENT, POOL_ID, testPoolSettings } from './pool-fixture';
import { failureOf, latestCode, PASSWORD, signInWithPassword, startTwin, type TwinUnderTest } from './twin-harness';

/**
 * User attributes as Cognito holds them (local/cognito-twin/attributes.ts), through the real SDK:
 * the pool's schema from a template's `Schema`, the app client's ReadAttributes and WriteAttributes,
 * and Cognito's exceptions when a request writes what it may not.
 */
const NARROW_CLIENT = 'narrowclient';
const [webClient] = testPoolSettings().clients;
const settings = {
  // As CDK writes the pool's Schema: email required, two custom attributes (CustomAttributeProps).
  attributeSchema: attributeSchemaOf([
    { Name: 'email', Required: true, Mutable: true },
    { Name: 'team', AttributeDataType: 'String', Mutable: true, StringAttributeConstraints: { MinLength: '1', MaxLength: '8' } },
    { Name: 'badge', AttributeDataType: 'String', Mutable: false },
  ]),
  clients: [
    {
      ...webClient,
      readAttributes: ['email', 'email_verified', 'name', 'custom:team', 'custom:badge'],
      writeAttributes: ['email', 'name', 'custom:team', 'custom:badge'],
    },
    { ...webClient, clientId: NARROW_CLIENT, readAttributes: ['email', 'email_verified'], writeAttributes: ['email'] },
  ],
};

let env: TwinUnderTest;
beforeEach(async () => {
  env = await startTwin({ settings });
});
afterEach(() => env.dispose());

const UNAUTHORIZED = { name: 'NotAuthorizedException', message: 'A client attempted to write unauthorized attribute' };
const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString());

async function signUp(email: string, attributes: Record<string, string>, clientId = CLIENT) {
  const UserAttributes = Object.entries(attributes).map(([Name, Value]) => ({ Name, Value }));
  await env.cognito.send(new SignUpCommand({ ClientId: clientId, Username: email, Password: PASSWORD, UserAttributes }));
  await env.cognito.send(
    new ConfirmSignUpCommand({ ClientId: clientId, Username: email, ConfirmationCode: latestCode(env.twin, email) }),
  );
  return signInWithPassword(env, email, clientId);
}
const update = (accessToken: string, attributes: Record<string, string>) =>
  env.cognito.send(
    new UpdateUserAttributesCommand({
      AccessToken: accessToken,
      UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
    }),
  );
const attributesOf = async (accessToken: string) => {
  const { UserAttributes } = await env.cognito.send(new GetUserCommand({ AccessToken: accessToken }));
  return Object.fromEntries((UserAttributes ?? []).map(({ Name, Value }) => [Name, Value]));
};
const refresh = async (refreshToken: string, clientId = CLIENT) =>
  (
    await env.cognito.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: { REFRESH_TOKEN: refreshToken },
      }),
    )
  ).AuthenticationResult!;

test('attributes given at sign-up are kept: GetUser lists them and the id token carries each as a string claim', async () => {
  const tokens = await signUp('ann@example.com', { name: 'Ann Lee', 'custom:team': 'blue', 'custom:badge': 'b-1' });
  expect(await attributesOf(tokens.AccessToken!)).toEqual({
    sub: expect.any(String),
    email: 'ann@example.com',
    email_verified: 'true',
    name: 'Ann Lee',
    'custom:team': 'blue',
    'custom:badge': 'b-1',
  });
  expect(claimsOf(tokens.IdToken!)).toMatchObject({ name: 'Ann Lee', 'custom:team': 'blue', email_verified: true });
});

test('UpdateUserAttributes changes the name at once, with no code mailed; the id token has it from the next refresh', async () => {
  const tokens = await signUp('ann@example.com', { name: 'Ann Lee' });
  const mails = env.twin.mailbox().length;
  expect((await update(tokens.AccessToken!, { name: 'Ann Smith', 'custom:team': 'red' })).CodeDeliveryDetailsList).toEqual([]);
  expect(env.twin.mailbox()).toHaveLength(mails);
  expect(await attributesOf(tokens.AccessToken!)).toMatchObject({ name: 'Ann Smith', 'custom:team': 'red' });
  expect(claimsOf(tokens.IdToken!).name).toBe('Ann Lee');
  expect(claimsOf((await refresh(tokens.RefreshToken!)).IdToken!)).toMatchObject({ name: 'Ann Smith', 'custom:team': 'red' });
});

test('an empty value removes the attribute', async () => {
  const tokens = await signUp('ann@example.com', { name: 'Ann Lee' });
  await update(tokens.AccessToken!, { name: '' });
  expect(await attributesOf(tokens.AccessToken!)).not.toHaveProperty('name');
  expect(claimsOf((await refresh(tokens.RefreshToken!)).IdToken!)).not.toHaveProperty('name');
});

test("an attribute outside the client's WriteAttributes: NotAuthorizedException, and nothing is written", async () => {
  const tokens = await signUp('ann@example.com', { name: 'Ann Lee' });
  expect(await failureOf(update(tokens.AccessToken!, { email_verified: 'false' }))).toEqual(UNAUTHORIZED);
  expect(await failureOf(update(tokens.AccessToken!, { name: 'Mallory', sub: 'x' }))).toEqual(UNAUTHORIZED);
  expect(await attributesOf(tokens.AccessToken!)).toMatchObject({ name: 'Ann Lee', email_verified: 'true' });
  // The narrow client writes only the email: not the name, at sign-up or after.
  const narrow = { ClientId: NARROW_CLIENT, Username: 'bob@example.com', Password: PASSWORD };
  const signUpNamed = new SignUpCommand({ ...narrow, UserAttributes: [{ Name: 'name', Value: 'Bob' }] });
  expect(await failureOf(env.cognito.send(signUpNamed))).toEqual(UNAUTHORIZED);
  const bob = await signUp('bob@example.com', {}, NARROW_CLIENT);
  expect(await failureOf(update(bob.AccessToken!, { name: 'Bob' }))).toEqual(UNAUTHORIZED);
});

test('the narrow client reads only its ReadAttributes: GetUser and the id token leave the name out; an administrator sees it', async () => {
  await signUp('ann@example.com', { name: 'Ann Lee' });
  const narrow = await signInWithPassword(env, 'ann@example.com', NARROW_CLIENT);
  expect(await attributesOf(narrow.AccessToken!)).toEqual({
    sub: expect.any(String),
    email: 'ann@example.com',
    email_verified: 'true',
  });
  expect(claimsOf(narrow.IdToken!)).not.toHaveProperty('name');
  const admin = await env.cognito.send(new AdminGetUserCommand({ UserPoolId: POOL_ID, Username: 'ann@example.com' }));
  expect(admin.UserAttributes).toContainEqual({ Name: 'name', Value: 'Ann Lee' });
});

test('an attribute the schema does not have: InvalidParameterException naming each, in the wording of each operation', async () => {
  const tokens = await signUp('ann@example.com', {});
  expect(await failureOf(update(tokens.AccessToken!, { 'custom:nope': '1', nickname: 'A', 'custom:other': '2' }))).toEqual({
    name: 'InvalidParameterException',
    message:
      'user.custom:nope: Attribute does not exist in the schema.\nuser.custom:other: Attribute does not exist in the schema.\n',
  });
  const signUpUnknown = new SignUpCommand({
    ClientId: CLIENT,
    Username: 'bob@example.com',
    Password: PASSWORD,
    UserAttributes: [{ Name: 'custom:nope', Value: '1' }],
  });
  expect(await failureOf(env.cognito.send(signUpUnknown))).toEqual({
    name: 'InvalidParameterException',
    message: 'Attributes did not conform to the schema: custom:nope: Attribute does not exist in the schema.\n',
  });
});

test("values outside the schema's length, or over Cognito's 2,048 characters, are InvalidParameterException", async () => {
  const tokens = await signUp('ann@example.com', { 'custom:team': 'blue' });
  expect(await failureOf(update(tokens.AccessToken!, { 'custom:team': 'ninechars' }))).toEqual({
    name: 'InvalidParameterException',
    message: 'user.custom:team: String must be between 1 and 8 characters long.',
  });
  expect(await failureOf(update(tokens.AccessToken!, { name: 'n'.repeat(2049) }))).toEqual({
    name: 'InvalidParameterException',
    message:
      "1 validation error detected: Value at 'userAttributes.1.member.value' failed to satisfy constraint: Member must have length less than or equal to 2048",
  });
  expect(await attributesOf(tokens.AccessToken!)).toMatchObject({ 'custom:team': 'blue' });
});

test('an immutable attribute is set at sign-up and never changed after', async () => {
  const tokens = await signUp('ann@example.com', { 'custom:badge': 'b-1' });
  expect(await failureOf(update(tokens.AccessToken!, { 'custom:badge': 'b-2' }))).toEqual({
    name: 'InvalidParameterException',
    message: 'user.custom:badge: Attribute cannot be updated. (changing an immutable attribute)',
  });
});

test("a template's Schema: standard attributes are always there, custom ones get their prefix, other data types are refused", () => {
  const schema = attributeSchemaOf([{ Name: 'team', AttributeDataType: 'String', Mutable: true }]);
  expect(schema.find((a) => a.name === 'name')).toEqual({
    name: 'name',
    required: false,
    mutable: true,
    minLength: 0,
    maxLength: 2048,
  });
  expect(schema.find((a) => a.name === 'custom:team')).toMatchObject({ mutable: true, maxLength: 2048 });
  expect(schema.find((a) => a.name === 'team')).toBeUndefined();
  expect(() => attributeSchemaOf([{ Name: 'age', AttributeDataType: 'Number' }])).toThrow(/String attributes only/);
});

test('attributes are durable: after a restart from the same state, GetUser and a refreshed id token still have them', async () => {
  const tokens = await signUp('ann@example.com', { name: 'Ann Lee' });
  await update(tokens.AccessToken!, { 'custom:team': 'blue' });
  await env.stop();
  env = await startTwin({ settings, stateDir: env.stateDir, clock: env.clock });
  expect(await attributesOf(tokens.AccessToken!)).toMatchObject({ name: 'Ann Lee', 'custom:team': 'blue' });
  expect(claimsOf((await refresh(tokens.RefreshToken!)).IdToken!)).toMatchObject({ name: 'Ann Lee', 'custom:team': 'blue' });
});

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  AssociateSoftwareTokenCommand,
  type AuthenticationResultType,
  ChangePasswordCommand,
  DeleteUserCommand,
  GetUserAttributeVerificationCodeCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  RevokeTokenCommand,
  SetUserMFAPreferenceCommand,
  SignUpCommand,
  UpdateUserAttributesCommand,
  VerifySoftwareTokenCommand,
  VerifyUserAttributeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeProtectedHeader, SignJWT } from 'jose';
import { assertSupportedPool } from '../../../local/cognito-twin/settings';
import { loadOrCreateSigningKeys } from '../../../local/cognito-twin/signing-key';
import { readPool } from '../../../local/stack-model/pool';
import { TemplateResources } from '../../../local/stack-model/template';
import { CLIENT, testPoolSettings } from './pool-fixture';
import { failureOf, latestCode, PASSWORD, signUpConfirmed, startTwin, type TwinUnderTest } from './twin-harness';

let env: TwinUnderTest;
let annSub: string;
beforeEach(async () => {
  env = await startTwin();
  annSub = await signUpConfirmed(env, 'ann@example.com');
});
afterEach(() => env.dispose());

const MINUTE = 60 * 1000;
const NEW_PASSWORD = 'Battery-staple-7';
const INCORRECT = { name: 'NotAuthorizedException', message: 'Incorrect username or password.' };
const INVALID_ACCESS = { name: 'NotAuthorizedException', message: 'Invalid Access Token' };
const EXPIRED_ACCESS = { name: 'NotAuthorizedException', message: 'Access Token has expired' };
const REVOKED_ACCESS = { name: 'NotAuthorizedException', message: 'Access Token has been revoked' };
const NO_SCOPE = { name: 'NotAuthorizedException', message: 'Access Token does not have required scopes' };
const REVOKED_REFRESH = { name: 'NotAuthorizedException', message: 'Refresh Token has been revoked' };
const INVALID_REFRESH = { name: 'NotAuthorizedException', message: 'Invalid Refresh Token.' };
const ALIAS_EXISTS = { name: 'AliasExistsException', message: 'An account with the given email already exists.' };

const signIn = async (email: string, password = PASSWORD): Promise<AuthenticationResultType> =>
  (
    await env.cognito.send(
      new InitiateAuthCommand({
        ClientId: CLIENT,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: email, PASSWORD: password },
      }),
    )
  ).AuthenticationResult!;
const refresh = (refreshToken: string) =>
  env.cognito.send(
    new InitiateAuthCommand({
      ClientId: CLIENT,
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      AuthParameters: { REFRESH_TOKEN: refreshToken },
    }),
  );
const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString());
const emailOf = async (accessToken: string) => {
  const { UserAttributes } = await env.cognito.send(new GetUserCommand({ AccessToken: accessToken }));
  return Object.fromEntries((UserAttributes ?? []).map(({ Name, Value }) => [Name, Value]));
};

const changePassword = (accessToken: string, previous = PASSWORD, proposed = NEW_PASSWORD) =>
  env.cognito.send(
    new ChangePasswordCommand({ AccessToken: accessToken, PreviousPassword: previous, ProposedPassword: proposed }),
  );
const changeEmail = (accessToken: string, email: string) =>
  env.cognito.send(
    new UpdateUserAttributesCommand({ AccessToken: accessToken, UserAttributes: [{ Name: 'email', Value: email }] }),
  );
const verifyEmail = (accessToken: string, code: string) =>
  env.cognito.send(new VerifyUserAttributeCommand({ AccessToken: accessToken, AttributeName: 'email', Code: code }));
const resendEmailCode = (accessToken: string) =>
  env.cognito.send(new GetUserAttributeVerificationCodeCommand({ AccessToken: accessToken, AttributeName: 'email' }));
const deleteUser = (accessToken: string) => env.cognito.send(new DeleteUserCommand({ AccessToken: accessToken }));

/** An access token signed with the twin's own key and issuer, as the twin would mint it but without the scope. */
async function accessTokenWithoutScope(accessToken: string): Promise<string> {
  const { scope, ...claims } = claimsOf(accessToken);
  expect(scope).toBe('aws.cognito.signin.user.admin');
  const key = (await loadOrCreateSigningKeys(env.stateDir)).accessToken;
  return new SignJWT(claims).setProtectedHeader(decodeProtectedHeader(accessToken) as { alg: string }).sign(key.privateKey);
}

/** Every operation the access token authorizes, each called with a valid rest of the request. */
const accessTokenOperations: [string, (accessToken: string) => Promise<unknown>][] = [
  ['ChangePassword', (token) => changePassword(token)],
  ['UpdateUserAttributes', (token) => changeEmail(token, 'ann.new@example.com')],
  ['VerifyUserAttribute', (token) => verifyEmail(token, '123456')],
  ['GetUserAttributeVerificationCode', (token) => resendEmailCode(token)],
  ['DeleteUser', (token) => deleteUser(token)],
  ['GlobalSignOut', (token) => env.cognito.send(new GlobalSignOutCommand({ AccessToken: token }))],
  ['GetUser', (token) => env.cognito.send(new GetUserCommand({ AccessToken: token }))],
  ['AssociateSoftwareToken', (token) => env.cognito.send(new AssociateSoftwareTokenCommand({ AccessToken: token }))],
  [
    'VerifySoftwareToken',
    (token) => env.cognito.send(new VerifySoftwareTokenCommand({ AccessToken: token, UserCode: '123456' })),
  ],
  [
    'SetUserMFAPreference',
    (token) =>
      env.cognito.send(new SetUserMFAPreferenceCommand({ AccessToken: token, SoftwareTokenMfaSettings: { Enabled: false } })),
  ],
];

describe('every account operation is authorized by the access token, checked as Cognito does', () => {
  it.each(accessTokenOperations)(
    '%s refuses an id token, garbage and an access token without the scope, and changes nothing',
    async (_, call) => {
      const { IdToken, AccessToken } = await signIn('ann@example.com');
      expect(await failureOf(call(IdToken!))).toEqual(INVALID_ACCESS);
      expect(await failureOf(call('garbage'))).toEqual(INVALID_ACCESS);
      expect(await failureOf(call(await accessTokenWithoutScope(AccessToken!)))).toEqual(NO_SCOPE);
      expect(env.twin.mailbox().filter((mail) => mail.kind === 'verify-email')).toEqual([]);
      expect(await emailOf((await signIn('ann@example.com')).AccessToken!)).toMatchObject({ email: 'ann@example.com' });
    },
  );

  it.each(accessTokenOperations)('%s refuses an expired access token and a revoked one', async (_, call) => {
    const expiring = await signIn('ann@example.com');
    env.clock.advance(60 * MINUTE);
    expect(await failureOf(call(expiring.AccessToken!))).toEqual(EXPIRED_ACCESS);
    const revoked = await signIn('ann@example.com');
    await env.cognito.send(new RevokeTokenCommand({ ClientId: CLIENT, Token: revoked.RefreshToken }));
    expect(await failureOf(call(revoked.AccessToken!))).toEqual(REVOKED_ACCESS);
  });
});

describe('ChangePassword', () => {
  it('sets the new password: it signs in, the old one no longer does, and the session stays signed in', async () => {
    const { AccessToken, RefreshToken } = await signIn('ann@example.com');
    await changePassword(AccessToken!);
    expect((await signIn('ann@example.com', NEW_PASSWORD)).AccessToken).toBeDefined();
    expect(await failureOf(signIn('ann@example.com'))).toEqual(INCORRECT);
    expect((await refresh(RefreshToken!)).AuthenticationResult?.AccessToken).toBeDefined();
  });

  it('answers a wrong previous password with NotAuthorizedException Incorrect username or password. and keeps the password', async () => {
    const { AccessToken } = await signIn('ann@example.com');
    expect(await failureOf(changePassword(AccessToken!, 'Wrong-password-1'))).toEqual(INCORRECT);
    expect((await signIn('ann@example.com')).AccessToken).toBeDefined();
    expect(await failureOf(signIn('ann@example.com', NEW_PASSWORD))).toEqual(INCORRECT);
  });

  it('answers a proposed password against the policy with InvalidPasswordException and keeps the password', async () => {
    const { AccessToken } = await signIn('ann@example.com');
    expect(await failureOf(changePassword(AccessToken!, PASSWORD, 'alllowercase1'))).toEqual({
      name: 'InvalidPasswordException',
      message: 'Password did not conform with policy: Password must have uppercase characters',
    });
    expect((await signIn('ann@example.com')).AccessToken).toBeDefined();
  });

  it('lets only one of two concurrent changes from the same previous password succeed', async () => {
    const { AccessToken } = await signIn('ann@example.com');
    const outcomes = await Promise.allSettled([
      changePassword(AccessToken!, PASSWORD, 'First-choice-1'),
      changePassword(AccessToken!, PASSWORD, 'Second-choice-2'),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    const winner = outcomes[0].status === 'fulfilled' ? 'First-choice-1' : 'Second-choice-2';
    const loser = winner === 'First-choice-1' ? 'Second-choice-2' : 'First-choice-1';
    expect((await signIn('ann@example.com', winner)).AccessToken).toBeDefined();
    expect(await failureOf(signIn('ann@example.com', loser))).toEqual(INCORRECT);
  });

  it('does not count wrong previous passwords toward the sign-in lockout', async () => {
    const { AccessToken } = await signIn('ann@example.com');
    for (let attempt = 0; attempt < 6; attempt += 1) {
      expect(await failureOf(changePassword(AccessToken!, 'Wrong-password-1'))).toEqual(INCORRECT);
    }
    expect((await signIn('ann@example.com')).AccessToken).toBeDefined();
  });
});

describe('UpdateUserAttributes, VerifyUserAttribute and GetUserAttributeVerificationCode: changing the email', () => {
  it('mails a code to the new address and keeps the old one as sign-in name, claim and attribute until verified', async () => {
    const { AccessToken } = await signIn('ann@example.com');
    expect(await changeEmail(AccessToken!, 'Ann.New@Example.org')).toMatchObject({
      CodeDeliveryDetailsList: [{ Destination: 'A***@E***.org', DeliveryMedium: 'EMAIL', AttributeName: 'email' }],
    });
    expect(env.twin.mailbox().at(-1)).toMatchObject({ to: 'Ann.New@Example.org', kind: 'verify-email' });
    const later = await signIn('ann@example.com');
    expect(await emailOf(later.AccessToken!)).toEqual({ sub: annSub, email: 'ann@example.com', email_verified: 'true' });
    expect(claimsOf(later.IdToken!)).toMatchObject({ email: 'ann@example.com', email_verified: true });
    expect(await failureOf(signIn('ann.new@example.org'))).toEqual(INCORRECT);
  });

  it('after verification the new email signs in and the old one does not; GetUser and the next id token carry it, verified', async () => {
    const { AccessToken, RefreshToken } = await signIn('ann@example.com');
    await changeEmail(AccessToken!, 'ann.new@example.org');
    await verifyEmail(AccessToken!, latestCode(env.twin, 'ann.new@example.org', 'verify-email'));
    const refreshed = (await refresh(RefreshToken!)).AuthenticationResult!;
    expect(claimsOf(refreshed.IdToken!)).toMatchObject({ email: 'ann.new@example.org', email_verified: true });
    const after = await signIn('ann.new@example.org');
    expect(claimsOf(after.IdToken!)).toMatchObject({ sub: annSub, email: 'ann.new@example.org', email_verified: true });
    expect(await emailOf(AccessToken!)).toEqual({ sub: annSub, email: 'ann.new@example.org', email_verified: 'true' });
    expect(await failureOf(signIn('ann@example.com'))).toEqual(INCORRECT);
  });

  it('frees the old email once the new one is verified: it can sign up again', async () => {
    const { AccessToken } = await signIn('ann@example.com');
    await changeEmail(AccessToken!, 'ann.new@example.org');
    await verifyEmail(AccessToken!, latestCode(env.twin, 'ann.new@example.org'));
    const { UserSub } = await env.cognito.send(
      new SignUpCommand({ ClientId: CLIENT, Username: 'ann@example.com', Password: PASSWORD }),
    );
    expect(UserSub).not.toBe(annSub);
  });

  it('answers an email another user signs in with, in any capitalisation, with AliasExistsException and mails nothing', async () => {
    await signUpConfirmed(env, 'bob@example.com');
    const { AccessToken } = await signIn('ann@example.com');
    const mailsBefore = env.twin.mailbox().length;
    expect(await failureOf(changeEmail(AccessToken!, 'BOB@example.com'))).toEqual(ALIAS_EXISTS);
    expect(env.twin.mailbox()).toHaveLength(mailsBefore);
  });

  it('answers AliasExistsException at verification when another user took the email meanwhile', async () => {
    const { AccessToken } = await signIn('ann@example.com');
    await changeEmail(AccessToken!, 'taken@example.com');
    const code = latestCode(env.twin, 'taken@example.com', 'verify-email');
    await signUpConfirmed(env, 'taken@example.com');
    expect(await failureOf(verifyEmail(AccessToken!, code))).toEqual(ALIAS_EXISTS);
    expect(await emailOf(AccessToken!)).toMatchObject({ email: 'ann@example.com' });
  });

  it('answers a wrong code with CodeMismatchException, a code after 24 hours or none with ExpiredCodeException', async () => {
    const { AccessToken, RefreshToken } = await signIn('ann@example.com');
    expect(await failureOf(verifyEmail(AccessToken!, '000000'))).toEqual({
      name: 'ExpiredCodeException',
      message: 'Invalid code provided, please request a code again.',
    });
    await changeEmail(AccessToken!, 'ann.new@example.org');
    const code = latestCode(env.twin, 'ann.new@example.org');
    const wrong = code === '000000' ? '000001' : '000000';
    expect(await failureOf(verifyEmail(AccessToken!, wrong))).toEqual({
      name: 'CodeMismatchException',
      message: 'Invalid verification code provided, please try again.',
    });
    env.clock.advance(24 * 60 * MINUTE + 1);
    const fresh = (await refresh(RefreshToken!)).AuthenticationResult!.AccessToken!;
    expect(await failureOf(verifyEmail(fresh, code))).toMatchObject({ name: 'ExpiredCodeException' });
    expect(await emailOf(fresh)).toMatchObject({ email: 'ann@example.com' });
  });

  it('GetUserAttributeVerificationCode mails a new code to the waiting email, and only the new code verifies', async () => {
    const { AccessToken } = await signIn('ann@example.com');
    await changeEmail(AccessToken!, 'ann.new@example.org');
    const first = latestCode(env.twin, 'ann.new@example.org');
    expect(await resendEmailCode(AccessToken!)).toMatchObject({
      CodeDeliveryDetails: { Destination: 'a***@e***.org', DeliveryMedium: 'EMAIL', AttributeName: 'email' },
    });
    const second = latestCode(env.twin, 'ann.new@example.org', 'verify-email');
    if (first !== second)
      expect(await failureOf(verifyEmail(AccessToken!, first))).toMatchObject({ name: 'CodeMismatchException' });
    await verifyEmail(AccessToken!, second);
    expect(await emailOf(AccessToken!)).toMatchObject({ email: 'ann.new@example.org' });
  });

  it('refuses email_verified (no client writes it by default) and a malformed email', async () => {
    const { AccessToken } = await signIn('ann@example.com');
    const update = (Name: string, Value: string) =>
      env.cognito.send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: [{ Name, Value }] }));
    expect(await failureOf(update('email_verified', 'true'))).toEqual({
      name: 'NotAuthorizedException',
      message: 'A client attempted to write unauthorized attribute',
    });
    expect(await failureOf(update('email', 'not-an-email'))).toEqual({
      name: 'InvalidParameterException',
      message: 'Invalid email address format.',
    });
    expect(env.twin.mailbox().filter((mail) => mail.kind === 'verify-email')).toEqual([]);
  });
});

describe('DeleteUser', () => {
  it('deletes the account: sign-in fails, every token is refused, and the email signs up again', async () => {
    const device = await signIn('ann@example.com');
    const other = await signIn('ann@example.com');
    await deleteUser(device.AccessToken!);
    expect(await failureOf(signIn('ann@example.com'))).toEqual(INCORRECT);
    expect(await failureOf(refresh(other.RefreshToken!))).toEqual(INVALID_REFRESH);
    expect(await failureOf(env.cognito.send(new GetUserCommand({ AccessToken: other.AccessToken! })))).toEqual(INVALID_ACCESS);
    const { UserSub } = await env.cognito.send(
      new SignUpCommand({ ClientId: CLIENT, Username: 'ann@example.com', Password: PASSWORD }),
    );
    expect(UserSub).not.toBe(annSub);
  });

  it('keeps the deletion and a verified email change across a restart, and no record of the deleted user stays on disk', async () => {
    const bobSub = await signUpConfirmed(env, 'bob@example.com');
    const ann = await signIn('ann@example.com');
    await changeEmail(ann.AccessToken!, 'ann.new@example.org');
    await verifyEmail(ann.AccessToken!, latestCode(env.twin, 'ann.new@example.org'));
    await deleteUser((await signIn('bob@example.com')).AccessToken!);
    const port = Number(new URL(env.twin.url).port);
    await env.stop();
    env = await startTwin({ stateDir: env.stateDir, port, clock: env.clock });
    expect(await failureOf(signIn('bob@example.com'))).toEqual(INCORRECT);
    expect(await failureOf(signIn('ann@example.com'))).toEqual(INCORRECT);
    expect((await signIn('ann.new@example.org')).AccessToken).toBeDefined();
    // The restart folded the journal into the snapshot; only the local mailbox still names Bob's address.
    const snapshot = await readFile(join(env.stateDir, 'snapshot.json'), 'utf8');
    expect(snapshot).toContain(annSub);
    expect(snapshot).not.toContain(bobSub);
  });
});

describe('GlobalSignOut', () => {
  it("from one device refuses another device's refresh token and its access token", async () => {
    const laptop = await signIn('ann@example.com');
    const phone = await signIn('ann@example.com');
    await env.cognito.send(new GlobalSignOutCommand({ AccessToken: laptop.AccessToken }));
    expect(await failureOf(refresh(phone.RefreshToken!))).toEqual(REVOKED_REFRESH);
    expect(await failureOf(changePassword(phone.AccessToken!))).toEqual(REVOKED_ACCESS);
    expect(await failureOf(refresh(laptop.RefreshToken!))).toEqual(REVOKED_REFRESH);
  });
});

describe("one user's token touches only that user's account", () => {
  it("Ann's password change, email change, sign-out everywhere and deletion leave Bob's account and sessions alone", async () => {
    await signUpConfirmed(env, 'bob@example.com');
    const bob = await signIn('bob@example.com');
    const ann = await signIn('ann@example.com');
    await changePassword(ann.AccessToken!);
    await changeEmail(ann.AccessToken!, 'ann.new@example.org');
    await verifyEmail(ann.AccessToken!, latestCode(env.twin, 'ann.new@example.org'));
    await env.cognito.send(new GlobalSignOutCommand({ AccessToken: ann.AccessToken }));
    await deleteUser((await signIn('ann.new@example.org', NEW_PASSWORD)).AccessToken!);
    expect((await signIn('bob@example.com')).AccessToken).toBeDefined();
    expect(await emailOf(bob.AccessToken!)).toMatchObject({ email: 'bob@example.com', email_verified: 'true' });
    expect((await refresh(bob.RefreshToken!)).AuthenticationResult?.AccessToken).toBeDefined();
  });
});

describe('the pool setting behind the email change', () => {
  it("reads AttributesRequireVerificationBeforeUpdate from the template, and the twin refuses a pool that doesn't keep the original email", () => {
    const resources = new TemplateResources({
      Pool: {
        Type: 'AWS::Cognito::UserPool',
        Properties: { UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] } },
      },
    });
    expect(readPool(resources, 'eu-west-1', { Pool: 'eu-west-1_local' }).attributesRequireVerificationBeforeUpdate).toEqual([
      'email',
    ]);
    expect(() => assertSupportedPool({ ...testPoolSettings(), attributesRequireVerificationBeforeUpdate: [] })).toThrow(
      "AttributesRequireVerificationBeforeUpdate ['email']",
    );
  });
});

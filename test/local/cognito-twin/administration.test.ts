import {
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminUserGlobalSignOutCommand,
  GetUserCommand,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { POOL_ID } from './pool-fixture';
import { failureOf, signInWithPassword, signUpConfirmed, startTwin, type TwinUnderTest } from './twin-harness';

let env: TwinUnderTest;
beforeEach(async () => {
  env = await startTwin();
});
afterEach(() => env.dispose());

const emailsOf = (users: Array<{ Attributes?: Array<{ Name?: string; Value?: string }> }> | undefined) =>
  (users ?? []).map((user) => user.Attributes?.find((a) => a.Name === 'email')?.Value);

describe('ListUsers: pages in email order, a PaginationToken while more follow, an email prefix filter', () => {
  beforeEach(async () => {
    for (const email of ['bob@example.com', 'Ann@example.com', 'anna@example.org', 'carl@example.com', 'ann.b@example.com'])
      await signUpConfirmed(env, email);
  });

  test('Limit 2 walks every user once, in email order (by code point, lower-cased), then answers no token', async () => {
    const pages: Array<Array<string | undefined>> = [];
    let PaginationToken: string | undefined;
    do {
      const page = await env.cognito.send(new ListUsersCommand({ UserPoolId: POOL_ID, Limit: 2, PaginationToken }));
      pages.push(emailsOf(page.Users));
      PaginationToken = page.PaginationToken;
    } while (PaginationToken);
    expect(pages).toEqual([
      ['ann.b@example.com', 'Ann@example.com'],
      ['anna@example.org', 'bob@example.com'],
      ['carl@example.com'],
    ]);
  });

  test('email ^= "ann" finds the three whose email starts so, case-insensitively in this pool', async () => {
    const page = await env.cognito.send(new ListUsersCommand({ UserPoolId: POOL_ID, Filter: 'email ^= "ANN"' }));
    expect(emailsOf(page.Users)).toEqual(['ann.b@example.com', 'Ann@example.com', 'anna@example.org']);
    expect(page.PaginationToken).toBeUndefined();
  });

  test('email = "ann@example.com" finds that one user only', async () => {
    const page = await env.cognito.send(new ListUsersCommand({ UserPoolId: POOL_ID, Filter: 'email = "ann@example.com"' }));
    expect(emailsOf(page.Users)).toEqual(['Ann@example.com']);
  });

  test('each user is a UserType: sub as Username, attributes, status, enabled, dates', async () => {
    const page = await env.cognito.send(new ListUsersCommand({ UserPoolId: POOL_ID, Filter: 'email ^= "bob"' }));
    expect(page.Users?.[0]).toMatchObject({ Enabled: true, UserStatus: 'CONFIRMED', UserCreateDate: expect.any(Date) });
    expect(page.Users?.[0].Username).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('a filter the twin cannot parse, a Limit above 60 and a forged token are InvalidParameterException', async () => {
    const refused = async (input: Partial<ConstructorParameters<typeof ListUsersCommand>[0]>) =>
      (await failureOf(env.cognito.send(new ListUsersCommand({ UserPoolId: POOL_ID, ...input })))).name;
    expect(await refused({ Filter: 'name starts "x"' })).toBe('InvalidParameterException');
    expect(await refused({ Limit: 61 })).toBe('InvalidParameterException');
    expect(await refused({ PaginationToken: '!!!' })).toBe('InvalidParameterException');
  });
});

describe('an administrator disables, signs out and deletes a user', () => {
  test('AdminDisableUser ends the sessions and refuses sign-in; AdminEnableUser lets the user sign in again', async () => {
    await signUpConfirmed(env, 'ann@example.com');
    const { AccessToken } = await signInWithPassword(env, 'ann@example.com');
    await env.cognito.send(new AdminDisableUserCommand({ UserPoolId: POOL_ID, Username: 'ann@example.com' }));
    expect((await failureOf(env.cognito.send(new GetUserCommand({ AccessToken })))).message).toBe(
      'Access Token has been revoked',
    );
    expect(await failureOf(signInWithPassword(env, 'ann@example.com'))).toEqual({
      name: 'NotAuthorizedException',
      message: 'User is disabled.',
    });
    const got = await env.cognito.send(new AdminGetUserCommand({ UserPoolId: POOL_ID, Username: 'ann@example.com' }));
    expect(got.Enabled).toBe(false);
    await env.cognito.send(new AdminEnableUserCommand({ UserPoolId: POOL_ID, Username: 'ann@example.com' }));
    expect((await signInWithPassword(env, 'ann@example.com')).AccessToken).toBeDefined();
  });

  test('AdminUserGlobalSignOut revokes every session; AdminDeleteUser removes the user', async () => {
    const sub = await signUpConfirmed(env, 'ann@example.com');
    const first = await signInWithPassword(env, 'ann@example.com');
    const second = await signInWithPassword(env, 'ann@example.com');
    await env.cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: POOL_ID, Username: sub }));
    for (const { AccessToken } of [first, second])
      expect((await failureOf(env.cognito.send(new GetUserCommand({ AccessToken })))).name).toBe('NotAuthorizedException');
    await env.cognito.send(new AdminDeleteUserCommand({ UserPoolId: POOL_ID, Username: sub }));
    expect((await failureOf(env.cognito.send(new AdminGetUserCommand({ UserPoolId: POOL_ID, Username: sub })))).name).toBe(
      'UserNotFoundException',
    );
  });
});

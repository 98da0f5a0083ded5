import {
  AdminAddUserToGroupCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import { CLIENT, POOL_ID } from './pool-fixture';
import { failureOf, signInWithPassword, signUpConfirmed, startTwin, type TwinUnderTest } from './twin-harness';

let env: TwinUnderTest;
beforeEach(async () => {
  env = await startTwin();
});
afterEach(() => env.dispose());

const add = (Username: string, GroupName: string) =>
  env.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: POOL_ID, Username, GroupName }));
const groupsIn = (token: string | undefined) => decodeJwt(token ?? '')['cognito:groups'];

describe('cognito:groups, as Cognito puts it in id and access tokens', () => {
  test('a user of no group has no cognito:groups claim in either token', async () => {
    await signUpConfirmed(env, 'ann@example.com');
    const tokens = await signInWithPassword(env, 'ann@example.com');
    expect([groupsIn(tokens.IdToken), groupsIn(tokens.AccessToken)]).toEqual([undefined, undefined]);
  });

  test('a member carries its groups, highest precedence first, in both tokens', async () => {
    await signUpConfirmed(env, 'ann@example.com');
    await add('ann@example.com', 'editor');
    await add('Ann@Example.com', 'admin');
    const tokens = await signInWithPassword(env, 'ann@example.com');
    expect([groupsIn(tokens.IdToken), groupsIn(tokens.AccessToken)]).toEqual([
      ['admin', 'editor'],
      ['admin', 'editor'],
    ]);
  });

  test('a refresh carries a membership changed since sign-in', async () => {
    await signUpConfirmed(env, 'ann@example.com');
    await add('ann@example.com', 'admin');
    const { RefreshToken } = await signInWithPassword(env, 'ann@example.com');
    await env.cognito.send(
      new AdminRemoveUserFromGroupCommand({ UserPoolId: POOL_ID, Username: 'ann@example.com', GroupName: 'admin' }),
    );
    const { AuthenticationResult } = await env.cognito.send(
      new InitiateAuthCommand({
        ClientId: CLIENT,
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: { REFRESH_TOKEN: RefreshToken! },
      }),
    );
    expect(groupsIn(AuthenticationResult?.IdToken)).toBeUndefined();
  });

  test('membership survives a restart (it is journaled with the user)', async () => {
    const sub = await signUpConfirmed(env, 'ann@example.com');
    await add(sub, 'editor');
    await env.stop();
    env = await startTwin({ stateDir: env.stateDir, clock: env.clock });
    const { Groups } = await env.cognito.send(
      new AdminListGroupsForUserCommand({ UserPoolId: POOL_ID, Username: 'ann@example.com' }),
    );
    expect(Groups?.map((g) => [g.GroupName, g.Precedence, g.UserPoolId])).toEqual([['editor', 1, POOL_ID]]);
  });
});

describe('AdminAddUserToGroup refuses what Cognito refuses', () => {
  test('a group the template does not declare is ResourceNotFoundException', async () => {
    await signUpConfirmed(env, 'ann@example.com');
    expect(await failureOf(add('ann@example.com', 'owners'))).toEqual({
      name: 'ResourceNotFoundException',
      message: 'Group not found.',
    });
  });

  test('an unknown user is UserNotFoundException', async () => {
    expect(await failureOf(add('nobody@example.com', 'admin'))).toEqual({
      name: 'UserNotFoundException',
      message: 'User does not exist.',
    });
  });

  test('another pool id is ResourceNotFoundException', async () => {
    await signUpConfirmed(env, 'ann@example.com');
    const call = env.cognito.send(
      new AdminAddUserToGroupCommand({ UserPoolId: 'us-east-1_Other1234', Username: 'ann@example.com', GroupName: 'admin' }),
    );
    expect((await failureOf(call)).name).toBe('ResourceNotFoundException');
  });
});

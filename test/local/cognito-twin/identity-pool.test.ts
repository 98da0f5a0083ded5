import { CognitoIdentityClient, GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import {
  DeleteUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  RevokeTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { IdentityPoolSettings } from '../../../local/cognito-twin';
import { CLIENT, LEGACY_CLIENT, POOL_ID } from './pool-fixture';
import { failureOf, PASSWORD, signUpConfirmed, startTwin, type TwinUnderTest } from './twin-harness';

const IDENTITY_POOL_ID = 'us-east-1:11111111-2222-3333-4444-555555555555';
const PROVIDER = `cognito-idp.us-east-1.amazonaws.com/${POOL_ID}`;
const ROLE_ARN = 'arn:aws:iam::000000000000:role/AuthRole';
const identityPool = (overrides: Partial<IdentityPoolSettings> = {}): IdentityPoolSettings => ({
  identityPoolId: IDENTITY_POOL_ID,
  allowUnauthenticated: false,
  providers: [{ providerName: PROVIDER, clientId: CLIENT, serverSideTokenCheck: true }],
  authenticatedRoleArn: ROLE_ARN,
  ...overrides,
});

let env: TwinUnderTest;
let identity: CognitoIdentityClient;
async function start(options: Parameters<typeof startTwin>[0] = {}) {
  env = await startTwin({ identityPool: identityPool(), ...options });
  // The unmodified SDK client, pointed at the twin; GetId and GetCredentialsForIdentity are unsigned.
  identity = new CognitoIdentityClient({ endpoint: env.twin.url, region: 'us-east-1', maxAttempts: 1 });
}
beforeEach(() => start());
afterEach(async () => {
  identity.destroy();
  await env.dispose();
});

const signIn = async (email: string, clientId = CLIENT) =>
  (
    await env.cognito.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: email, PASSWORD },
      }),
    )
  ).AuthenticationResult!;
async function idToken(email: string, clientId = CLIENT): Promise<string> {
  await signUpConfirmed(env, email);
  return (await signIn(email, clientId)).IdToken as string;
}
const getId = (token: string, provider = PROVIDER) =>
  identity.send(new GetIdCommand({ IdentityPoolId: IDENTITY_POOL_ID, Logins: { [provider]: token } }));
const getCredentials = (identityId: string, token: string) =>
  identity.send(new GetCredentialsForIdentityCommand({ IdentityId: identityId, Logins: { [PROVIDER]: token } }));

describe('GetId', () => {
  it('gives a user one stable <region>:<uuid> identity, and another user another', async () => {
    const token = await idToken('ada@example.com');
    const { IdentityId } = await getId(token);
    expect(IdentityId).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
    expect((await getId(token)).IdentityId).toBe(IdentityId);
    expect((await getId(await idToken('bob@example.com'))).IdentityId).not.toBe(IdentityId);
  });

  it('keeps the identity across restarts (replayed from the journal, then from the snapshot)', async () => {
    const token = await idToken('ada@example.com');
    const { IdentityId } = await getId(token);
    for (const _ of ['journal', 'snapshot']) {
      identity.destroy();
      await env.stop();
      // The same port: until the issuer stops naming the twin's URL (issue 15), a token names its port.
      await start({ stateDir: env.stateDir, clock: env.clock, port: Number(new URL(env.twin.url).port) });
      expect((await getId(token)).IdentityId).toBe(IdentityId);
    }
  });

  it('refuses a token whose signature does not verify', async () => {
    const token = await idToken('ada@example.com');
    const [header, payload] = token.split('.');
    expect(await failureOf(getId(`${header}.${payload}.${'A'.repeat(342)}`))).toEqual({
      name: 'NotAuthorizedException',
      message: "Invalid login token. Couldn't verify signed token.",
    });
  });

  it('refuses an id token of an app client the identity pool does not list', async () => {
    expect(await failureOf(getId(await idToken('ada@example.com', LEGACY_CLIENT)))).toEqual({
      name: 'NotAuthorizedException',
      message: 'Token is not from a supported provider of this identity pool.',
    });
  });

  it('refuses an expired id token', async () => {
    const token = await idToken('ada@example.com');
    env.clock.advance(61 * 60 * 1000);
    expect(await failureOf(getId(token))).toEqual({
      name: 'NotAuthorizedException',
      message: 'Invalid login token. Token expired.',
    });
  });

  it('refuses an access token, a provider it does not list, no logins, and an unknown identity pool', async () => {
    await signUpConfirmed(env, 'ada@example.com');
    const { AuthenticationResult } = await env.cognito.send(
      new InitiateAuthCommand({
        ClientId: CLIENT,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'ada@example.com', PASSWORD },
      }),
    );
    expect((await failureOf(getId(AuthenticationResult?.AccessToken as string))).name).toBe('NotAuthorizedException');
    expect(await failureOf(getId(AuthenticationResult?.IdToken as string, 'cognito-idp.us-east-1.amazonaws.com/other'))).toEqual({
      name: 'NotAuthorizedException',
      message: 'Token is not from a supported provider of this identity pool.',
    });
    expect(await failureOf(identity.send(new GetIdCommand({ IdentityPoolId: IDENTITY_POOL_ID })))).toEqual({
      name: 'NotAuthorizedException',
      message: 'Unauthenticated access is not supported for this identity pool.',
    });
    expect(
      await failureOf(identity.send(new GetIdCommand({ IdentityPoolId: 'us-east-1:00000000-0000-0000-0000-000000000000' }))),
    ).toEqual({
      name: 'ResourceNotFoundException',
      message: "IdentityPool 'us-east-1:00000000-0000-0000-0000-000000000000' not found.",
    });
  });
});

describe('GetCredentialsForIdentity', () => {
  it('issues ASIA… credentials for one hour, tied to the identity and the authenticated role, kept across a restart', async () => {
    const token = await idToken('ada@example.com');
    const { IdentityId } = await getId(token);
    const { Credentials } = await getCredentials(IdentityId as string, token);
    expect(Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(Credentials?.SecretKey).toHaveLength(40);
    expect(Credentials?.Expiration?.getTime()).toBe(env.clock.now() + 60 * 60 * 1000);
    for (const _ of ['journal', 'snapshot']) {
      identity.destroy();
      await env.stop();
      await start({ stateDir: env.stateDir, clock: env.clock });
    }
    expect(env.twin.findCredentials(Credentials?.AccessKeyId as string)).toMatchObject({
      credentials: { secretAccessKey: Credentials?.SecretKey, roleArn: ROLE_ARN, identityId: IdentityId },
      identity: { identityId: IdentityId, providerName: PROVIDER },
    });
  });

  it('refuses an unknown identity, and the login of another user', async () => {
    const token = await idToken('ada@example.com');
    expect(await failureOf(getCredentials('us-east-1:00000000-0000-0000-0000-000000000000', token))).toEqual({
      name: 'ResourceNotFoundException',
      message: "Identity 'us-east-1:00000000-0000-0000-0000-000000000000' not found.",
    });
    const { IdentityId } = await getId(token);
    expect(await failureOf(getCredentials(IdentityId as string, await idToken('bob@example.com')))).toEqual({
      name: 'NotAuthorizedException',
      message: "Logins don't match. Please include at least one valid login for this identity or identity pool.",
    });
  });

  it('answers InvalidIdentityPoolConfigurationException when no authenticated role is attached', async () => {
    identity.destroy();
    await env.dispose();
    await start({ identityPool: identityPool({ authenticatedRoleArn: undefined }) });
    const token = await idToken('ada@example.com');
    const { IdentityId } = await getId(token);
    expect((await failureOf(getCredentials(IdentityId as string, token))).name).toBe('InvalidIdentityPoolConfigurationException');
  });
});

describe('the server-side token check (ServerSideTokenCheck on the provider)', () => {
  const SIGNED_OUT = { name: 'NotAuthorizedException', message: 'Invalid login token. The user has been signed out or deleted.' };
  /** A signed-in user with an identity: its tokens and identity id. */
  async function userWithIdentity(email: string) {
    await signUpConfirmed(env, email);
    const tokens = await signIn(email);
    const { IdentityId } = await getId(tokens.IdToken!);
    return { ...tokens, identityId: IdentityId! };
  }

  it('refuses an id token issued before a GlobalSignOut at GetId and GetCredentialsForIdentity; a new sign-in’s token works', async () => {
    const ada = await userWithIdentity('ada@example.com');
    await env.cognito.send(new GlobalSignOutCommand({ AccessToken: ada.AccessToken }));
    expect(await failureOf(getId(ada.IdToken!))).toEqual(SIGNED_OUT);
    expect(await failureOf(getCredentials(ada.identityId, ada.IdToken!))).toEqual(SIGNED_OUT);
    const again = (await signIn('ada@example.com')).IdToken!;
    expect((await getCredentials(ada.identityId, again)).Credentials?.AccessKeyId).toBeDefined();
  });

  it('refuses the id token of a deleted user', async () => {
    const ada = await userWithIdentity('ada@example.com');
    await env.cognito.send(new DeleteUserCommand({ AccessToken: ada.AccessToken }));
    expect(await failureOf(getId(ada.IdToken!))).toEqual(SIGNED_OUT);
    expect(await failureOf(getCredentials(ada.identityId, ada.IdToken!))).toEqual(SIGNED_OUT);
  });

  it('refuses an id token whose refresh token was revoked (RevokeToken: the twin’s choice, unverified), and only that sign-in’s', async () => {
    const ada = await userWithIdentity('ada@example.com');
    const other = await signIn('ada@example.com');
    await env.cognito.send(new RevokeTokenCommand({ ClientId: CLIENT, Token: ada.RefreshToken }));
    expect(await failureOf(getId(ada.IdToken!))).toEqual(SIGNED_OUT);
    expect((await getId(other.IdToken!)).IdentityId).toBe(ada.identityId);
  });

  it('without the check on the provider, the old id token still gets credentials after a GlobalSignOut', async () => {
    identity.destroy();
    await env.dispose();
    await start({
      identityPool: identityPool({ providers: [{ providerName: PROVIDER, clientId: CLIENT, serverSideTokenCheck: false }] }),
    });
    const ada = await userWithIdentity('ada@example.com');
    await env.cognito.send(new GlobalSignOutCommand({ AccessToken: ada.AccessToken }));
    expect((await getCredentials(ada.identityId, ada.IdToken!)).Credentials?.AccessKeyId).toBeDefined();
  });
});

test('without an identity pool the twin answers Cognito Identity calls as unknown operations', async () => {
  identity.destroy();
  await env.dispose();
  await start({ identityPool: undefined });
  expect((await failureOf(identity.send(new GetIdCommand({ IdentityPoolId: IDENTITY_POOL_ID })))).name).toBe(
    'UnknownOperationException',
  );
});

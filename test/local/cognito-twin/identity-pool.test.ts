import { CognitoIdentityClient, GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { IdentityPoolSettings } from '../../../local/cognito-twin';
import { CLIENT, LEGACY_CLIENT, POOL_ID } from './pool-fixture';
import { failureOf, PASSWORD, signUpConfirmed, startTwin, type TwinUnderTest } from './twin-harness';

const IDENTITY_POOL_ID = 'us-east-1:11111111-2222-3333-4444-555555555555';
const PROVIDER = `cognito-idp.us-east-1.amazonaws.com/${POOL_ID}`;
const ROLE_ARN = 'arn:aws:iam::000000000000:role/AuthRole';
const identityPool = (overrides: Partial<IdentityPoolSettings> = {}): IdentityPoolSettings => ({
  identityPoolId: IDENTITY_POOL_ID,
  allowUnauthenticated: false,
  providers: [{ providerName: PROVIDER, clientId: CLIENT }],
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

async function idToken(email: string, clientId = CLIENT): Promise<string> {
  await signUpConfirmed(env, email);
  const { AuthenticationResult } = await env.cognito.send(
    new InitiateAuthCommand({
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD },
    }),
  );
  return AuthenticationResult?.IdToken as string;
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

test('without an identity pool the twin answers Cognito Identity calls as unknown operations', async () => {
  identity.destroy();
  await env.dispose();
  await start({ identityPool: undefined });
  expect((await failureOf(identity.send(new GetIdCommand({ IdentityPoolId: IDENTITY_POOL_ID })))).name).toBe(
    'UnknownOperationException',
  );
});

import {
  AdminDisableUserCommand,
  CognitoIdentityProviderClient,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { IamPrincipal } from '../../../local/cognito-twin';
import { CLIENT, POOL_ID } from './pool-fixture';
import { failureOf, PASSWORD, signUpConfirmed, startTwin, TEST_ADMIN, type TwinUnderTest } from './twin-harness';

const POOL_ARN = `arn:aws:cognito-idp:us-east-1:000000000000:userpool/${POOL_ID}`;
/** A function's role as lib/ grants it: one action, this pool only. */
const LISTER: IamPrincipal = {
  accessKeyId: 'ASIALISTERROLE000000',
  secretAccessKey: 'lister-secret-access-key-000000000000000',
  sessionToken: 'lister-session-token',
  arn: 'arn:aws:sts::000000000000:assumed-role/ListerRole/ListerFunction',
  statements: [{ effect: 'Allow', actions: ['cognito-idp:ListUsers'], resources: [POOL_ARN] }],
};

let env: TwinUnderTest;
const clients: CognitoIdentityProviderClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await env.dispose();
});

function clientWith(credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) {
  const client = new CognitoIdentityProviderClient({ endpoint: env.twin.url, region: 'us-east-1', credentials, maxAttempts: 1 });
  clients.push(client);
  return client;
}

describe('the twin authorizes Admin* and ListUsers by SigV4 and the caller’s IAM policies, as Cognito does', () => {
  beforeEach(async () => {
    env = await startTwin({ principals: [TEST_ADMIN, LISTER] });
    await signUpConfirmed(env, 'ann@example.com');
  });

  test('a role allowed ListUsers on this pool lists users', async () => {
    const { Users } = await clientWith(LISTER).send(new ListUsersCommand({ UserPoolId: POOL_ID }));
    expect(Users).toHaveLength(1);
  });

  test("the same role calling AdminDisableUser, which its policy lacks, gets Cognito's AccessDeniedException", async () => {
    const call = clientWith(LISTER).send(new AdminDisableUserCommand({ UserPoolId: POOL_ID, Username: 'ann@example.com' }));
    expect(await failureOf(call)).toEqual({
      name: 'AccessDeniedException',
      message: `User: ${LISTER.arn} is not authorized to perform: cognito-idp:AdminDisableUser on resource: ${POOL_ARN} because no identity-based policy allows the cognito-idp:AdminDisableUser action`,
    });
  });

  test('an explicit Deny wins over an Allow, and says so', async () => {
    await env.dispose();
    const denied: IamPrincipal = {
      ...LISTER,
      statements: [...LISTER.statements, { effect: 'Deny', actions: ['cognito-idp:List*'], resources: ['*'] }],
    };
    env = await startTwin({ principals: [denied] });
    const failure = await failureOf(clientWith(LISTER).send(new ListUsersCommand({ UserPoolId: POOL_ID })));
    expect(failure.name).toBe('AccessDeniedException');
    expect(failure.message).toMatch(/because an explicit deny in an identity-based policy$/);
  });

  test('an Allow on another pool’s ARN does not reach this pool', async () => {
    await env.dispose();
    const elsewhere: IamPrincipal = {
      ...LISTER,
      statements: [{ effect: 'Allow', actions: ['cognito-idp:ListUsers'], resources: [`${POOL_ARN}x`] }],
    };
    env = await startTwin({ principals: [elsewhere] });
    expect((await failureOf(clientWith(LISTER).send(new ListUsersCommand({ UserPoolId: POOL_ID })))).name).toBe(
      'AccessDeniedException',
    );
  });

  test('a wrong secret is InvalidSignatureException; an unknown key or a missing session token UnrecognizedClientException', async () => {
    const wrongSecret = clientWith({ ...LISTER, secretAccessKey: `${LISTER.secretAccessKey}x` });
    expect((await failureOf(wrongSecret.send(new ListUsersCommand({ UserPoolId: POOL_ID })))).name).toBe(
      'InvalidSignatureException',
    );
    const unknown = clientWith({ accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'x' });
    expect((await failureOf(unknown.send(new ListUsersCommand({ UserPoolId: POOL_ID })))).name).toBe(
      'UnrecognizedClientException',
    );
    const noToken = clientWith({ accessKeyId: LISTER.accessKeyId, secretAccessKey: LISTER.secretAccessKey });
    expect((await failureOf(noToken.send(new ListUsersCommand({ UserPoolId: POOL_ID })))).name).toBe(
      'UnrecognizedClientException',
    );
  });

  test('an unsigned call is refused with MissingAuthenticationTokenException, and changes nothing', async () => {
    const response = await fetch(env.twin.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityProviderService.AdminDeleteUser',
      },
      body: JSON.stringify({ UserPoolId: POOL_ID, Username: 'ann@example.com' }),
    });
    expect([response.status, ((await response.json()) as { __type: string }).__type]).toEqual([
      403,
      'MissingAuthenticationTokenException',
    ]);
    const { Users } = await env.cognito.send(new ListUsersCommand({ UserPoolId: POOL_ID }));
    expect(Users).toHaveLength(1);
  });

  test('the public operations stay unsigned, as Cognito’s are', async () => {
    const response = await fetch(env.twin.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.SignUp' },
      body: JSON.stringify({ ClientId: CLIENT, Username: 'bob@example.com', Password: PASSWORD }),
    });
    expect(response.status).toBe(200);
  });
});

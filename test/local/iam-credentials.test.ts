import {
  AdminAddUserToGroupCommand,
  CognitoIdentityProviderClient,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { LocalCredentials } from '../../local/iam-credentials';
import type { FunctionModel } from '../../local/stack-model';
import { POOL_ID } from './cognito-twin/pool-fixture';
import { failureOf, signUpConfirmed, startTwin, type TwinUnderTest } from './cognito-twin/twin-harness';

const POOL_ARN = `arn:aws:cognito-idp:us-east-1:000000000000:userpool/${POOL_ID}`;
const fn = (role: FunctionModel['role']): FunctionModel => ({
  logicalId: 'ApiAdminUsersFunction',
  codeDir: '/nowhere',
  handler: 'index.handler',
  environment: {},
  timeoutSeconds: 10,
  memoryMb: 512,
  logging: { format: 'JSON', applicationLogLevel: 'INFO' },
  role,
});

let env: TwinUnderTest | undefined;
let cognito: CognitoIdentityProviderClient | undefined;
afterEach(async () => {
  cognito?.destroy();
  await env?.dispose();
  [env, cognito] = [undefined, undefined];
});

async function clientAs(credentials: LocalCredentials, model: FunctionModel) {
  const twin = await startTwin({ principals: credentials });
  env = twin;
  const variables = credentials.forFunction(model);
  if (!variables) throw new Error('no credentials issued');
  const client = new CognitoIdentityProviderClient({
    endpoint: twin.twin.url,
    region: 'us-east-1',
    maxAttempts: 1,
    credentials: {
      accessKeyId: variables.AWS_ACCESS_KEY_ID,
      secretAccessKey: variables.AWS_SECRET_ACCESS_KEY,
      sessionToken: variables.AWS_SESSION_TOKEN,
    },
  });
  cognito = client;
  return { client, twin };
}

test("a function's credentials stand for its execution role: what the role allows works, what it lacks is Cognito's AccessDeniedException naming the role and the function", async () => {
  const role = {
    arn: 'arn:aws:iam::000000000000:role/AdminUsersRole',
    statements: [{ effect: 'Allow' as const, actions: ['cognito-idp:ListUsers'], resources: [POOL_ARN] }],
  };
  const { client, twin } = await clientAs(new LocalCredentials('000000000000'), fn(role));
  await signUpConfirmed(twin, 'ann@example.com');
  expect((await client.send(new ListUsersCommand({ UserPoolId: POOL_ID }))).Users).toHaveLength(1);
  const refused = client.send(
    new AdminAddUserToGroupCommand({ UserPoolId: POOL_ID, Username: 'ann@example.com', GroupName: 'admin' }),
  );
  expect(await failureOf(refused)).toEqual({
    name: 'AccessDeniedException',
    message: `User: arn:aws:sts::000000000000:assumed-role/AdminUsersRole/ApiAdminUsersFunction is not authorized to perform: cognito-idp:AdminAddUserToGroup on resource: ${POOL_ARN} because no identity-based policy allows the cognito-idp:AdminAddUserToGroup action`,
  });
});

test('a function without a role gets no credentials', () => {
  expect(new LocalCredentials('000000000000').forFunction(fn(undefined))).toBeUndefined();
});

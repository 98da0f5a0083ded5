import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { Hash } from '@smithy/core/serde';
import { SignatureV4 } from '@smithy/signature-v4';
import type { CredentialsRecord, IdentityRecord } from '../../../local/cognito-twin';
import { CognitoAuthorizer } from '../../../local/gateway/cognito-authorizer';
import { IamAuthorizer } from '../../../local/gateway/iam-authorizer';
import { LambdaRuntime } from '../../../local/gateway/lambda-runtime';
import { type RunningRestApi, startRestApi } from '../../../local/gateway/rest-api';
import type { RoleModel, StackModel } from '../../../local/stack-model';

// A hand-made stack: GET /private and GET /other behind AWS_IAM, GET /secret behind the Cognito
// authorizer, one function that answers with the request context's identity, and a DEFAULT_4XX
// response in the {code,message} envelope. Credentials are records as the twin keeps them.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iam-authorization-'));
fs.writeFileSync(
  path.join(dir, 'index.js'),
  'exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event.requestContext.identity) });',
);
const model: StackModel = {
  flavor: 'rest',
  stageName: 'dev',
  routes: [
    { method: 'GET', path: '/private', functionId: 'Fn', authorization: { kind: 'iam' } },
    { method: 'GET', path: '/other', functionId: 'Fn', authorization: { kind: 'iam' } },
    { method: 'GET', path: '/secret', functionId: 'Fn', authorizer: { identityHeader: 'Authorization', scopes: [] } },
  ],
  functions: {
    Fn: {
      logicalId: 'Fn',
      codeDir: dir,
      handler: 'index.handler',
      environment: {},
      timeoutSeconds: 3,
      memoryMb: 128,
      logging: { format: 'Text' },
    },
  },
  pool: {} as StackModel['pool'],
  gatewayResponses: {
    DEFAULT_4XX: { headers: {}, template: '{"code":"$context.error.responseType","message":$context.error.messageString}' },
  },
  preflights: {},
};
const METHOD_ARN_PREFIX = 'arn:aws:execute-api:us-east-1:000000000000:local';
const role = (name: string, resources: string[]): RoleModel => ({
  logicalId: name,
  arn: `arn:aws:iam::000000000000:role/${name}`,
  trustsAuthenticatedIdentities: true,
  statements: [{ effect: 'Allow', actions: ['execute-api:Invoke'], resources }],
});
const roles = [
  role('PrivateOnly', [`${METHOD_ARN_PREFIX}/dev/GET/private`]),
  role('PostOnly', [`${METHOD_ARN_PREFIX}/dev/POST/*`]),
  role('Wildcards', [`${METHOD_ARN_PREFIX}/*/GET/priv?te`]),
];

const START = Date.parse('2030-01-01T00:00:00Z');
let now = START;
const issued = new Map<string, { credentials: CredentialsRecord; identity: IdentityRecord }>();
/** Credentials as GetCredentialsForIdentity keeps them, for a user and a role. */
function credentialsFor(sub: string, roleName: string) {
  const n = issued.size + 1;
  const sessionToken = `session-token-${n}`;
  const identity: IdentityRecord = {
    identityId: `us-east-1:0000000${n}-0000-0000-0000-000000000000`,
    identityPoolId: 'us-east-1:11111111-2222-3333-4444-555555555555',
    providerName: 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Pool',
    sub,
    createdAt: START,
  };
  const credentials: CredentialsRecord = {
    accessKeyId: `ASIAEXAMPLE00000000${n}`,
    secretAccessKey: `secret-${n}`,
    sessionTokenSha256: createHash('sha256').update(sessionToken).digest('hex'),
    identityId: identity.identityId,
    roleArn: `arn:aws:iam::000000000000:role/${roleName}`,
    expiresAt: START + 60 * 60 * 1000,
  };
  issued.set(credentials.accessKeyId, { credentials, identity });
  return { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey, sessionToken, identity };
}

let api: RunningRestApi;
let runtime: LambdaRuntime;
beforeAll(async () => {
  runtime = new LambdaRuntime(model.functions, { baseEnvironment: {}, onOutput: () => undefined });
  const authorizer = new CognitoAuthorizer({
    issuer: 'http://127.0.0.1:1/none',
    jwksUri: `${'http://127.0.0.1:1/none'}/.well-known/jwks.json`,
    clientIds: [],
  });
  const iamAuthorizer = new IamAuthorizer({
    region: 'us-east-1',
    accountId: '000000000000',
    apiId: 'local',
    stageName: 'dev',
    roles,
    findCredentials: (accessKeyId) => issued.get(accessKeyId),
    now: () => now,
  });
  api = await startRestApi({ model, runtime, authorizer, iamAuthorizer, port: 0 });
});
afterEach(() => {
  now = START;
});
afterAll(async () => {
  await api.close();
  await runtime.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Signing {
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  region?: string;
  service?: string;
  signingDate?: Date;
  headers?: Record<string, string>;
  /** Headers sent but left out of the signature (and of SignedHeaders). */
  unsigned?: string[];
}

/** Signs GET <path> the way a client does: the SDK's signer, every header signed, the session token included. */
async function signedHeaders(pathAndQuery: string, signing: Signing): Promise<Record<string, string>> {
  const url = new URL(pathAndQuery, api.url);
  const signer = new SignatureV4({
    credentials: signing.credentials,
    region: signing.region ?? 'us-east-1',
    service: signing.service ?? 'execute-api',
    sha256: Hash.bind(null, 'sha256'),
  });
  const request = await signer.sign(
    {
      method: 'GET',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: { host: url.host, ...signing.headers },
    },
    { signingDate: signing.signingDate ?? new Date(now), unsignableHeaders: new Set(signing.unsigned) },
  );
  return request.headers;
}

/** The same headers with the Authorization header's SignedHeaders list changed by `change`, the signature kept. */
function claimingSignedHeaders(headers: Record<string, string>, change: (list: string) => string): Record<string, string> {
  const authorization = headers.authorization.replace(/SignedHeaders=([^,]*)/, (_, list) => `SignedHeaders=${change(list)}`);
  return { ...headers, authorization };
}

/** GET through node:http, which (unlike fetch) sends the Host header the signature covers as it is. */
function get(
  pathAndQuery: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    http
      .get(new URL(pathAndQuery, api.url), { headers }, (response) => {
        let text = '';
        response.on('data', (chunk) => {
          text += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
      })
      .on('error', reject);
  });
}

const refusal = (code: string, message: string | RegExp = /.+/) => ({
  status: code === 'UNAUTHORIZED' ? 401 : 403,
  body: { code, message: typeof message === 'string' ? message : expect.stringMatching(message) },
});

test('a call signed with issued credentials reaches the handler with the caller in requestContext.identity', async () => {
  const ada = credentialsFor('sub-ada', 'PrivateOnly');
  const response = await get('private?x=1', await signedHeaders('private?x=1', { credentials: ada }));
  expect(response).toEqual({
    status: 200,
    body: expect.objectContaining({
      cognitoIdentityPoolId: ada.identity.identityPoolId,
      cognitoIdentityId: ada.identity.identityId,
      cognitoAuthenticationType: 'authenticated',
      cognitoAuthenticationProvider:
        'cognito-idp.us-east-1.amazonaws.com/us-east-1_Pool,cognito-idp.us-east-1.amazonaws.com/us-east-1_Pool:CognitoSignIn:sub-ada',
      accessKey: ada.accessKeyId,
      accountId: '000000000000',
      caller: expect.stringMatching(/^AROA[0-9A-F]{17}:CognitoIdentityCredentials$/),
      userArn: 'arn:aws:sts::000000000000:assumed-role/PrivateOnly/CognitoIdentityCredentials',
    }),
  });
});

test('IAM wildcards: * and ? in the policy resource match the method ARN', async () => {
  const bob = credentialsFor('sub-bob', 'Wildcards');
  expect((await get('private', await signedHeaders('private', { credentials: bob }))).status).toBe(200);
});

describe('refusals, each in its gateway response and the envelope, never 5xx', () => {
  it('unsigned: MISSING_AUTHENTICATION_TOKEN', async () => {
    expect(await get('private')).toEqual(refusal('MISSING_AUTHENTICATION_TOKEN', 'Missing Authentication Token'));
  });

  it('an Authorization header that is not SigV4 (an id token): INVALID_SIGNATURE', async () => {
    expect(await get('private', { Authorization: 'Bearer eyJ.x.y' })).toEqual(
      refusal('INVALID_SIGNATURE', /requires 'Credential'/),
    );
  });

  it('a signature from the wrong secret: INVALID_SIGNATURE', async () => {
    const ada = credentialsFor('sub-ada', 'PrivateOnly');
    const headers = await signedHeaders('private', { credentials: { ...ada, secretAccessKey: 'not-the-secret' } });
    expect(await get('private', headers)).toEqual(refusal('INVALID_SIGNATURE', /signature we calculated does not match/));
  });

  it('a path, query or header tampered with after signing: INVALID_SIGNATURE', async () => {
    const ada = credentialsFor('sub-ada', 'PrivateOnly');
    const mismatch = refusal('INVALID_SIGNATURE', /signature we calculated does not match/);
    expect(await get('private', await signedHeaders('other', { credentials: ada }))).toEqual(mismatch);
    expect(await get('private?x=2', await signedHeaders('private?x=1', { credentials: ada }))).toEqual(mismatch);
    const signed = await signedHeaders('private', { credentials: ada, headers: { 'x-purpose': 'read' } });
    expect(await get('private', { ...signed, 'x-purpose': 'write' })).toEqual(mismatch);
  });

  it('a signature that leaves host or X-Amz-Date out of SignedHeaders: INVALID_SIGNATURE, though it matches what it covers', async () => {
    const ada = credentialsFor('sub-ada', 'PrivateOnly');
    const withoutHost = await signedHeaders('private', { credentials: ada, unsigned: ['host'] });
    expect(withoutHost.authorization).toMatch(/SignedHeaders=x-amz-content-sha256;x-amz-date;x-amz-security-token,/);
    expect(await get('private', withoutHost)).toEqual(
      refusal('INVALID_SIGNATURE', /'Host' or ':authority' must be a 'SignedHeader'/),
    );
    const withoutDate = await signedHeaders('private', { credentials: ada, unsigned: ['x-amz-date'] });
    expect(withoutDate.authorization).toMatch(/SignedHeaders=host;x-amz-content-sha256;x-amz-security-token,/);
    expect(await get('private', withoutDate)).toEqual(refusal('INVALID_SIGNATURE', /'X-Amz-Date' must be a 'SignedHeader'/));
  });

  it.each<[string, (list: string) => string]>([
    ['a name of Object.prototype, not sent', (list) => `constructor;${list}`],
    ['__proto__, which no HTTP parser keeps as a header', (list) => `__proto__;${list}`],
    ['a header that was not sent', (list) => `${list};x-not-sent`],
    ['an empty name', (list) => list.replace('host;', 'host;;')],
    ['a name in capitals', (list) => `Host;${list}`],
    ['a name with a space', (list) => `${list};x y`],
  ])('SignedHeaders naming %s: the bad signature’s INVALID_SIGNATURE, never a 5xx', async (_, change) => {
    const ada = credentialsFor('sub-ada', 'PrivateOnly');
    const signed = await signedHeaders('private', { credentials: ada });
    expect((await get('private', signed)).status).toBe(200);
    expect(await get('private', claimingSignedHeaders(signed, change))).toEqual(
      refusal('INVALID_SIGNATURE', /signature we calculated does not match/),
    );
  });

  it('a header named constructor that was sent and signed is an ordinary header: 200', async () => {
    const ada = credentialsFor('sub-ada', 'PrivateOnly');
    const signed = await signedHeaders('private', { credentials: ada, headers: { constructor: 'x' } });
    expect(signed.authorization).toMatch(/SignedHeaders=constructor;host;/);
    expect((await get('private', signed)).status).toBe(200);
  });

  it('the wrong region or service in the credential scope: INVALID_SIGNATURE', async () => {
    const ada = credentialsFor('sub-ada', 'PrivateOnly');
    expect(await get('private', await signedHeaders('private', { credentials: ada, region: 'eu-west-1' }))).toEqual(
      refusal('INVALID_SIGNATURE', /scoped to a valid region/),
    );
    expect(await get('private', await signedHeaders('private', { credentials: ada, service: 'lambda' }))).toEqual(
      refusal('INVALID_SIGNATURE', /scoped to correct service/),
    );
  });

  it('a date more than five minutes off: INVALID_SIGNATURE; four minutes is still fine', async () => {
    const ada = credentialsFor('sub-ada', 'PrivateOnly');
    const at = (minutes: number) => new Date(now + minutes * 60 * 1000);
    expect(await get('private', await signedHeaders('private', { credentials: ada, signingDate: at(-6) }))).toEqual(
      refusal('INVALID_SIGNATURE', /more than 5 minutes/),
    );
    expect(await get('private', await signedHeaders('private', { credentials: ada, signingDate: at(6) }))).toEqual(
      refusal('INVALID_SIGNATURE', /more than 5 minutes/),
    );
    expect((await get('private', await signedHeaders('private', { credentials: ada, signingDate: at(-4) }))).status).toBe(200);
  });

  it('expired credentials: EXPIRED_TOKEN', async () => {
    const ada = credentialsFor('sub-ada', 'PrivateOnly');
    now = START + 61 * 60 * 1000;
    expect(await get('private', await signedHeaders('private', { credentials: ada }))).toEqual(
      refusal('EXPIRED_TOKEN', 'The security token included in the request is expired'),
    );
  });

  it('the session token of another identity, or none, or credentials nobody issued: ACCESS_DENIED', async () => {
    const ada = credentialsFor('sub-ada', 'PrivateOnly');
    const bob = credentialsFor('sub-bob', 'PrivateOnly');
    const invalid = refusal('ACCESS_DENIED', 'The security token included in the request is invalid.');
    expect(
      await get('private', await signedHeaders('private', { credentials: { ...ada, sessionToken: bob.sessionToken } })),
    ).toEqual(invalid);
    expect(await get('private', await signedHeaders('private', { credentials: { ...ada, sessionToken: undefined } }))).toEqual(
      invalid,
    );
    const forged = { accessKeyId: 'ASIAFORGED0000000000', secretAccessKey: 'x', sessionToken: 'y' };
    expect(await get('private', await signedHeaders('private', { credentials: forged }))).toEqual(invalid);
  });

  it('credentials whose role the policy does not allow for this method: ACCESS_DENIED', async () => {
    const poster = credentialsFor('sub-ada', 'PostOnly');
    expect(await get('private', await signedHeaders('private', { credentials: poster }))).toEqual(
      refusal(
        'ACCESS_DENIED',
        `User: arn:aws:sts::000000000000:assumed-role/PostOnly/CognitoIdentityCredentials is not authorized to perform: execute-api:Invoke on resource: ${METHOD_ARN_PREFIX}/dev/GET/private`,
      ),
    );
    const ada = credentialsFor('sub-ada', 'PrivateOnly');
    expect(await get('other', await signedHeaders('other', { credentials: ada }))).toEqual(refusal('ACCESS_DENIED'));
  });

  it('a signed call to a Cognito-authorized route (which wants an id token): UNAUTHORIZED 401', async () => {
    const ada = credentialsFor('sub-ada', 'PrivateOnly');
    expect(await get('secret', await signedHeaders('secret', { credentials: ada }))).toEqual(
      refusal('UNAUTHORIZED', 'Unauthorized'),
    );
  });
});

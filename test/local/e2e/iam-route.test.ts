import * as http from 'node:http';
import { Hash } from '@smithy/core/serde';
import { SignatureV4 } from '@smithy/signature-v4';
import { FLAVORS, gateway } from '../../support/flavors';
import type { LocalClient } from '../../support/local-mode';
import { bootFlavor } from './mfa-local-mode';

// The real synthesized template: what local mode reads of the identity pool, and one signed call
// through the twin's credentials. The refusals are proven on a hand-made stack (gateway/iam-authorization.test.ts).
// Both API flavors: the REST API's IAM methods and the HTTP API's IAM authorizer (docs/http-api.md).
describe.each(FLAVORS)('%s API', (flavor) => {
  let client: LocalClient;
  beforeAll(async () => {
    client = await bootFlavor(flavor);
  }, 120_000);
  afterAll(() => client?.close());

  test('local mode reads the identity pool of the template: the app client its only provider, with the server-side token check, its role allowed GET /private only', () => {
    const { identityPool, pool, routes, stageName } = client.local.model;
    expect(identityPool).toEqual({
      identityPoolId: client.local.identityPoolId,
      allowUnauthenticated: false,
      providers: [
        {
          providerName: `cognito-idp.us-east-1.amazonaws.com/${pool.poolId}`,
          clientId: pool.clients[0].clientId,
          serverSideTokenCheck: true,
        },
      ],
      authenticatedRole: expect.objectContaining({
        trustsAuthenticatedIdentities: true,
        statements: [
          {
            effect: 'Allow',
            actions: ['execute-api:Invoke'],
            resources: [`arn:aws:execute-api:us-east-1:000000000000:local/${stageName}/GET/private`],
          },
        ],
      }),
    });
    expect(routes.filter((route) => route.authorization?.kind === 'iam').map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /private',
    ]);
  });

  test('sign in → POST /credentials → GET /private signed with them answers 200 with the identity id and the sub', async () => {
    const { idToken } = await client.signedInUser('iam-caller@example.com');
    const sub = JSON.parse(Buffer.from(idToken.split('.')[1], 'base64url').toString()).sub;
    const credentials = await client.call('POST', 'credentials', { headers: { Authorization: idToken } });
    expect(credentials.status).toBe(200);
    const { identityId, accessKeyId, secretAccessKey, sessionToken } = credentials.body;

    const url = new URL('private', client.local.apiUrl);
    const signer = new SignatureV4({
      credentials: { accessKeyId, secretAccessKey, sessionToken },
      region: client.local.region,
      service: 'execute-api',
      sha256: Hash.bind(null, 'sha256'),
    });
    const signed = await signer.sign({
      method: 'GET',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: url.pathname,
      headers: { host: url.host },
    });
    const response = await new Promise<{ status: number; body: unknown }>((resolve, reject) => {
      http
        .get(url, { headers: signed.headers }, (res) => {
          let text = '';
          res.on('data', (chunk) => {
            text += chunk;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
        })
        .on('error', reject);
    });
    expect(response).toEqual({ status: 200, body: { message: expect.any(String), identityId, user: { sub } } });
  });

  test('on the real template, refusals answer the gateway’s own bodies: unsigned, unknown credentials, a signed call to /secret', async () => {
    const unsigned = await client.call('GET', 'private');
    expect([unsigned.status, unsigned.body]).toEqual(gateway(flavor).unsigned);
    const forged = await client.call('GET', 'private', {
      headers: {
        Authorization:
          'AWS4-HMAC-SHA256 Credential=ASIAFORGED/20300101/us-east-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=00',
        'X-Amz-Date': new Date().toISOString().replace(/[-:]|\.\d{3}/g, ''),
      },
    });
    expect([forged.status, forged.body]).toEqual(gateway(flavor).accessDenied);
    const atSecret = await client.call('GET', 'secret', {
      headers: {
        Authorization:
          'AWS4-HMAC-SHA256 Credential=A/20300101/us-east-1/execute-api/aws4_request, SignedHeaders=host, Signature=00',
      },
    });
    expect([atSecret.status, atSecret.body]).toEqual(gateway(flavor).unauthorized);
  });

  test('a signature over chosen headers: without host, or naming a header not sent (constructor), the gateway refuses it, never a 5xx; all signed 200', async () => {
    const { idToken } = await client.signedInUser('chosen-headers@example.com');
    const { accessKeyId, secretAccessKey, sessionToken } = (
      await client.call('POST', 'credentials', { headers: { Authorization: idToken } })
    ).body;
    const url = new URL('private', client.local.apiUrl);
    const signer = new SignatureV4({
      credentials: { accessKeyId, secretAccessKey, sessionToken },
      region: client.local.region,
      service: 'execute-api',
      sha256: Hash.bind(null, 'sha256'),
    });
    const signedLeavingOut = async (unsigned: string[]) =>
      (
        await signer.sign(
          {
            method: 'GET',
            protocol: 'http:',
            hostname: url.hostname,
            port: Number(url.port),
            path: url.pathname,
            headers: { host: url.host },
          },
          { unsignableHeaders: new Set(unsigned) },
        )
      ).headers;
    const send = (headers: Record<string, string>) =>
      new Promise<{ status: number; body: any }>((resolve, reject) => {
        http
          .get(url, { headers }, (res) => {
            let text = '';
            res.on('data', (chunk) => {
              text += chunk;
            });
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
          })
          .on('error', reject);
      });

    const withoutHost = await signedLeavingOut(['host']);
    expect(withoutHost.authorization).not.toMatch(/SignedHeaders=[^,]*\bhost\b/);
    const badSignature = gateway(flavor).badSignature;
    expect(await send(withoutHost)).toEqual({ status: badSignature[0], body: badSignature[1] });
    const all = await signedLeavingOut([]);
    const namingConstructor = all.authorization.replace('SignedHeaders=', 'SignedHeaders=constructor;');
    expect(await send({ ...all, authorization: namingConstructor })).toEqual({ status: badSignature[0], body: badSignature[1] });
    expect((await send(all)).status).toBe(200);
  });
});

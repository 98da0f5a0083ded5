import { FLAVORS, gateway } from '../../support/flavors';
import type { LocalClient } from '../../support/local-mode';
import { signedGet } from '../../support/sigv4';
import { bootFlavor } from './mfa-local-mode';

// Both API flavors (docs/http-api.md): the gateway's own refusals differ, the handlers' answers do not.
describe.each(FLAVORS)('%s API', (flavor) => {
  let client: LocalClient;
  beforeAll(async () => {
    client = await bootFlavor(flavor);
  }, 120_000);
  afterAll(() => client?.close());

  interface Credentials {
    readonly identityId: string;
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    readonly sessionToken: string;
    readonly expiration: string;
  }

  describe('AWS credentials for a signed-in user, end to end in local mode', () => {
    const email = 'signer@example.com';
    let idToken: string;
    let credentials: Credentials;

    test('sign in, then POST /credentials with the id token answers 200 with temporary credentials of one identity', async () => {
      idToken = (await client.signedInUser(email)).idToken;
      const { status, body } = await client.call('POST', 'credentials', { headers: { Authorization: `Bearer ${idToken}` } });
      expect(status).toBe(200);
      expect(body).toEqual({
        identityId: expect.stringMatching(new RegExp(`^${client.local.region}:[0-9a-f-]{36}$`)),
        accessKeyId: expect.any(String),
        secretAccessKey: expect.any(String),
        sessionToken: expect.any(String),
        expiration: expect.any(String),
      });
      expect(Date.parse(body.expiration)).toBeGreaterThan(Date.now());
      credentials = body;
    });

    test('GET /private signed with them answers 200 with that identity id and the user’s sub', async () => {
      const sub = JSON.parse(Buffer.from(idToken.split('.')[1], 'base64url').toString()).sub;
      const { status, body } = await signedGet(client, 'private', credentials);
      expect(status).toBe(200);
      expect(body).toEqual({ message: expect.any(String), identityId: credentials.identityId, user: { sub } });
    });

    test('the same user gets the same identity id again', async () => {
      const { body } = await client.call('POST', 'credentials', { headers: { Authorization: idToken } });
      expect(body.identityId).toBe(credentials.identityId);
    });

    test('GET /private unsigned: REST answers 404 NotFound, whose message says a signature may be what is missing; HTTP 403', async () => {
      const { status, body } = await client.call('GET', 'private');
      expect([status, body]).toEqual(gateway(flavor).unsigned);
    });

    test('GET /private signed with another secret: the gateway refuses the signature', async () => {
      const { status, body } = await signedGet(client, 'private', {
        ...credentials,
        secretAccessKey: `${credentials.secretAccessKey}x`,
      });
      expect([status, body]).toEqual(gateway(flavor).badSignature);
    });

    test('POST /credentials without an id token answers 401 Unauthorized from the authorizer', async () => {
      const { status, body } = await client.call('POST', 'credentials');
      expect([status, body]).toEqual(gateway(flavor).unauthorized);
    });
  });

  describe('the identity pool asks the user pool first (ServerSideTokenCheck in the template)', () => {
    const NOT_AUTHORIZED = { code: 'NotAuthorized', message: 'The identity pool refused the id token: sign in again.' };
    const credentialsFor = (idToken: string) => client.call('POST', 'credentials', { token: idToken });

    test('after POST /sign-out-everywhere the old id token, which still opens /secret, gets 401 NotAuthorized at /credentials', async () => {
      const before = await client.signedInUser('signs-out@example.com');
      expect((await credentialsFor(before.idToken)).status).toBe(200);
      expect((await client.call('POST', 'sign-out-everywhere', { token: before.accessToken })).status).toBe(204);
      expect((await client.call('GET', 'secret', { token: before.idToken })).status).toBe(200);
      const refused = await credentialsFor(before.idToken);
      expect([refused.status, refused.body]).toEqual([401, NOT_AUTHORIZED]);
      const after = (await client.signIn('signs-out@example.com')).body;
      expect((await credentialsFor(after.idToken)).status).toBe(200);
    });

    test('after DELETE /me the old id token gets 401 NotAuthorized at /credentials', async () => {
      const { idToken, accessToken } = await client.signedInUser('deletes@example.com');
      expect((await credentialsFor(idToken)).status).toBe(200);
      expect((await client.call('DELETE', 'me', { token: accessToken })).status).toBe(204);
      const refused = await credentialsFor(idToken);
      expect([refused.status, refused.body]).toEqual([401, NOT_AUTHORIZED]);
    });
  });
});

import { CognitoIdentityProviderClient, GetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { type Flavor, flavorContext, gateway } from '../../support/flavors';
import { advanceLocalClock, type LocalClient } from '../../support/local-mode';
import { signedGet } from '../../support/sigv4';
import { bootLocalWith } from './mfa-local-mode';

/** Synthesizing without bundling and booting local mode: seconds when quiet, over a minute on a busy machine. */
const SYNTH_AND_BOOT_MS = 120_000;

/**
 * The token lifecycle through the local API, as docs/sessions.md tells it: refresh (with and without
 * rotation), the rotated-out token after its grace period, sign-out and sign-out everywhere, and
 * "a day later" on local mode's clock. GetUser is asked directly, as a backend holding an access
 * token would.
 */
describe.each([
  { stack: 'the default stack (refresh tokens rotate)', context: undefined, rotates: true, flavor: 'rest' },
  { stack: 'refreshTokenRotation=false', context: { refreshTokenRotation: 'false' }, rotates: false, flavor: 'rest' },
  // The HTTP API flavor (docs/http-api.md): its JWT and IAM authorizers in front of the same handlers.
  { stack: 'api=http (refresh tokens rotate)', context: undefined, rotates: true, flavor: 'http' },
] as Array<{ stack: string; context?: Record<string, string>; rotates: boolean; flavor: Flavor }>)(
  'sessions in local mode, $stack',
  ({ context, rotates, flavor }) => {
    let client: LocalClient;
    let cognito: CognitoIdentityProviderClient;
    beforeAll(async () => {
      client = await bootLocalWith(flavorContext(flavor, context));
      cognito = new CognitoIdentityProviderClient({
        endpoint: client.local.cognitoUrl,
        region: client.local.region,
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        maxAttempts: 1,
      });
    }, SYNTH_AND_BOOT_MS);
    afterAll(async () => {
      cognito.destroy();
      await client.close();
    });

    const grace = () => client.local.model.pool.clients[0]?.refreshTokenRotation?.retryGracePeriodSeconds ?? 0;
    const refresh = (refreshToken: string) => client.call('POST', 'refresh', { body: { refreshToken } });
    const getUser = (accessToken: string) =>
      cognito.send(new GetUserCommand({ AccessToken: accessToken })).then(
        () => 'accepted',
        (error: Error) => `${error.name}: ${error.message}`,
      );
    const secret = (idToken: string) => client.call('GET', 'secret', { headers: { Authorization: idToken } });
    const advance = (seconds: number) => advanceLocalClock(client.local, seconds);

    test(`the app client ${rotates ? 'rotates' : 'does not rotate'} refresh tokens, as the template says`, () => {
      expect(Boolean(client.local.model.pool.clients[0]?.refreshTokenRotation)).toBe(rotates);
    });

    test(`POST /refresh answers new id and access tokens${rotates ? ' and the next refresh token' : ', and no refresh token'}`, async () => {
      const signedIn = await client.signedInUser('refresh@example.com');
      const renewed = await refresh(signedIn.refreshToken);
      expect(renewed.status).toBe(200);
      expect(Object.keys(renewed.body).sort()).toEqual(
        ['accessToken', 'expiresIn', 'idToken', 'tokenType', ...(rotates ? ['refreshToken'] : [])].sort(),
      );
      if (!rotates) return;
      expect(renewed.body.refreshToken).not.toBe(signedIn.refreshToken);
      // The rotated-out token is a client's retry within the grace period, and refused after it.
      expect((await refresh(signedIn.refreshToken)).status).toBe(200);
      await advance(grace());
      const reused = await refresh(signedIn.refreshToken);
      expect(reused).toMatchObject({ status: 401, body: { code: 'NotAuthorized' } });
      expect((await refresh(renewed.body.refreshToken)).status).toBe(200);
    });

    test('a day later the old id token is refused at GET /secret and the old access token at GetUser; the refresh token revives the session', async () => {
      const signedIn = await client.signedInUser('later@example.com');
      expect((await secret(signedIn.idToken)).status).toBe(200);
      await advance(24 * 60 * 60);
      expect((await secret(signedIn.idToken)).status).toBe(401);
      expect(await getUser(signedIn.accessToken)).toBe('NotAuthorizedException: Access Token has expired');
      const revived = await refresh(signedIn.refreshToken);
      expect(revived.status).toBe(200);
      expect((await secret(revived.body.idToken)).status).toBe(200);
      expect(await getUser(revived.body.accessToken)).toBe('accepted');
    });

    test("a day later identity pool credentials are expired at GET /private, though the signature's date keeps real time", async () => {
      const signedIn = await client.signedInUser('credentials@example.com');
      const { body: credentials } = await client.call('POST', 'credentials', { headers: { Authorization: signedIn.idToken } });
      expect((await signedGet(client, 'private', credentials)).status).toBe(200);
      await advance(24 * 60 * 60);
      // EXPIRED_TOKEN, not INVALID_SIGNATURE: the request was signed now, by the machine's clock.
      const [status, body] = gateway(flavor).expiredCredentials;
      expect(await signedGet(client, 'private', credentials)).toEqual({ status, body });
    });

    test('after POST /sign-out with the current refresh token, every refresh token of the session and every access token from it is refused', async () => {
      const signedIn = await client.signedInUser('signout@example.com');
      const renewed = await refresh(signedIn.refreshToken);
      const current = renewed.body.refreshToken ?? signedIn.refreshToken;
      expect((await client.call('POST', 'sign-out', { body: { refreshToken: current } })).status).toBe(204);
      for (const token of new Set([signedIn.refreshToken, current])) expect((await refresh(token)).status).toBe(401);
      for (const token of [signedIn.accessToken, renewed.body.accessToken])
        expect(await getUser(token)).toBe('NotAuthorizedException: Access Token has been revoked');
    });

    test('after POST /sign-out-everywhere, refreshed sessions end too', async () => {
      const signedIn = await client.signedInUser('everywhere@example.com');
      const renewed = await refresh(signedIn.refreshToken);
      const current = renewed.body.refreshToken ?? signedIn.refreshToken;
      const out = await client.call('POST', 'sign-out-everywhere', { token: renewed.body.accessToken });
      expect(out.status).toBe(204);
      expect((await refresh(current)).status).toBe(401);
      expect(await getUser(renewed.body.accessToken)).toBe('NotAuthorizedException: Access Token has been revoked');
    });
  },
);

import type { Outcome } from '../../web/src/api';
import { session } from '../../web/src/session';
import { withToken } from '../../web/src/tokens';

// The page's guarded calls (web/src/tokens.ts): a token the API refuses is renewed once through
// /refresh, the call is tried again with the new one, and with rotation the next refresh token
// is the one the session keeps.

const signedIn = {
  idToken: 'id.1',
  accessToken: 'access.1',
  refreshToken: 'refresh.1',
  expiresIn: 3600,
  tokenType: 'Bearer' as const,
};
const unauthorized = { ok: false, problem: { status: 401, code: 'Unauthorized', message: 'Unauthorized' } } as const;

/** A /refresh that answers the next tokens, rotating the refresh token, and records what it was sent. */
function rotatingRefresh() {
  const sent: string[] = [];
  return {
    sent,
    refresh: async (refreshToken: string) => {
      sent.push(refreshToken);
      const n = sent.length + 1;
      return {
        ok: true as const,
        body: {
          idToken: `id.${n}`,
          accessToken: `access.${n}`,
          refreshToken: `refresh.${n}`,
          expiresIn: 3600,
          tokenType: 'Bearer' as const,
        },
      };
    },
  };
}

/** A route that accepts only `accepted`, and records the tokens it was called with. */
function routeAccepting(accepted: string) {
  const tried: string[] = [];
  const call = async (token: string): Promise<Outcome<string>> => {
    tried.push(token);
    return token === accepted ? { ok: true, body: 'answer' } : unauthorized;
  };
  return { tried, call };
}

beforeEach(() => session.start('ada@example.com', signedIn, false));
afterEach(() => session.end());

test('a token the API accepts is used as it is, without a refresh', async () => {
  const api = rotatingRefresh();
  const route = routeAccepting('id.1');
  await expect(withToken(api, 'idToken', route.call)).resolves.toEqual({ ok: true, body: 'answer' });
  expect(api.sent).toEqual([]);
});

test('a refused id token is renewed once and the call tried again; the rotated refresh token is kept for the next renewal', async () => {
  const api = rotatingRefresh();
  const first = routeAccepting('id.2');
  await expect(withToken(api, 'idToken', first.call)).resolves.toEqual({ ok: true, body: 'answer' });
  expect(first.tried).toEqual(['id.1', 'id.2']);
  expect(session.get()).toMatchObject({ idToken: 'id.2', accessToken: 'access.2', refreshToken: 'refresh.2' });

  const second = routeAccepting('access.3');
  await expect(withToken(api, 'accessToken', second.call)).resolves.toEqual({ ok: true, body: 'answer' });
  expect(second.tried).toEqual(['access.2', 'access.3']);
  expect(api.sent).toEqual(['refresh.1', 'refresh.2']);
});

test('a call refused again after the renewal answers that refusal: one renewal, no loop', async () => {
  const api = rotatingRefresh();
  const route = routeAccepting('never');
  await expect(withToken(api, 'accessToken', route.call)).resolves.toEqual(unauthorized);
  expect(route.tried).toEqual(['access.1', 'access.2']);
  expect(api.sent).toEqual(['refresh.1']);
});

test('another problem than Unauthorized is answered as it is, without a refresh', async () => {
  const api = rotatingRefresh();
  const refused = { ok: false, problem: { status: 400, code: 'InvalidRequest', message: 'no' } } as const;
  await expect(withToken(api, 'idToken', async () => refused)).resolves.toEqual(refused);
  expect(api.sent).toEqual([]);
});

test('a refused renewal answers the first refusal and leaves the session as it was', async () => {
  const api = {
    refresh: async () => ({ ok: false as const, problem: { status: 400, code: 'NotAuthorized' as const, message: 'revoked' } }),
  };
  const route = routeAccepting('id.2');
  await expect(withToken(api, 'idToken', route.call)).resolves.toEqual(unauthorized);
  expect(route.tried).toEqual(['id.1']);
  expect(session.get()).toMatchObject({ idToken: 'id.1', refreshToken: 'refresh.1' });
});

test('without a session no call is made', async () => {
  session.end();
  const route = routeAccepting('id.1');
  await expect(withToken(rotatingRefresh(), 'idToken', route.call)).resolves.toMatchObject({
    ok: false,
    problem: { code: 'Unauthorized' },
  });
  expect(route.tried).toEqual([]);
});

import { session } from '../../web/src/session';

// The page's session (web/src/session.ts): after a refresh it holds the refresh token that is
// current, so that the next refresh and sign-out (RevokeToken) use that one.

const signedIn = {
  idToken: 'id.1',
  accessToken: 'access.1',
  refreshToken: 'refresh.1',
  expiresIn: 3600,
  tokenType: 'Bearer' as const,
};
const refreshed = { idToken: 'id.2', accessToken: 'access.2', expiresIn: 3600, tokenType: 'Bearer' as const };

beforeEach(() => session.start('ada@example.com', signedIn, false));
afterEach(() => session.end());

test('with rotation, a refresh replaces the refresh token with the one it answered', () => {
  session.renew({ ...refreshed, refreshToken: 'refresh.2' });
  expect(session.get()).toMatchObject({ idToken: 'id.2', accessToken: 'access.2', refreshToken: 'refresh.2' });
});

test('without rotation, a refresh keeps the refresh token the page holds', () => {
  session.renew(refreshed);
  expect(session.get()).toMatchObject({ idToken: 'id.2', accessToken: 'access.2', refreshToken: 'refresh.1' });
});

test('a refresh answered after sign-out starts no session', () => {
  session.end();
  session.renew({ ...refreshed, refreshToken: 'refresh.2' });
  expect(session.get()).toBeUndefined();
});

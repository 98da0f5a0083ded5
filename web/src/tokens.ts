import type { ApiClient, Outcome } from './api';
import { session } from './session';

/**
 * Calls a guarded route with the session's id token (or, for the account routes, its access
 * token). Both live an hour; when the API refuses one, one /refresh with the refresh token gets
 * new ones (and, with rotation, the next refresh token, which session.renew keeps in place of the
 * one sent) and the call is tried once more with the new token.
 */
export async function withToken<T>(
  api: Pick<ApiClient, 'refresh'>,
  kind: 'idToken' | 'accessToken',
  call: (token: string) => Promise<Outcome<T>>,
): Promise<Outcome<T>> {
  const current = session.get();
  if (!current) return { ok: false, problem: { status: 401, code: 'Unauthorized', message: '' } };
  const first = await call(current[kind]);
  if (first.ok || first.problem.code !== 'Unauthorized') return first;
  const renewed = await api.refresh(current.refreshToken);
  if (!renewed.ok) return first;
  session.renew(renewed.body);
  return call(renewed.body[kind]);
}

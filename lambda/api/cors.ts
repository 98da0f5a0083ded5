import { optionalEnvironment } from './environment';
import type { ProxyEvent } from './event';

/** CORS_ALLOWED_ORIGINS, a JSON array, as the stack sets it from the `corsOrigins` context; unset allows none. */
function allowedOrigins(): string[] {
  return JSON.parse(optionalEnvironment('CORS_ALLOWED_ORIGINS') ?? '[]');
}

/**
 * The CORS headers for a response to this request: the caller's Origin is echoed only when it is
 * one of the configured origins (or they allow any), so a page elsewhere cannot read the answer.
 * Vary: Origin keeps caches from serving one origin's answer to another.
 */
export function corsHeaders(event: Pick<ProxyEvent, 'headers'>): Record<string, string> {
  const origin = Object.entries(event.headers ?? {}).find(([name]) => name.toLowerCase() === 'origin')?.[1];
  const allowed = allowedOrigins();
  if (!origin || !(allowed.includes('*') || allowed.includes(origin))) return { Vary: 'Origin' };
  return { 'Access-Control-Allow-Origin': allowed.includes('*') ? '*' : origin, Vary: 'Origin' };
}

/**
 * The page's Content-Security-Policy, wherever it is served (CloudFront's response headers
 * policy, local mode's server). It is the other half of keeping tokens in memory: only the page's
 * own script runs (no inline script, no other origin), and the only place it may send anything
 * is its own origin and the API's (`apiOrigin`, scheme and host), so an injected script has
 * nowhere to send tokens.
 * `form-action 'none'`: if the script fails to load, a submitted form goes nowhere instead of
 * putting a password in a URL. `img-src data:`: the API reference's stylesheet (Swagger UI) draws
 * its icons as data: URLs, which are no request, so they carry nothing anywhere.
 */
export function contentSecurityPolicy(apiOrigin: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ${apiOrigin}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

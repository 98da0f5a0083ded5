/**
 * The page's Content-Security-Policy, wherever it is served (CloudFront's response headers
 * policy, local mode's server). It is the other half of keeping tokens in memory: only the page's
 * own script runs (no inline script, no other origin), and the only place it may send anything
 * is its own origin and the API's (`apiOrigin`, scheme and host), so an injected script has
 * nowhere to send tokens.
 * `form-action 'none'`: if the script fails to load, a submitted form goes nowhere instead of
 * putting a password in a URL. `img-src data:`: the API reference's stylesheet (Swagger UI) draws
 * its icons as data: URLs, which are no request, so they carry nothing anywhere.
 * `localMail`: local mode's page may frame its own origin, where the mailbox serves each mail.
 */
export function contentSecurityPolicy(apiOrigin: string, options: { readonly localMail?: boolean } = {}): string {
  return [
    "default-src 'none'",
    // Local mode's mailbox shows each mail in a frame of the page's own origin (local/mail-frame.ts).
    ...(options.localMail ? ["frame-src 'self'"] : []),
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ${apiOrigin}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

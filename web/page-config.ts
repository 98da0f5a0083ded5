/**
 * What the page is told where it is served (`config.json`, next to index.html): the deploy writes
 * the stack's API URL and MFA setting into it (lib/web-site.ts), local mode the local API's, the
 * template's MFA setting and its mailbox (local/web-server.ts). The bundle itself names no URL, so
 * one build serves every stage. The page reads it with web/src/config.ts.
 */
export interface PageConfig {
  /** The REST API's base URL, ending in the stage and a slash (the ApiUrl output). */
  readonly apiUrl: string;
  /**
   * The deployment's `mfa` setting (lib/config.ts). The page has to be told: with `off` the /mfa
   * routes are absent, and a browser cannot even read that 404, since the CORS preflight of an
   * absent route is refused too and the browser then reports a network error.
   */
  readonly mfa: MfaSetting;
  /**
   * The deployment's `passwordless` factors (lib/config.ts), whose routes and buttons the page has; absent or empty for
   * none, as for mfa the page must be told rather than find a refused preflight.
   */
  readonly passwordless?: readonly PasswordlessFactor[];
  /** Local mode only: where the page reads the codes Cognito would have emailed. */
  readonly localMailbox?: string;
}

export type MfaSetting = 'off' | 'optional' | 'required';
export type PasswordlessFactor = 'passkey' | 'email-otp';

import { randomBytes } from 'node:crypto';
import { errors } from './errors';
import type { IssuedCode } from './pool-state';
import type { AppClientSettings } from './settings';

/**
 * Where a sign-in that Cognito answered with a challenge stands. MFA_SETUP walks through AssociateSoftwareToken
 * (→ ASSOCIATED) and VerifySoftwareToken (→ VERIFIED) before RespondToAuthChallenge finishes it. A USER_AUTH sign-in
 * waits at SELECT_CHALLENGE for the user's choice, or at the WEB_AUTHN or EMAIL_OTP challenge it chose.
 */
export type ChallengeStep =
  | 'SOFTWARE_TOKEN_MFA'
  | 'MFA_SETUP'
  | 'MFA_SETUP_ASSOCIATED'
  | 'MFA_SETUP_VERIFIED'
  | 'SELECT_CHALLENGE'
  | 'WEB_AUTHN'
  | 'EMAIL_OTP';

export interface ChallengeSession {
  /** Empty for a USER_AUTH sign-in of a name no user has, which goes on as a real one would and never succeeds. */
  sub: string;
  clientId: string;
  step: ChallengeStep;
  expiresAt: number;
  /** The USERNAME the sign-in started with, as given (USER_AUTH). */
  username?: string;
  /** WEB_AUTHN: the base64url challenge the assertion must sign. */
  webAuthnChallenge?: string;
  /** EMAIL_OTP: the code mailed for this sign-in; it lives and dies with the session. */
  emailCode?: IssuedCode;
}

/** What a USER_AUTH step carries beside the user and the step. */
export type ChallengeDetails = Pick<ChallengeSession, 'username' | 'webAuthnChallenge' | 'emailCode'>;

/**
 * Cognito's sessions are AWS Encryption SDK messages in base64url that start with "AYAB"; the one quoted in
 * aws-amplify/amplify-js#12887 is 910 characters (SessionType allows 20 to 2048). The twin issues random bytes of the
 * same shape and size, so a client's storage and header limits show locally.
 */
const SESSION_PREFIX = 'AYAB';
const SESSION_RANDOM_BYTES = 680;

/**
 * The open challenge sessions, in memory only: the journal never holds a usable session, and a restart of the twin ends
 * every sign-in in progress, as if the user had abandoned it (the next answer is "Invalid session for the user."; the
 * user signs in again). A session lives the app client's AuthSessionValidity and answers one step: each step ends it
 * and, where the flow goes on, opens the next one. A wrong code leaves it open, so the user can type the code again
 * (robor-systems/tokapi-beta#27 reports wrong codes retried on one session of real Cognito; attempt-limits.ts counts
 * them).
 */
export class ChallengeSessions {
  private readonly open = new Map<string, ChallengeSession>();

  constructor(private readonly now: () => number) {}

  start(sub: string, client: AppClientSettings, step: ChallengeStep, details: ChallengeDetails = {}): string {
    this.forgetExpired();
    const session = SESSION_PREFIX + randomBytes(SESSION_RANDOM_BYTES).toString('base64url');
    this.open.set(session, {
      ...details,
      sub,
      clientId: client.clientId,
      step,
      expiresAt: this.now() + client.authSessionValidityMinutes * 60 * 1000,
    });
    return session;
  }

  /** The open session at one of `steps`; NotAuthorizedException when unknown, used, expired or at another step. */
  find(session: string, steps: readonly ChallengeStep[], clientId?: string): ChallengeSession {
    const found = this.open.get(session);
    if (!found) throw errors.invalidSession();
    if (this.now() >= found.expiresAt) {
      this.open.delete(session);
      throw errors.sessionExpired();
    }
    if (!steps.includes(found.step) || (clientId !== undefined && found.clientId !== clientId)) throw errors.invalidSession();
    return found;
  }

  /** A session answers one step; call in the same synchronous step as the commit it allows. */
  end(session: string): void {
    this.open.delete(session);
  }

  /** Keeps memory bounded by the sign-ins of the last AuthSessionValidity, not of the twin's lifetime. */
  private forgetExpired(): void {
    const now = this.now();
    for (const [session, { expiresAt }] of this.open) if (now >= expiresAt) this.open.delete(session);
  }
}

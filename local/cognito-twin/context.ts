import type { AttemptLimits } from './attempt-limits';
import type { ChallengeSessions } from './challenge-sessions';
import type { Journal } from './journal';
import type { PasswordHasher } from './passwords';
import type { PoolState } from './pool-state';
import type { PoolSettings } from './settings';
import type { TokenIssuer } from './tokens';
import type { InvokeFunction } from './triggers';
import type { PendingRegistrations } from './webauthn';

/**
 * What an operation works with. Concurrency rule: state may change at every `await`, so an
 * operation re-reads what it depends on after its last await and commits in the same synchronous
 * step (`journal.commit` applies to memory before it returns its promise).
 */
export interface TwinContext {
  settings: PoolSettings;
  attemptLimits: AttemptLimits;
  state: PoolState;
  journal: Journal;
  passwords: PasswordHasher;
  tokens: TokenIssuer;
  /** Sign-ins waiting for a second factor; in memory only (challenge-sessions.ts). */
  challenges: ChallengeSessions;
  /** Runs a trigger's function in local mode's Lambda runtime (triggers.ts). */
  invokeFunction: InvokeFunction;
  /** Passkey registrations waiting for CompleteWebAuthnRegistration; in memory only (webauthn.ts). */
  registrations: PendingRegistrations;
  now(): number;
  log(line: string): void;
}

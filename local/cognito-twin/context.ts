import { errors } from './errors';
import type { Journal } from './journal';
import { composeMail, describeMail } from './mailbox';
import type { PasswordHasher } from './passwords';
import type { IssuedCode, MailboxEntry, PoolState, UserRecord } from './pool-state';
import type { AppClientSettings, PoolSettings } from './settings';
import type { TokenIssuer } from './tokens';

/**
 * What an operation works with. Concurrency rule: state may change at every `await`, so an
 * operation re-reads what it depends on after its last await and commits in the same synchronous
 * step (`journal.commit` applies to memory before it returns its promise).
 */
export interface TwinContext {
  settings: PoolSettings;
  state: PoolState;
  journal: Journal;
  passwords: PasswordHasher;
  tokens: TokenIssuer;
  now(): number;
  log(line: string): void;
}

export type OperationInput = Record<string, unknown>;
export type Operation = (context: TwinContext, input: OperationInput) => Promise<object>;

export function findClient(context: TwinContext, clientId: string): AppClientSettings {
  const client = context.settings.clients.find((candidate) => candidate.clientId === clientId);
  if (!client) throw errors.unknownClient(clientId);
  return client;
}

/** Saves the user holding the new code and the email carrying it together, then "sends" it. */
export async function deliverCode(context: TwinContext, user: UserRecord, kind: MailboxEntry['kind'], code: IssuedCode): Promise<void> {
  const entry = composeMail(user.email, kind, code.code, code.issuedAt);
  await context.journal.commit({ type: 'user', user }, { type: 'mail', entry });
  context.log(describeMail(entry));
}

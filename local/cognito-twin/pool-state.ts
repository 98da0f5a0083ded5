/** A code Cognito sent and will accept once. */
export interface IssuedCode {
  code: string;
  issuedAt: number;
}

/** Consecutive failed sign-ins and the lockout they caused; see lockout.ts. */
export interface LockoutState {
  failures: number;
  lastFailureAt: number;
  lockedUntil: number;
}

export interface UserRecord {
  /** Also the user's `Username`: in an email-as-username pool Cognito names users by their sub. */
  sub: string;
  /** As the user typed it; lookups go through the canonical key (see PoolState.emailKey). */
  email: string;
  emailVerified: boolean;
  status: 'UNCONFIRMED' | 'CONFIRMED';
  passwordHash: string;
  createdAt: number;
  signUpCode?: IssuedCode;
  resetCode?: IssuedCode;
  /**
   * An email waiting for its code (UpdateUserAttributes, GetUserAttributeVerificationCode). The
   * pool keeps the original email until then, so `email` stays the sign-in name and the claim.
   */
  emailVerification?: { email: string; code: IssuedCode };
  lockout: LockoutState;
}

/**
 * One refresh token and the tokens minted from it. The token itself is never stored: only its
 * SHA-256, which is enough because the token is 256 random bits (nothing to brute-force).
 * `originJti` is the `origin_jti` claim of every id and access token minted from it, which is how
 * revoking the refresh token revokes them too.
 */
export interface SessionRecord {
  originJti: string;
  refreshTokenSha256: string;
  sub: string;
  clientId: string;
  eventId: string;
  authTime: number;
  expiresAt: number;
  revoked: boolean;
}

export interface MailboxEntry {
  to: string;
  kind: 'sign-up' | 'resend' | 'reset' | 'verify-email';
  code: string;
  /** ISO 8601. */
  sentAt: string;
}

/** One mutation, as the journal stores it: a whole row to upsert, a user to delete, or a mail to append. */
export type StateRecord =
  | { type: 'user'; user: UserRecord }
  | { type: 'user-deleted'; sub: string }
  | { type: 'session'; session: SessionRecord }
  | { type: 'mail'; entry: MailboxEntry };

export interface Snapshot {
  /** Sequence number of the last journal record the snapshot contains. */
  seq: number;
  users: UserRecord[];
  sessions: SessionRecord[];
  mailbox: MailboxEntry[];
}

/** The whole pool in memory. Only `apply` changes it, so memory and journal cannot disagree. */
export class PoolState {
  private readonly users = new Map<string, UserRecord>();
  private readonly subByEmailKey = new Map<string, string>();
  private readonly sessions = new Map<string, SessionRecord>();
  private readonly originJtiByTokenSha256 = new Map<string, string>();
  private readonly mail: MailboxEntry[] = [];

  constructor(private readonly caseSensitiveUsernames: boolean) {}

  /** With case-insensitive usernames Cognito treats any capitalisation of an email as one user. */
  emailKey(email: string): string {
    return this.caseSensitiveUsernames ? email : email.toLowerCase();
  }

  apply(record: StateRecord): void {
    switch (record.type) {
      case 'user': {
        const previous = this.users.get(record.user.sub);
        if (previous) this.releaseEmail(previous);
        this.users.set(record.user.sub, record.user);
        this.subByEmailKey.set(this.emailKey(record.user.email), record.user.sub);
        return;
      }
      case 'user-deleted':
        this.deleteUser(record.sub);
        return;
      case 'session':
        this.sessions.set(record.session.originJti, record.session);
        this.originJtiByTokenSha256.set(record.session.refreshTokenSha256, record.session.originJti);
        return;
      case 'mail':
        this.mail.push(record.entry);
        return;
    }
  }

  /** A changed email frees the old one, which then names nobody and can sign up again. */
  private releaseEmail(user: UserRecord): void {
    const key = this.emailKey(user.email);
    if (this.subByEmailKey.get(key) === user.sub) this.subByEmailKey.delete(key);
  }

  /** The user, its email and its sessions go together: no refresh or access token outlives the account. */
  private deleteUser(sub: string): void {
    const user = this.users.get(sub);
    if (user) this.releaseEmail(user);
    this.users.delete(sub);
    for (const session of this.sessionsOf(sub)) {
      this.sessions.delete(session.originJti);
      this.originJtiByTokenSha256.delete(session.refreshTokenSha256);
    }
  }

  /** Cognito accepts the email alias or the username (the sub) wherever it asks for `Username`. */
  findUser(username: string): UserRecord | undefined {
    const sub = this.subByEmailKey.get(this.emailKey(username)) ?? username;
    return this.users.get(sub);
  }

  findUserBySub(sub: string): UserRecord | undefined {
    return this.users.get(sub);
  }

  findSession(originJti: string): SessionRecord | undefined {
    return this.sessions.get(originJti);
  }

  findSessionByRefreshToken(refreshTokenSha256: string): SessionRecord | undefined {
    const originJti = this.originJtiByTokenSha256.get(refreshTokenSha256);
    return originJti === undefined ? undefined : this.sessions.get(originJti);
  }

  sessionsOf(sub: string): SessionRecord[] {
    return [...this.sessions.values()].filter((session) => session.sub === sub);
  }

  mailbox(): MailboxEntry[] {
    return [...this.mail];
  }

  toSnapshot(seq: number): Snapshot {
    return { seq, users: [...this.users.values()], sessions: [...this.sessions.values()], mailbox: [...this.mail] };
  }

  restore(snapshot: Snapshot): void {
    for (const user of snapshot.users) this.apply({ type: 'user', user });
    for (const session of snapshot.sessions) this.apply({ type: 'session', session });
    for (const entry of snapshot.mailbox) this.apply({ type: 'mail', entry });
  }
}

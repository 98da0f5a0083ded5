import { EmailIndex } from './email-index';

/** A code Cognito sent and will accept once. */
export interface IssuedCode {
  code: string;
  issuedAt: number;
}

/** Failed sign-ins counted towards a lockout and the lockout they caused; see lockout.ts. */
export interface LockoutState {
  failures: number;
  /** The last failed attempt, counted or refused during a lockout. */
  lastFailureAt: number;
  lockedUntil: number;
}

/** Attempts counted since `startedAt`; see attempt-limits.ts. */
export interface AttemptWindow {
  startedAt: number;
  count: number;
}

/**
 * Code requests of one username (as given, so also of names no user has), or wrong codes of one flow and username or
 * user; attempt-limits.ts keys them.
 */
export interface AttemptCounters {
  codeRequests?: AttemptWindow;
  wrongCodes?: AttemptWindow;
}

/**
 * The user's TOTP authenticator (software-token.ts). Durable like the rest of the user, so an enrolled user still gets
 * the challenge after a restart; the secret is kept as issued because every code is computed from it.
 */
export interface SoftwareTokenState {
  /** Base32; AssociateSoftwareToken's latest secret, waiting for VerifySoftwareToken. */
  pendingSecret?: string;
  /** Base32; the verified secret that codes are checked against. */
  secret?: string;
  /** The 30-second step of the last code accepted; no code of that step or an earlier one is accepted again. */
  lastUsedStep?: number;
  /** SetUserMFAPreference's SoftwareTokenMfaSettings (or a finished MFA_SETUP): the code is asked at sign-in. */
  enabled: boolean;
  preferred: boolean;
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
  /** Absent until the user first calls AssociateSoftwareToken. */
  softwareToken?: SoftwareTokenState;
  /** The groups the user is a member of (AdminAddUserToGroup), by name; absent for none. */
  groups?: string[];
  /** False once AdminDisableUser turned the user off; absent (as in older state) means enabled. */
  enabled?: boolean;
  /**
   * The user's other attributes (`name`, `custom:…`), by name as requests give them; absent for none
   * and in older state. The email stays in `email`, where the sign-in index reads it.
   */
  attributes?: Record<string, string>;
  /** When an administrator or the user last changed the record (ListUsers' UserLastModifiedDate); absent in older state. */
  lastModifiedAt?: number;
}

/**
 * One sign-in: the refresh token it issued, the tokens that rotation put in that token's place, and
 * every id and access token minted from any of them. A token itself is never stored: only its
 * SHA-256, which is enough because the token holds over 1,000 random bytes (nothing to brute-force).
 * `originJti` is the `origin_jti` claim of every id and access token of the session, which is how
 * revoking any of its refresh tokens revokes them all (sessions.ts says why a rotated token keeps it).
 */
export interface SessionRecord {
  originJti: string;
  /** The refresh token the sign-in issued; rotation's later ones are RefreshTokenRecords. */
  refreshTokenSha256: string;
  sub: string;
  clientId: string;
  eventId: string;
  authTime: number;
  expiresAt: number;
  revoked: boolean;
}

/**
 * A refresh token of a session, once rotation has issued a token after it or in its place. The
 * sign-in's own token has a record only once it is rotated out; until then the session stands for it.
 */
export interface RefreshTokenRecord {
  sha256: string;
  originJti: string;
  /** When GetTokensFromRefreshToken rotated it out; absent while it is a session's current token. */
  rotatedOutAt?: number;
  /** The end of its retry grace period (RetryGracePeriodSeconds after rotatedOutAt). */
  usableUntil?: number;
}

/**
 * A passkey a user registered (CompleteWebAuthnRegistration): durable, so a user signs in with it after a restart. The
 * public key is the COSE key the authenticator attested, in base64url; `counter` is the signature counter of the last
 * assertion accepted (WebAuthn Level 3, section 6.1.1).
 */
export interface WebAuthnCredentialRecord {
  /** base64url, as the browser's `PublicKeyCredential.id`. */
  credentialId: string;
  sub: string;
  publicKey: string;
  counter: number;
  transports: string[];
  /** 'platform' or 'cross-platform', when the browser said. */
  authenticatorAttachment?: string;
  relyingPartyId: string;
  friendlyName: string;
  createdAt: number;
}

export interface MailboxEntry {
  to: string;
  kind: 'sign-up' | 'resend' | 'reset' | 'verify-email' | 'sign-in';
  code: string;
  /** ISO 8601. */
  sentAt: string;
  /** The pool's code message as sent: its subject, and its HTML with the code in place of `{####}`. Absent from mail sent before the twin kept them. */
  subject?: string;
  body?: string;
}

/** One identity of the identity pool: Cognito Identity gives each user of a provider one, for good. */
export interface IdentityRecord {
  identityId: string;
  identityPoolId: string;
  providerName: string;
  sub: string;
  createdAt: number;
}

/** Temporary credentials GetCredentialsForIdentity issued; see identity-pool.ts. */
export interface CredentialsRecord {
  accessKeyId: string;
  secretAccessKey: string;
  sessionTokenSha256: string;
  identityId: string;
  roleArn: string;
  expiresAt: number;
}

/** One mutation, as the journal stores it: a whole row to upsert, a user to delete, or a mail to append. */
export type StateRecord =
  | { type: 'user'; user: UserRecord }
  | { type: 'user-deleted'; sub: string }
  | { type: 'session'; session: SessionRecord }
  | { type: 'refresh-token'; token: RefreshTokenRecord }
  | { type: 'mail'; entry: MailboxEntry }
  | { type: 'attempts'; key: string; attempts: AttemptCounters }
  | { type: 'identity'; identity: IdentityRecord }
  | { type: 'credentials'; credentials: CredentialsRecord }
  | { type: 'webauthn-credential'; credential: WebAuthnCredentialRecord }
  | { type: 'webauthn-credential-deleted'; credentialId: string };

export interface Snapshot {
  /** Sequence number of the last journal record the snapshot contains. */
  seq: number;
  users: UserRecord[];
  sessions: SessionRecord[];
  /** Absent from snapshots written before refresh-token rotation existed. */
  refreshTokens?: RefreshTokenRecord[];
  mailbox: MailboxEntry[];
  /** Absent from snapshots written before attempt limits existed. */
  attempts?: Array<{ key: string; attempts: AttemptCounters }>;
  /** Absent in snapshots written before the identity pool existed. */
  identities?: IdentityRecord[];
  credentials?: CredentialsRecord[];
  /** Absent in snapshots written before passkeys existed. */
  webAuthnCredentials?: WebAuthnCredentialRecord[];
}

/** The whole pool in memory. Only `apply` changes it, so memory and journal cannot disagree. */
export class PoolState {
  private readonly users = new Map<string, UserRecord>();
  private readonly subByEmailKey = new Map<string, string>();
  private readonly sessions = new Map<string, SessionRecord>();
  private readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  private readonly mail: MailboxEntry[] = [];
  private readonly attempts = new Map<string, AttemptCounters>();
  private readonly identities = new Map<string, IdentityRecord>();
  private readonly identityIdByUser = new Map<string, string>();
  private readonly credentials = new Map<string, CredentialsRecord>();
  private readonly emailIndex = new EmailIndex(() => this.subByEmailKey.keys());
  private readonly webAuthnCredentials = new Map<string, WebAuthnCredentialRecord>();

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
        this.emailIndex.add(this.emailKey(record.user.email));
        return;
      }
      case 'user-deleted':
        this.deleteUser(record.sub);
        return;
      case 'session':
        this.sessions.set(record.session.originJti, record.session);
        // The sign-in's token stands for itself until a 'refresh-token' record says it was rotated out.
        if (!this.refreshTokens.has(record.session.refreshTokenSha256)) {
          const { refreshTokenSha256: sha256, originJti } = record.session;
          this.refreshTokens.set(sha256, { sha256, originJti });
        }
        return;
      case 'refresh-token':
        this.refreshTokens.set(record.token.sha256, record.token);
        return;
      case 'mail':
        this.mail.push(record.entry);
        return;
      case 'attempts':
        this.attempts.set(record.key, record.attempts);
        return;
      case 'identity':
        this.identities.set(record.identity.identityId, record.identity);
        this.identityIdByUser.set(userKey(record.identity), record.identity.identityId);
        return;
      case 'credentials':
        this.credentials.set(record.credentials.accessKeyId, record.credentials);
        return;
      case 'webauthn-credential':
        this.webAuthnCredentials.set(record.credential.credentialId, record.credential);
        return;
      case 'webauthn-credential-deleted':
        this.webAuthnCredentials.delete(record.credentialId);
        return;
    }
  }

  /** A changed email frees the old one, which then names nobody and can sign up again. */
  private releaseEmail(user: UserRecord): void {
    const key = this.emailKey(user.email);
    if (this.subByEmailKey.get(key) !== user.sub) return;
    this.subByEmailKey.delete(key);
    this.emailIndex.remove(key);
  }

  /** The user, its email and its sessions go together: no refresh or access token outlives the account. */
  private deleteUser(sub: string): void {
    const user = this.users.get(sub);
    if (user) this.releaseEmail(user);
    this.users.delete(sub);
    const ended = new Set(this.sessionsOf(sub).map((session) => session.originJti));
    for (const originJti of ended) this.sessions.delete(originJti);
    for (const [sha256, token] of this.refreshTokens) if (ended.has(token.originJti)) this.refreshTokens.delete(sha256);
    for (const credential of this.webAuthnCredentialsOf(sub)) this.webAuthnCredentials.delete(credential.credentialId);
  }

  /** Cognito accepts the email alias or the username (the sub) wherever it asks for `Username`. */
  findUser(username: string): UserRecord | undefined {
    const sub = this.subByEmailKey.get(this.emailKey(username)) ?? username;
    return this.users.get(sub);
  }

  /**
   * A page of users in email order whose email key starts with `prefix` (empty for all), after the
   * email key `after`; `more` says whether another page follows (email-index.ts).
   */
  listUsers(prefix: string, after: string | undefined, limit: number): { users: UserRecord[]; more: boolean } {
    const { keys, more } = this.emailIndex.page(prefix, after, limit);
    const users = keys.flatMap((key) => {
      const user = this.users.get(this.subByEmailKey.get(key) ?? '');
      return user ? [user] : [];
    });
    return { users, more };
  }

  findUserBySub(sub: string): UserRecord | undefined {
    return this.users.get(sub);
  }

  findSession(originJti: string): SessionRecord | undefined {
    return this.sessions.get(originJti);
  }

  /** A refresh token of any session, current or rotated out, with its session. */
  findRefreshToken(sha256: string): { token: RefreshTokenRecord; session: SessionRecord } | undefined {
    const token = this.refreshTokens.get(sha256);
    const session = token && this.sessions.get(token.originJti);
    return token && session ? { token, session } : undefined;
  }

  sessionsOf(sub: string): SessionRecord[] {
    return [...this.sessions.values()].filter((session) => session.sub === sub);
  }

  /** `key` is attempt-limits.ts's: an emailKey for code requests, the flow and the user for wrong codes. */
  attemptsOf(key: string): AttemptCounters {
    return this.attempts.get(key) ?? {};
  }

  findIdentity(identityId: string): IdentityRecord | undefined {
    return this.identities.get(identityId);
  }

  findIdentityOf(user: Omit<IdentityRecord, 'identityId' | 'createdAt'>): IdentityRecord | undefined {
    const identityId = this.identityIdByUser.get(userKey(user));
    return identityId === undefined ? undefined : this.identities.get(identityId);
  }

  findCredentials(accessKeyId: string): CredentialsRecord | undefined {
    return this.credentials.get(accessKeyId);
  }

  /** The user's passkeys, oldest first. */
  webAuthnCredentialsOf(sub: string): WebAuthnCredentialRecord[] {
    return [...this.webAuthnCredentials.values()].filter((credential) => credential.sub === sub);
  }

  findWebAuthnCredential(credentialId: string): WebAuthnCredentialRecord | undefined {
    return this.webAuthnCredentials.get(credentialId);
  }

  mailbox(): MailboxEntry[] {
    return [...this.mail];
  }

  toSnapshot(seq: number): Snapshot {
    return {
      seq,
      users: [...this.users.values()],
      sessions: [...this.sessions.values()],
      refreshTokens: [...this.refreshTokens.values()],
      mailbox: [...this.mail],
      attempts: [...this.attempts].map(([key, counters]) => ({ key, attempts: counters })),
      identities: [...this.identities.values()],
      credentials: [...this.credentials.values()],
      webAuthnCredentials: [...this.webAuthnCredentials.values()],
    };
  }

  restore(snapshot: Snapshot): void {
    for (const user of snapshot.users) this.apply({ type: 'user', user });
    for (const token of snapshot.refreshTokens ?? []) this.apply({ type: 'refresh-token', token });
    for (const session of snapshot.sessions) this.apply({ type: 'session', session });
    for (const entry of snapshot.mailbox) this.apply({ type: 'mail', entry });
    for (const { key, attempts } of snapshot.attempts ?? []) this.apply({ type: 'attempts', key, attempts });
    for (const identity of snapshot.identities ?? []) this.apply({ type: 'identity', identity });
    for (const credentials of snapshot.credentials ?? []) this.apply({ type: 'credentials', credentials });
    for (const credential of snapshot.webAuthnCredentials ?? []) this.apply({ type: 'webauthn-credential', credential });
  }
}

function userKey(user: Pick<IdentityRecord, 'identityPoolId' | 'providerName' | 'sub'>): string {
  return `${user.identityPoolId} ${user.providerName} ${user.sub}`;
}

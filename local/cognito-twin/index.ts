import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LocalClock } from '../local-clock';
import { loopbackOnly } from '../loopback-only';
import { type AttemptLimits, DEFAULT_ATTEMPT_LIMITS } from './attempt-limits';
import { ChallengeSessions } from './challenge-sessions';
import { type IamPrincipals, userPoolArn } from './iam-callers';
import type { IdentityPoolSettings } from './identity-pool';
import { Journal } from './journal';
import { DEFAULT_SCRYPT_COST, PasswordHasher } from './passwords';
import { type CredentialsRecord, type IdentityRecord, type MailboxEntry, PoolState } from './pool-state';
import { createRequestHandler, jwksPath } from './server';
import { assertSupportedPool, cognitoIssuer, type PoolSettings } from './settings';
import { loadOrCreateSigningKeys } from './signing-key';
import { TokenIssuer } from './tokens';
import type { InvokeFunction } from './triggers';
import { PendingRegistrations } from './webauthn';

export type { IamPrincipal, IamPrincipals } from './iam-callers';
export type { IdentityPoolSettings } from './identity-pool';
export type { CredentialsRecord, IdentityRecord, MailboxEntry } from './pool-state';
export type { AppClientSettings, LambdaTriggers, PoolSettings } from './settings';
export type { InvokeFunction } from './triggers';

export interface StartCognitoTwinOptions {
  /** The pool to imitate, derived from the synthesized template. */
  settings: PoolSettings;
  /** The identity pool to serve beside the user pool (Cognito Identity's GetId and GetCredentialsForIdentity). @default none */
  identityPool?: IdentityPoolSettings;
  /**
   * Where users, codes, sessions, TOTP secrets, the mailbox and the signing key live; created if missing. Sign-ins
   * waiting for a second factor are not kept there: a restart ends them.
   */
  stateDir: string;
  /** 0 picks a free port. */
  port: number;
  /** @default '127.0.0.1', so the twin is reachable from this machine only. */
  host?: string;
  /** Milliseconds since the epoch. @default Date.now; tests move it to expire codes and tokens. */
  now?: () => number;
  /**
   * The clock `/_local/clock` moves, shared with the rest of local mode; it runs on `now`.
   * @default a clock of the twin's own
   */
  clock?: LocalClock;
  /** Where mails and failures are printed. @default console.log */
  log?: (line: string) => void;
  /**
   * scrypt's N for new password hashes. @default 2^14 (Node's default). Tests lower it to stay
   * fast; existing hashes keep verifying because each hash records its own cost.
   */
  scryptCost?: number;
  /** How often codes may be requested and wrong codes entered; tests lower the window. */
  attemptLimits?: Partial<AttemptLimits>;
  /**
   * Runs the functions the pool's LambdaConfig names (triggers.ts): local mode's Lambda runtime.
   * @default none, and a pool with triggers refuses to start
   */
  invokeFunction?: InvokeFunction;
  /**
   * The principals that may call the IAM-authorized operations (Admin*, ListUsers), by access key id, and the
   * account the pool's ARN names. @default none: every such call is refused, as Cognito refuses unknown credentials
   */
  iam?: { principals: IamPrincipals; accountId: string };
  /** The clock SigV4 signatures are held to. @default Date.now, even when `now` is moved */
  signingNow?: () => number;
}

/** A running Cognito user pool twin. */
export interface UserPoolTwin {
  /** `http://<host>:<port>`, the `endpoint` for CognitoIdentityProviderClient. */
  url: string;
  /**
   * The `iss` of its tokens, in Cognito's form `https://cognito-idp.<region>.amazonaws.com/<poolId>`,
   * so a backend that derives the issuer from region and pool id (aws-jwt-verify's
   * CognitoJwtVerifier) accepts local tokens, and tokens outlive a change of port.
   */
  issuer: string;
  /** `${url}/${poolId}/.well-known/jwks.json`: the keys are served here, not at the issuer. */
  jwksUri: string;
  /** Every code the pool has "emailed", oldest first. */
  mailbox(): MailboxEntry[];
  /** Credentials GetCredentialsForIdentity issued, by access key id, with the identity they belong to. */
  findCredentials(accessKeyId: string): { credentials: CredentialsRecord; identity: IdentityRecord } | undefined;
  /** Stops accepting requests, lets the ones in flight finish and flushes the journal. */
  close(): Promise<void>;
}

/** The account of a twin no principal may call: its pool ARN names none. */
const NO_ACCOUNT = '000000000000';

export async function startCognitoTwin(options: StartCognitoTwinOptions): Promise<UserPoolTwin> {
  const { settings, stateDir, port, host = '127.0.0.1', log = console.log } = options;
  const clock = options.clock ?? new LocalClock(options.now);
  const { now } = clock;
  assertSupportedPool(settings);
  const { invokeFunction } = options;
  const triggers = Object.entries(settings.lambdaTriggers).filter(([, target]) => target !== undefined);
  if (triggers.length > 0 && !invokeFunction) {
    throw new Error(
      `UserPoolTwin: the pool has triggers (${triggers.map(([name]) => name).join(', ')}) and no invokeFunction to run them`,
    );
  }
  const state = new PoolState(settings.caseSensitiveUsernames);
  const journal = await Journal.open(stateDir, state);
  const signingKeys = await loadOrCreateSigningKeys(stateDir);

  const server = createServer();
  const actualPort = await listen(server, port, host);
  const url = `http://${host}:${actualPort}`;
  const tokens = new TokenIssuer(signingKeys, cognitoIssuer(settings), now, settings.groups);
  const passwords = new PasswordHasher(options.scryptCost ?? DEFAULT_SCRYPT_COST);
  const attemptLimits = { ...DEFAULT_ATTEMPT_LIMITS, ...options.attemptLimits };
  server.on(
    'request',
    loopbackOnly(
      createRequestHandler(
        {
          settings,
          attemptLimits,
          state,
          journal,
          passwords,
          tokens,
          challenges: new ChallengeSessions(now),
          invokeFunction: invokeFunction ?? noFunctions,
          registrations: new PendingRegistrations(now),
          now,
          log,
        },
        url,
        clock,
        {
          principals: options.iam?.principals ?? { find: () => undefined },
          poolArn: userPoolArn(settings.region, options.iam?.accountId ?? NO_ACCOUNT, settings.poolId),
          signingNow: options.signingNow ?? Date.now,
        },
        options.identityPool,
      ),
    ),
  );
  log(`[cognito-twin] user pool ${settings.poolId} listening on ${url}`);

  return {
    url,
    issuer: tokens.issuer,
    jwksUri: `${url}${jwksPath(settings)}`,
    mailbox: () => state.mailbox(),
    findCredentials: (accessKeyId) => {
      const credentials = state.findCredentials(accessKeyId);
      const identity = credentials && state.findIdentity(credentials.identityId);
      return credentials && identity ? { credentials, identity } : undefined;
    },
    close: async () => {
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      });
      await journal.close();
    },
  };
}

/** A pool without triggers invokes nothing; checked at start. */
const noFunctions: InvokeFunction = async (functionId) => ({
  ok: false,
  reason: 'init',
  message: `UserPoolTwin was started without invokeFunction and cannot run ${functionId}`,
});

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** How many users and mails a twin's state folder holds, read without changing it (what `--reset` wipes). */
export async function stateSummary(stateDir: string, caseSensitiveUsernames: boolean): Promise<{ users: number; mails: number }> {
  const state = new PoolState(caseSensitiveUsernames);
  await Journal.restore(stateDir, state);
  const { users, mailbox } = state.toSnapshot(0);
  return { users: users.length, mails: mailbox.length };
}

import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CognitoIdentityProviderClient, ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider';
import { type IamPrincipal, startCognitoTwin, type UserPoolTwin } from '../../local/cognito-twin';
import { PasswordHasher } from '../../local/cognito-twin/passwords';
import type { StackModel } from '../../local/stack-model';
import { atMost, type Figure, info, median } from './figures';

const SIZES = [10_000, 100_000] as const;
/** A first, unreported pool: the JIT and the file cache warm on it, not on the 10k figures. */
const WARM_UP = 1_000;
const PAGES = 50;
const OPERATOR: IamPrincipal = {
  accessKeyId: 'AKIABENCHOPERATOR000',
  secretAccessKey: 'bench-operator-secret-access-key-0000000',
  arn: 'arn:aws:sts::000000000000:assumed-role/Bench/bench',
  statements: [{ effect: 'Allow', actions: ['cognito-idp:ListUsers'], resources: ['*'] }],
};

/**
 * A pool the size of a real product: the users written straight into the twin's journal (as many
 * sign-ups would have left them, without paying scrypt 100,000 times), then the restart that
 * replays and compacts it, the restart from the snapshot that leaves, and ListUsers through the SDK
 * (signed, as the admin API calls it): pages walked with their PaginationToken, and email-prefix
 * filters. At 10,000 and at 100,000 users, so the growth shows.
 */
export async function poolScaleFigures(model: StackModel): Promise<Figure[]> {
  const passwordHash = await new PasswordHasher(2 ** 4).hash('correct horse battery staple');
  const figures: Figure[] = [];
  const measured: Record<number, { page: number; prefix: number; replay: number }> = {};
  for (const size of [WARM_UP, ...SIZES]) {
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-scale-'));
    try {
      writeJournal(stateDir, size, passwordHash);
      const replay = await timed(() => start(model, stateDir));
      await replay.result.close();
      const fromSnapshot = await timed(() => start(model, stateDir));
      const twin = fromSnapshot.result;
      const cognito = new CognitoIdentityProviderClient({
        endpoint: twin.url,
        region: model.pool.region,
        credentials: OPERATOR,
        maxAttempts: 1,
      });
      try {
        const list = (input: Partial<ConstructorParameters<typeof ListUsersCommand>[0]>) =>
          cognito.send(new ListUsersCommand({ UserPoolId: model.pool.poolId, Limit: 60, ...input }));
        const first = await timed(() => list({}));
        const pages: number[] = [];
        let token = first.result.PaginationToken;
        for (let i = 0; i < PAGES && token; i++) {
          const page = await timed(() => list({ PaginationToken: token }));
          pages.push(page.ms);
          token = page.result.PaginationToken;
        }
        const prefixes: number[] = [];
        for (let i = 0; i < PAGES; i++) {
          const prefix = `user${String((i * 7919) % size).slice(0, 3)}`;
          prefixes.push((await timed(() => list({ Filter: `email ^= "${prefix}"` }))).ms);
        }
        measured[size] = { page: median(pages), prefix: median(prefixes), replay: replay.ms };
        if (size === WARM_UP) continue;
        const at = `${size / 1000}k users`;
        figures.push(
          atMost(`twin restart from the journal, ${at}`, replay.ms, 'ms', 10_000, 'replays every line, then compacts'),
          atMost(`twin restart from the snapshot, ${at}`, fromSnapshot.ms, 'ms', 10_000),
          info(`ListUsers first page, ${at}`, first.ms, 'ms', 'sorts the email index once'),
          atMost(`ListUsers next page (60), ${at}`, median(pages), 'ms', 50, `median of ${pages.length}, SDK signed, HTTP`),
          atMost(`ListUsers email ^= prefix, ${at}`, median(prefixes), 'ms', 50, `median of ${PAGES}`),
        );
      } finally {
        cognito.destroy();
        await twin.close();
      }
    } finally {
      fs.rmSync(stateDir, { recursive: true, force: true });
    }
  }
  const [small, large] = SIZES.map((size) => measured[size]);
  figures.push(
    info('ListUsers page, 100k ÷ 10k', large.page / small.page, '×', 'a page costs the page, not the pool: near 1'),
    info(
      'restart from the journal, 100k ÷ 10k',
      large.replay / small.replay,
      '×',
      'grows with the users, under their ratio of 10',
    ),
  );
  return figures;
}

function start(model: StackModel, stateDir: string): Promise<UserPoolTwin> {
  return startCognitoTwin({
    settings: model.pool,
    stateDir,
    port: 0,
    log: () => undefined,
    iam: { accountId: '000000000000', principals: { find: (key) => (key === OPERATOR.accessKeyId ? OPERATOR : undefined) } },
  });
}

/** The journal `size` confirmed sign-ups leave, one 'user' line each, in the twin's own format (journal.ts). */
function writeJournal(stateDir: string, size: number, passwordHash: string): void {
  const now = Date.now();
  const lines: string[] = [];
  for (let i = 0; i < size; i++) {
    const user = {
      sub: randomUUID(),
      email: `user${i}@example.com`,
      emailVerified: true,
      status: 'CONFIRMED',
      passwordHash,
      createdAt: now,
      lockout: { failures: 0, lastFailureAt: 0, lockedUntil: 0 },
    };
    lines.push(JSON.stringify({ seq: i + 1, record: { type: 'user', user } }));
  }
  fs.writeFileSync(path.join(stateDir, 'journal.ndjson'), `${lines.join('\n')}\n`);
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
}

import { scrypt } from 'node:crypto';
import autocannon from 'autocannon';
import { type RunningLocal, startLocal } from './commands';
import { atLeast, atMost, type Figure, info } from './figures';

const PASSWORD = 'correct horse battery staple';

async function call(base: string, method: string, route: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(new URL(route, base), {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function latestCode(local: RunningLocal, email: string): Promise<string> {
  const mails = (await (await fetch(`${local.cognitoUrl}/_local/mailbox?to=${encodeURIComponent(email)}`)).json()) as Array<{
    code: string;
  }>;
  return mails[mails.length - 1]?.code ?? '';
}

/** Signs a fresh user up, confirms and signs in; returns the statuses seen and the id token. */
async function journey(local: RunningLocal, email: string): Promise<{ statuses: number[]; idToken?: string }> {
  const statuses: number[] = [];
  const step = async (...args: Parameters<typeof call> extends [string, ...infer R] ? R : never) => {
    const result = await call(local.apiUrl, ...args);
    statuses.push(result.status);
    return result;
  };
  if ((await step('POST', 'sign-up', { email, password: PASSWORD })).status !== 201) return { statuses };
  if ((await step('POST', 'confirm', { email, code: await latestCode(local, email) })).status !== 200) return { statuses };
  const signIn = await step('POST', 'sign-in', { email, password: PASSWORD });
  if (signIn.status !== 200) return { statuses };
  await step('GET', 'secret', undefined, { Authorization: `Bearer ${signIn.body.idToken}` });
  return { statuses, idToken: signIn.body.idToken };
}

async function cannon(name: string, options: autocannon.Options): Promise<Figure[]> {
  const result = await autocannon({ ...options, duration: 5 });
  const non2xx = result.non2xx + result.errors + result.timeouts;
  return [
    info(`${name}: throughput`, result.requests.average, 'req/s', `${non2xx} non-2xx or failed of ${result.requests.total}`),
    info(`${name}: latency p50`, result.latency.p50, 'ms'),
    info(`${name}: latency p99`, result.latency.p99, 'ms'),
  ];
}

/** scrypt verifications a second on this machine, with the twin's cost (N = 2^14) and as many in flight as the sign-in run. */
async function scryptRate(inFlight: number): Promise<number> {
  const until = performance.now() + 3000;
  let done = 0;
  const worker = async () => {
    while (performance.now() < until) {
      await new Promise((resolve, reject) =>
        scrypt('password', 'salt-salt-salt-1', 64, { N: 16384, r: 8, p: 1 }, (e) => (e ? reject(e) : resolve(undefined))),
      );
      done++;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return done / 3;
}

/**
 * Local mode from an empty pool, the stage's throttle lifted, and with it the method throttles (a
 * share of it, contract/routes.ts): the bench measures the gateway, not the throttle.
 */
function startUnthrottled(stateDir: string, ...context: string[]) {
  const settings = ['throttlingRateLimit=10000', 'throttlingBurstLimit=5000', ...context].flatMap((pair) => ['-c', pair]);
  return startLocal(['--reset', '--state-dir', stateDir, ...settings]);
}

/**
 * GET /secret through each API flavor's local gateway in one run, one after the other on the same
 * machine: the REST API's Cognito authorizer and payload 1.0 against the HTTP API's JWT authorizer
 * and payload 2.0 (`-c api=http`), the same handler behind both. Only the ratio means anything:
 * local mode's gateway is not API Gateway's.
 */
export async function flavorFigures(stateDir: string): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const api of ['rest', 'http'] as const) {
    const local = await startUnthrottled(stateDir, `api=${api}`);
    try {
      const { idToken } = await journey(local, `bench-${api}-${Date.now()}@example.com`);
      if (!idToken) throw new Error(`could not sign a bench user in through the ${api} API`);
      const secret = { url: `${local.apiUrl}secret`, headers: { Authorization: `Bearer ${idToken}` } };
      figures.push(...(await cannon(`GET /secret, ${api} API @1`, { ...secret, connections: 1 })));
      figures.push(...(await cannon(`GET /secret, ${api} API @32`, { ...secret, connections: 32 })));
    } finally {
      await local.stop();
    }
  }
  return figures;
}

export async function throughputFigures(stateDir: string): Promise<Figure[]> {
  const local = await startUnthrottled(stateDir);
  try {
    const email = `bench-${Date.now()}@example.com`;
    const { idToken } = await journey(local, email);
    if (!idToken) throw new Error('could not sign a bench user in');
    const secret = { url: `${local.apiUrl}secret`, headers: { Authorization: `Bearer ${idToken}` } };
    const signIn = {
      url: `${local.apiUrl}sign-in`,
      method: 'POST' as const,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    };
    const figures = [...(await cannon('GET /secret @1', { ...secret, connections: 1 }))];
    const secret32 = await cannon('GET /secret @32', { ...secret, connections: 32 });
    figures.push(atLeast(secret32[0].name, secret32[0].value, 'req/s', 3000, secret32[0].note), secret32[1], secret32[2]);
    figures.push(...(await cannon('POST /sign-in @1', { ...signIn, connections: 1 })));
    const signIn32 = await cannon('POST /sign-in @32', { ...signIn, connections: 32 });
    const hashes = await scryptRate(32);
    figures.push(
      atLeast(
        signIn32[0].name,
        signIn32[0].value,
        'req/s',
        0.7 * hashes,
        `0.7 × ${hashes.toFixed(0)} scrypt hashes/s: bound by hashing, not by the gateway`,
      ),
      signIn32[1],
      signIn32[2],
    );
    return figures;
  } finally {
    await local.stop();
  }
}

/** 50 clients each running sign-up → confirm → sign-in → /secret for 30 s; then a restart must still know every user. */
export async function loadTestFigures(stateDir: string, clients = 50, seconds = 30): Promise<Figure[]> {
  const local = await startUnthrottled(stateDir);
  const confirmed: string[] = [];
  const counts = { journeys: 0, throttled: 0, unexpected: 0 };
  try {
    const until = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: clients }, async (_, client) => {
        for (let n = 0; performance.now() < until; n++) {
          const email = `load-${client}-${n}@example.com`;
          const { statuses, idToken } = await journey(local, email);
          counts.journeys++;
          counts.throttled += statuses.filter((s) => s === 429).length;
          counts.unexpected += statuses.filter((s) => s !== 429 && s >= 300).length;
          if (idToken) confirmed.push(email);
        }
      }),
    );
  } finally {
    await local.stop();
  }

  // State intact: the twin restarts from what it wrote, and every confirmed user can still sign in.
  const restarted = await startLocal(['--state-dir', stateDir]);
  let lost = 0;
  try {
    for (const email of confirmed) {
      if ((await call(restarted.apiUrl, 'POST', 'sign-in', { email, password: PASSWORD })).status !== 200) lost++;
    }
  } finally {
    await restarted.stop();
  }
  return [
    info(
      `load: ${clients} clients × ${seconds} s, journeys`,
      counts.journeys,
      'journeys',
      `${confirmed.length} users signed in, ${counts.throttled} deliberate 429s`,
    ),
    atMost('load: unexpected errors', counts.unexpected, 'responses', 0),
    atMost('load: users lost after a restart', lost, 'users', 0, `${confirmed.length} checked`),
  ];
}

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LambdaRuntime } from '../../../local/gateway/lambda-runtime';
import type { FunctionModel } from '../../../local/stack-model';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runtime-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A function whose bundle is `source`, as synth would have written it. */
function fn(name: string, source: string, extra: Partial<FunctionModel> = {}): FunctionModel {
  const codeDir = path.join(dir, name);
  fs.mkdirSync(codeDir, { recursive: true });
  fs.writeFileSync(path.join(codeDir, 'index.js'), source);
  return {
    logicalId: name,
    codeDir,
    handler: 'index.handler',
    environment: {},
    timeoutSeconds: 3,
    memoryMb: 128,
    logging: { format: 'Text' },
    ...extra,
  };
}

const functions = {
  counter: fn(
    'counter',
    'let calls = 0; exports.handler = async () => ({ calls: ++calls, greeting: process.env.GREETING, other: process.env.OTHER ?? null });',
    {
      environment: { GREETING: 'hello' },
    },
  ),
  other: fn(
    'other',
    'exports.handler = async () => { process.env.OTHER = "leaked?"; return { greeting: process.env.GREETING ?? null }; };',
    {
      environment: { GREETING: 'bonjour' },
    },
  ),
  // A quarter of a second, which no template can say (Lambda counts whole seconds), to keep the waits short.
  slow: fn('slow', 'exports.handler = () => new Promise(() => {});', { timeoutSeconds: 0.25 }),
  // Throws on its first call only; the count tells whether the second call met the same module state.
  throwsOnce: fn(
    'throwsOnce',
    'let calls = 0; exports.handler = async () => { if (++calls === 1) throw new TypeError("boom"); return { calls }; };',
  ),
  // Hangs when asked (timeout 0.25 s); the count tells whether a later call met a fresh container.
  hangs: fn(
    'hangs',
    'let calls = 0; exports.handler = (event) => (++calls, event.hang ? new Promise(() => {}) : Promise.resolve({ calls }));',
    { timeoutSeconds: 0.25 },
  ),
  brokenInit: fn('brokenInit', 'throw new Error("cannot start");'),
  // Each level once, an object alone, several arguments, and a string with a newline.
  logs: fn(
    'logs',
    'exports.handler = async () => { console.debug("debug"); console.info({ route: "/x", status: 200 }); console.log("multi\\nline"); console.error("failed:", 42); return {}; };',
    { logging: { format: 'JSON', applicationLogLevel: 'INFO' } },
  ),
  textLogs: fn(
    'textLogs',
    'exports.handler = async () => { console.debug("debug"); console.info("multi\\nline", { status: 200 }); return {}; };',
  ),
  remaining: fn(
    'remaining',
    'exports.handler = async (event, context) => ({ ms: context.getRemainingTimeInMillis(), id: context.awsRequestId });',
  ),
};

let runtime: LambdaRuntime;
let output: Record<string, string>;
beforeEach(() => {
  output = {};
  runtime = new LambdaRuntime(functions, {
    baseEnvironment: { BASE: 'base' },
    onOutput: (id, chunk) => (output[id] = (output[id] ?? '') + chunk),
  });
});

/** The worker's stdout reaches onOutput asynchronously, a little after the result. */
async function linesOf(functionId: string, count: number): Promise<string[]> {
  for (let waited = 0; waited < 2_000 && (output[functionId] ?? '').split('\n').length <= count; waited += 20)
    await new Promise((r) => setTimeout(r, 20));
  return (output[functionId] ?? '').split('\n').filter(Boolean);
}
afterEach(() => runtime.close());

test('a container stays warm: module state carries over between invocations', async () => {
  const first = await runtime.invoke('counter', {}, 'r1');
  const second = await runtime.invoke('counter', {}, 'r2');
  expect(first).toEqual({ ok: true, result: { calls: 1, greeting: 'hello', other: null } });
  expect(second).toMatchObject({ ok: true, result: { calls: 2 } });
});

test("each function has its own process.env: one function's variables never reach another", async () => {
  await runtime.invoke('other', {}, 'r1');
  expect(await runtime.invoke('other', {}, 'r2')).toEqual({ ok: true, result: { greeting: 'bonjour' } });
  expect(await runtime.invoke('counter', {}, 'r3')).toMatchObject({ ok: true, result: { greeting: 'hello', other: null } });
  expect(process.env.GREETING).toBeUndefined();
});

test('overlapping requests get separate containers, each with fresh module state', async () => {
  const results = await Promise.all([1, 2, 3].map((n) => runtime.invoke('counter', {}, `r${n}`)));
  expect(results.map((r) => (r.ok ? (r.result as { calls: number }).calls : -1))).toEqual([1, 1, 1]);
});

test('an event over Lambda’s 6 MB payload limit is refused before the handler runs; one at the limit runs', async () => {
  const MB6 = 6 * 1024 * 1024;
  const atLimit = { body: 'a'.repeat(MB6 - '{"body":""}'.length) };
  expect(await runtime.invoke('counter', { body: `${atLimit.body}a` }, 'r1')).toEqual({
    ok: false,
    reason: 'payload-too-large',
    message: `${MB6 + 1} byte payload is too large (limit ${MB6})`,
  });
  expect(await runtime.invoke('counter', atLimit, 'r2')).toMatchObject({ ok: true, result: { calls: 1 } });
});

test('a handler that throws is a failed invocation, and the container survives with its module state', async () => {
  expect(await runtime.invoke('throwsOnce', {}, 'r1')).toEqual({
    ok: false,
    reason: 'error',
    message: 'TypeError: boom',
    errorMessage: 'boom',
  });
  expect(await runtime.invoke('throwsOnce', {}, 'r2')).toEqual({ ok: true, result: { calls: 2 } });
});

test('a handler that outlives its timeout is stopped and its container replaced by a fresh one', async () => {
  const started = Date.now();
  expect(await runtime.invoke('slow', {}, 'r1')).toEqual({
    ok: false,
    reason: 'timeout',
    message: 'Task timed out after 0.25 seconds',
  });
  expect(Date.now() - started).toBeLessThan(1500);
  expect(await runtime.invoke('hangs', {}, 'r2')).toEqual({ ok: true, result: { calls: 1 } });
  expect(await runtime.invoke('hangs', { hang: true }, 'r3')).toMatchObject({ ok: false, reason: 'timeout' });
  expect(await runtime.invoke('hangs', {}, 'r4')).toEqual({ ok: true, result: { calls: 1 } });
});

test('a bundle that fails at init fails every invocation with the init error', async () => {
  expect(await runtime.invoke('brokenInit', {}, 'r1')).toEqual({
    ok: false,
    reason: 'init',
    message: 'Error: cannot start',
    errorMessage: 'cannot start',
  });
});

test('the context tells the request id and the time left before the timeout', async () => {
  const outcome = await runtime.invoke('remaining', {}, 'request-7');
  expect(outcome).toMatchObject({ ok: true, result: { id: 'request-7' } });
  const { ms } = (outcome as { result: { ms: number } }).result;
  expect(ms).toBeGreaterThan(2000);
  expect(ms).toBeLessThanOrEqual(3000);
});

test("with the JSON log format, console writes Lambda's JSON lines and drops what is below the application log level", async () => {
  await runtime.invoke('logs', {}, 'request-9');
  const lines = (await linesOf('logs', 3)).map((line) => JSON.parse(line));
  expect(lines).toEqual([
    { timestamp: expect.any(String), level: 'INFO', requestId: 'request-9', message: { route: '/x', status: 200 } },
    { timestamp: expect.any(String), level: 'INFO', requestId: 'request-9', message: 'multi\nline' },
    { timestamp: expect.any(String), level: 'ERROR', requestId: 'request-9', message: 'failed: 42' },
  ]);
  expect(Date.parse(lines[0].timestamp)).not.toBeNaN();
  expect(output.logs).not.toContain('debug');
});

test('with the Text log format (the default), console writes tab-separated lines and filters nothing', async () => {
  await runtime.invoke('textLogs', {}, 'request-10');
  const [debug, info] = await linesOf('textLogs', 2);
  expect(debug).toMatch(/^\S+Z\trequest-10\tDEBUG\tdebug$/);
  expect(info).toMatch(/^\S+Z\trequest-10\tINFO\tmulti\rline \{ status: 200 \}$/);
});

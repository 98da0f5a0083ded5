import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const root = path.join(__dirname, '..', '..');

/** The script `npm run totp` runs (package.json), without npm's half second. */
function totp(...args: string[]) {
  return spawnSync(process.execPath, [path.join(root, 'scripts', 'totp.mjs'), ...args], { encoding: 'utf8' });
}

// RFC 6238, appendix B: the SHA-1 key "12345678901234567890" (base32 below); the 8-digit codes
// 94287082 and 07081804, whose last six digits an authenticator shows.
const RFC_KEY = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

test.each([
  ['59', '287082'],
  ['1111111109', '081804'],
])('the code at %s s is the RFC 6238 vector %s, and nothing else on stdout', (at, code) => {
  const run = totp('--at', at, RFC_KEY);
  expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({ status: 0, stdout: `${code}\n`, stderr: '' });
});

test('npm run -s totp, as docs/two-factor.md runs it inside $(…), prints the code alone', () => {
  const run = spawnSync('npm', ['run', '-s', 'totp', '--', '--at', '59', RFC_KEY], { cwd: root, encoding: 'utf8' });
  expect({ status: run.status, stdout: run.stdout }).toEqual({ status: 0, stdout: '287082\n' });
});

test('the key as the page shows it, lower case in groups of four, gives the same code', () => {
  const grouped = RFC_KEY.toLowerCase().match(/.{4}/g) ?? [];
  expect(totp('--at', '59', ...grouped).stdout).toBe('287082\n');
});

test('without --at, the code of the current 30-second step', () => {
  const before = Math.floor(Date.now() / 30_000) * 30;
  const now = totp(RFC_KEY).stdout;
  const after = Math.floor(Date.now() / 30_000) * 30;
  expect([totp('--at', `${before}`, RFC_KEY).stdout, totp('--at', `${after}`, RFC_KEY).stdout]).toContain(now);
});

test.each([
  [[], 'totp: no secret given'],
  [['not base32!'], 'totp: the secret is not base32 (letters A to Z and digits 2 to 7)'],
  [['--at', 'noon', RFC_KEY], 'totp: --at takes seconds since the epoch, got "noon"'],
  [['--frobnicate', RFC_KEY], "totp: Unknown option '--frobnicate'"],
])('%j: one line saying why, the usage, exit 2, no stack trace', (args, line) => {
  const run = totp(...(args as string[]));
  expect(run.status).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.split('\n')[0]).toBe(line);
  expect(run.stderr).toContain('usage: npm run totp -- [--at <unix seconds>] <secret>');
  expect(run.stderr).not.toMatch(/\bat .*:\d+:\d+/);
});

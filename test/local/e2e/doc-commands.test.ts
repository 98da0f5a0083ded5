import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { localPorts } from '../../../lib/local-ports';
import { firstCalls } from '../../../local/first-calls';
import { FLAVORS } from '../../support/flavors';
import type { LocalClient } from '../../support/local-mode';
import { bootFlavor } from './mfa-local-mode';

// The docs' shell blocks that run offline, run verbatim in bash against local mode, on the ports it
// chose: local-mode.md's walk-through, then two-factor.md's, as a reader goes from one to the other
// (the second takes API, EMAIL and PASSWORD from the first), and two-factor.md's mfa=required block
// after the README's sign-up and confirm; sessions.md's hour later after the README's first calls.
// The README's own block: readme.test.ts. Each against both API flavors (docs/http-api.md).
const root = path.join(__dirname, '..', '..', '..');
const TIMEOUT_MS = 150_000;

/** The fenced bash blocks of a file under docs/, in order. */
function bashBlocks(file: string): string[] {
  const text = fs.readFileSync(path.join(root, 'docs', file), 'utf8');
  return [...text.matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => m[1]);
}

/** A block as its reader runs it against this local mode: the default ports replaced by the ones it chose. */
function onThesePorts(block: string, { local }: LocalClient): string {
  return block
    .replaceAll(`http://127.0.0.1:${localPorts.apiPort.default}/`, `${new URL(local.apiUrl).origin}/`)
    .replaceAll(`http://127.0.0.1:${localPorts.cognitoPort.default}/`, `${local.cognitoUrl}/`);
}

async function bash(script: string): Promise<string[]> {
  const { stdout } = await promisify(execFile)('bash', ['-eo', 'pipefail', '-c', script], { cwd: root });
  return stdout.trimEnd().split('\n');
}

describe.each(FLAVORS)('mfa=optional (the default): local-mode.md, then two-factor.md, %s API', (flavor) => {
  let client: LocalClient;
  beforeAll(async () => {
    client = await bootFlavor(flavor);
  }, TIMEOUT_MS);
  afterAll(() => client?.close());

  test(
    'every call answers as the comments say, to a factor turned off again',
    async () => {
      const [, walkThrough] = bashBlocks('local-mode.md');
      const [withFactor] = bashBlocks('two-factor.md');
      expect(walkThrough).toContain('API=http://127.0.0.1:3000/dev/');
      const lines = await bash(onThesePorts(walkThrough, client) + withFactor);
      // The walk-through's last call, a sign-in with the new password; then two-factor.md's steps 2, 4 and 5.
      expect(lines).toContain('"Bearer"');
      expect(lines).toContain('{"mfa":"TOTP"}');
      expect(lines.slice(-2)).toEqual(['["accessToken","expiresIn","idToken","refreshToken","tokenType"]', '204']);
    },
    TIMEOUT_MS,
  );
});

describe.each(FLAVORS)("sessions.md: an hour later on local mode's clock, %s API", (flavor) => {
  let client: LocalClient;
  beforeAll(async () => {
    client = await bootFlavor(flavor);
  }, TIMEOUT_MS);
  afterAll(() => client?.close());

  test(
    "after the README's first calls, the id token is refused an hour later and the refresh token revives the session",
    async () => {
      const [, hourLater] = bashBlocks('sessions.md');
      const readme = firstCalls(client.local.apiUrl, `${client.local.cognitoUrl}/_local/mailbox`);
      const lines = await bash(`${readme}\n${onThesePorts(hourLater, client)}`);
      expect(lines.slice(-5)).toEqual(['200', '3600', '401', '200', '0']);
    },
    TIMEOUT_MS,
  );
});

describe.each(FLAVORS)('mfa=required: two-factor.md sets the factor up at sign-in, %s API', (flavor) => {
  let client: LocalClient;
  beforeAll(async () => {
    client = await bootFlavor(flavor, { mfa: 'required' });
  }, TIMEOUT_MS);
  afterAll(() => client?.close());

  test(
    "after the README's sign-up and confirm, the first code signs in",
    async () => {
      const calls = firstCalls(client.local.apiUrl, `${client.local.cognitoUrl}/_local/mailbox`);
      const signedUp = calls.slice(0, calls.indexOf('ID_TOKEN='));
      const [, required] = bashBlocks('two-factor.md');
      const lines = await bash(`${signedUp}\n${required}`);
      expect(lines.at(-1)).toBe('["accessToken","expiresIn","idToken","refreshToken","tokenType"]');
    },
    TIMEOUT_MS,
  );
});

import * as http from 'node:http';
import { FLAVORS } from '../../support/flavors';
import type { LocalClient } from '../../support/local-mode';
import { bootFlavor } from './mfa-local-mode';

// DNS rebinding: a page of any site points its name at 127.0.0.1 and calls local mode same-origin. Its requests
// then name that site in Host. Each of local mode's three servers must refuse them before any route runs.
// Both API flavors (docs/http-api.md): the REST API, and the HTTP API of `-c api=http`.
describe.each(FLAVORS)('%s API', (flavor) => {
  let client: LocalClient;
  beforeAll(async () => {
    client = await bootFlavor(flavor, undefined, { webPort: 0 });
    await client.signUp('rebinding@example.com');
  }, 120_000);
  afterAll(() => client?.close());

  /** GET `url` with exactly this Host header, as a browser sends it to a rebound name. */
  function getWithHost(url: URL, host: string): Promise<{ status: number; type: string; text: string }> {
    return new Promise((resolve, reject) => {
      http
        .get(url, { headers: { host } }, (response) => {
          let text = '';
          response.on('data', (chunk) => {
            text += chunk;
          });
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, type: response.headers['content-type'] ?? '', text }),
          );
        })
        .on('error', reject);
    });
  }

  /** Each server, by what it serves, at a URL it answers 200 on. */
  const urlOf = (server: string): URL =>
    ({
      'the API': new URL('public', client.local.apiUrl),
      'the Cognito twin’s mailbox': new URL('/_local/mailbox?to=rebinding@example.com', client.local.cognitoUrl),
      'the page’s mailbox': new URL('/_local/mailbox?to=rebinding@example.com', client.local.webUrl),
      'the page': new URL('/', client.local.webUrl),
    })[server] as URL;

  test.each(['the API', 'the Cognito twin’s mailbox', 'the page’s mailbox', 'the page'])(
    '%s: Host 127.0.0.1:<port> and localhost:<port> are answered, a rebound name gets 421 JSON',
    async (server) => {
      const url = urlOf(server);
      for (const host of [`127.0.0.1:${url.port}`, `localhost:${url.port}`]) {
        expect([host, (await getWithHost(url, host)).status]).toEqual([host, 200]);
      }
      const rebound = await getWithHost(url, `evil.example:${url.port}`);
      expect([rebound.status, rebound.type]).toEqual([421, 'application/json']);
      expect(JSON.parse(rebound.text)).toEqual({ code: 'MisdirectedRequest', message: expect.stringContaining('another host') });
    },
  );

  test('the mailbox answers the allowed hosts with the live code (what a rebound page was after)', async () => {
    const url = urlOf('the Cognito twin’s mailbox');
    const mails = JSON.parse((await getWithHost(url, `127.0.0.1:${url.port}`)).text);
    expect(mails).toEqual([expect.objectContaining({ code: expect.stringMatching(/^\d{6}$/) })]);
  });
});

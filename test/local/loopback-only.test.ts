import * as http from 'node:http';
import * as net from 'node:net';
import { loopbackOnly } from '../../local/loopback-only';

// The one check all three local servers share (the API, the twin, the page), on a server of its own.
let server: http.Server;
let port: number;
beforeAll(async () => {
  server = http.createServer(loopbackOnly((_, response) => response.end('reached')));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as net.AddressInfo).port;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

/** The raw answer to `request` (a whole HTTP/1.x request, so the Host header is exactly what the test writes). */
function raw(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = net.connect(port, '127.0.0.1', () => socket.end(request));
    socket.on('data', (chunk) => {
      answer += chunk;
    });
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}
const withHost = (host: string) => raw(`GET /_local/mailbox HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);

test.each([
  '127.0.0.1:{port}',
  'localhost:{port}',
  '[::1]:{port}',
  'LocalHost:{port}',
  // Another port, as through a port forward or the browser tests' --host-resolver-rules: the name is what counts.
  '127.0.0.1:5173',
])('Host %s reaches the server', async (host) => {
  expect(await withHost(host.replace('{port}', String(port)))).toMatch(/^HTTP\/1\.1 200 [\s\S]*\r\n\r\nreached$/);
});

test.each([
  ['a rebound name', 'evil.example:{port}'],
  ['a subdomain of localhost', 'evil.localhost:{port}'],
  ['a loopback name with a rebound suffix', '127.0.0.1.evil.example:{port}'],
  ['no port', 'localhost'],
  ['the machine’s name with a trailing dot', 'localhost.:{port}'],
])('Host of %s (%s) answers 421 in JSON and never reaches the server', async (_, host) => {
  const answer = await withHost(host.replace('{port}', String(port)));
  expect(answer).toMatch(/^HTTP\/1\.1 421 Misdirected Request\r\n/);
  expect(answer).toMatch(/\r\nContent-Type: application\/json\r\n/i);
  expect(JSON.parse(answer.split('\r\n\r\n')[1])).toEqual({
    code: 'MisdirectedRequest',
    message:
      'Local mode answers only requests whose Host is 127.0.0.1:<port>, localhost:<port> or [::1]:<port>; this one named another host.',
  });
});

test('a request with no Host at all (HTTP/1.0) answers 421', async () => {
  expect(await raw('GET / HTTP/1.0\r\n\r\n')).toMatch(/^HTTP\/1\.1 421 /);
});

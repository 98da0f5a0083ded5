import type { IncomingMessage, ServerResponse } from 'node:http';

type Listener = (request: IncomingMessage, response: ServerResponse) => void;

/** `127.0.0.1`, `localhost` or `[::1]` with a port, as a client addressing this machine writes Host. */
const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\]):\d{1,5}$/;

/**
 * Local mode's servers (the API, the Cognito twin, the page) answer only requests addressed to this machine by name:
 * `Host` must be `127.0.0.1:<port>`, `localhost:<port>` or `[::1]:<port>`. Listening on 127.0.0.1 is not enough: a
 * page of any site can point its own name at 127.0.0.1 (DNS rebinding) and then call these servers same-origin,
 * reading the mailbox's live codes; its requests still name that site in Host, so they are refused here, before any
 * route sees them, with 421 Misdirected Request (RFC 9110, section 15.5.20). The port is not compared with the one
 * the server listens on: only the name tells a rebound request apart, and a port forward (or the browser tests'
 * --host-resolver-rules) reaches a server under another port.
 */
export function loopbackOnly(listener: Listener): Listener {
  return (request, response) => {
    if (LOOPBACK_HOST.test(request.headers.host?.toLowerCase() ?? '')) return listener(request, response);
    const body = JSON.stringify({
      code: 'MisdirectedRequest',
      message:
        'Local mode answers only requests whose Host is 127.0.0.1:<port>, localhost:<port> or [::1]:<port>; this one named another host.',
    });
    response.writeHead(421, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(body),
      'Cache-Control': 'no-store',
      Connection: 'close',
    });
    response.end(body);
  };
}

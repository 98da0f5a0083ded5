import * as http from 'node:http';
import { Hash } from '@smithy/core/serde';
import { SignatureV4 } from '@smithy/signature-v4';
import type { LocalClient } from './local-mode';

/** Temporary AWS credentials, as POST /credentials or Amplify's fetchAuthSession hands them out. */
interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** GET <route> signed as a client signs it: the SDK's own signer, service execute-api, the session token included. */
export async function signedGet(
  client: LocalClient,
  route: string,
  credentials: Credentials,
): Promise<{ status: number; body: any }> {
  const url = new URL(route, client.local.apiUrl);
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      sessionToken: credentials.sessionToken,
    },
    region: client.local.region,
    service: 'execute-api',
    sha256: Hash.bind(null, 'sha256'),
  });
  const { headers } = await signer.sign({
    method: 'GET',
    protocol: url.protocol,
    hostname: url.hostname,
    port: Number(url.port),
    path: url.pathname,
    headers: { host: url.host },
  });
  // node:http sends the Host header the signature covers as it is (fetch would set its own).
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (response) => {
        let text = '';
        response.on('data', (chunk) => {
          text += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
      })
      .on('error', reject);
  });
}

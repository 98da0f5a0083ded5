import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Hash } from '@smithy/core/serde';
import { SignatureV4 } from '@smithy/signature-v4';

/** A signed request, as a local server received it. */
export interface SignedRequest {
  readonly method: string;
  /** The path as sent, before percent-decoding: what the client signed. */
  readonly rawPath: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** The parts of an `Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` header. */
export interface ParsedAuthorization {
  /** `<access key id>/<yyyymmdd>/<region>/<service>/aws4_request`. */
  credential: string;
  signedHeaders: string[];
  signature: string;
}

export interface SigningSecret {
  accessKeyId: string;
  secretAccessKey: string;
}

// The five-minute window of SigV4 ("Elements of an AWS API request signature": a request whose
// X-Amz-Date is more than five minutes off is refused).
// https://docs.aws.amazon.com/IAM/latest/UserGuide/signing-elements.html
export const CLOCK_SKEW_MS = 5 * 60 * 1000;
const ALGORITHM = 'AWS4-HMAC-SHA256';
/**
 * A signed header's name as a canonical request lists it: an HTTP field name (RFC 9110's token) in lower case. The
 * IAM User Guide's "Create a signed AWS API request" asks for the host header and every x-amz-* header sent (the date
 * among them) in the signed headers.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 */
const SIGNED_HEADER_NAME = /^[a-z0-9!#$%&'*+.^_`|~-]+$/;

export function parseAuthorization(header: string): ParsedAuthorization | { missing: string } {
  if (!header.startsWith(`${ALGORITHM} `)) return { missing: 'Credential' };
  const parts = Object.fromEntries(
    header
      .slice(ALGORITHM.length + 1)
      .split(',')
      .map((part) => part.trim().split('=') as [string, string]),
  );
  for (const name of ['Credential', 'SignedHeaders', 'Signature']) if (!parts[name]) return { missing: name };
  return {
    credential: parts.Credential,
    signedHeaders: parts.SignedHeaders.split(';'),
    signature: parts.Signature,
  };
}

/** `20300101T000000Z`, SigV4's basic ISO 8601 form. */
export function parseAmzDate(value: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match;
  return new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
}

/**
 * Whether the signature is the one the SDK's own signer computes from the request as received, with
 * the secret that the access key stands for: the server side of SigV4.
 */
export async function signatureMatches(
  request: SignedRequest,
  parsed: ParsedAuthorization,
  secret: SigningSecret,
  signingDate: Date,
): Promise<boolean> {
  // The signer takes a declared payload hash on trust; the body must be what was declared.
  const declaredHash = single(request.headers['x-amz-content-sha256']);
  if (declaredHash && declaredHash !== 'UNSIGNED-PAYLOAD' && declaredHash !== sha256Hex(request.body)) return false;
  // Own properties only: a name like `constructor` or `__proto__` is a header the client did not send.
  const sent = new Map(Object.entries(request.headers));
  const headers: Record<string, string> = {};
  for (const name of parsed.signedHeaders) {
    const value = sent.get(name);
    if (value === undefined || !SIGNED_HEADER_NAME.test(name)) return false;
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string | string[]> = {};
  for (const name of new Set(request.query.keys())) {
    const values = request.query.getAll(name);
    query[name] = values.length === 1 ? values[0] : values;
  }
  const [, shortDate, region, service] = parsed.credential.split('/');
  if (shortDate !== signingDate.toISOString().slice(0, 10).replace(/-/g, '')) return false;
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: secret.accessKeyId,
      secretAccessKey: secret.secretAccessKey,
      // The signer adds the token as a signed header; only when the client signed it too.
      sessionToken: parsed.signedHeaders.includes('x-amz-security-token')
        ? single(request.headers['x-amz-security-token'])
        : undefined,
    },
    region,
    service,
    sha256: Hash.bind(null, 'sha256'),
    applyChecksum: false,
  });
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: 'http:',
      hostname: headers.host ?? '',
      path: request.rawPath,
      query,
      headers,
      body: request.body,
    },
    { signingDate, signableHeaders: new Set(parsed.signedHeaders) },
  );
  const expected = /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization))?.[1] ?? '';
  return /^[0-9a-f]{64}$/.test(parsed.signature) && sameDigest(expected, parsed.signature);
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Constant-time comparison of two hex digests. */
export function sameDigest(a: string, b: string): boolean {
  const [left, right] = [Buffer.from(a, 'hex'), Buffer.from(b, 'hex')];
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

export function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

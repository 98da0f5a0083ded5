import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Hash } from '@smithy/core/serde';
import { SignatureV4 } from '@smithy/signature-v4';
import type { CredentialsRecord, IdentityRecord } from '../cognito-twin';
import type { RoleModel } from '../stack-model';
import type { GatewayResponseType } from './gateway-responses';

export interface IamAuthorizerSettings {
  readonly region: string;
  readonly accountId: string;
  readonly apiId: string;
  readonly stageName: string;
  /** The roles the template declares, by ARN: the identity pool's authenticated role. */
  readonly roles: readonly RoleModel[];
  /** Credentials the twin issued (GetCredentialsForIdentity), by access key id. */
  findCredentials(accessKeyId: string): { credentials: CredentialsRecord; identity: IdentityRecord } | undefined;
  /** Local mode's clock, for the credentials' expiry. @default Date.now; tests move it. */
  readonly now?: () => number;
  /**
   * The clock X-Amz-Date is held to (five minutes either way): the machine's, which the client signs
   * with, even when local mode's clock has been moved forward. @default now
   */
  readonly signingNow?: () => number;
}

/** A signed request, as the gateway received it. */
export interface SignedRequest {
  readonly method: string;
  /** The path as sent, before percent-decoding: what the client signed. */
  readonly rawPath: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** `requestContext.identity` of a call signed with identity pool credentials. */
export interface CallerIdentity {
  cognitoIdentityPoolId: string;
  cognitoIdentityId: string;
  cognitoAuthenticationType: 'authenticated';
  cognitoAuthenticationProvider: string;
  accessKey: string;
  accountId: string;
  caller: string;
  user: string;
  userArn: string;
}

export type IamVerdict = { ok: true; identity: CallerIdentity } | { ok: false; type: GatewayResponseType; message: string };

// The five-minute window of SigV4 ("Elements of an AWS API request signature": a request whose
// X-Amz-Date is more than five minutes off is refused).
// https://docs.aws.amazon.com/IAM/latest/UserGuide/signing-elements.html
const CLOCK_SKEW_MS = 5 * 60 * 1000;
const ALGORITHM = 'AWS4-HMAC-SHA256';
/**
 * A signed header's name as a canonical request lists it: an HTTP field name (RFC 9110's token) in lower case. The
 * IAM User Guide's "Create a signed AWS API request" asks for the host header and every x-amz-* header sent (the date
 * among them) in the signed headers, which is why authorize refuses a list without host or x-amz-date.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 */
const SIGNED_HEADER_NAME = /^[a-z0-9!#$%&'*+.^_`|~-]+$/;

/**
 * Messages API Gateway is seen to answer (AWS Knowledge Center "api-gateway-iam-sigv4-mismatch" for
 * the mismatch and "Missing Authentication Token"; aws-amplify/amplify-js#1643 for the denial); the
 * others are STS-style wordings whose exact API Gateway text is unverified. AWS support's
 * troubleshooting article names an unknown security token an AccessDeniedException, so it takes
 * ACCESS_DENIED, as lib/gateway-responses.ts reads it too
 * (https://repost.aws/knowledge-center/api-gateway-troubleshoot-403-forbidden); API Gateway names no
 * type for a malformed Authorization header, INVALID_SIGNATURE is the nearest (unverified).
 */
const refuse = (type: GatewayResponseType, message: string): IamVerdict => ({ ok: false, type, message });
const refusals = {
  unsigned: () => refuse('MISSING_AUTHENTICATION_TOKEN', 'Missing Authentication Token'),
  malformed: (missing: string) => refuse('INVALID_SIGNATURE', `Authorization header requires '${missing}' parameter.`),
  noDate: () => refuse('INVALID_SIGNATURE', "Authorization header requires existence of a 'X-Amz-Date' header."),
  hostNotSigned: () => refuse('INVALID_SIGNATURE', "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."),
  dateNotSigned: () => refuse('INVALID_SIGNATURE', "'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization."),
  wrongService: (service: string) =>
    refuse('INVALID_SIGNATURE', `Credential should be scoped to correct service: 'execute-api', not '${service}'.`),
  wrongRegion: (region: string, expected: string) =>
    refuse('INVALID_SIGNATURE', `Credential should be scoped to a valid region: '${expected}', not '${region}'.`),
  dateOff: (date: string) =>
    refuse('INVALID_SIGNATURE', `Signature expired or not yet current: ${date} is more than 5 minutes from the server's time.`),
  invalidToken: () => refuse('ACCESS_DENIED', 'The security token included in the request is invalid.'),
  expiredToken: () => refuse('EXPIRED_TOKEN', 'The security token included in the request is expired'),
  mismatch: () =>
    refuse(
      'INVALID_SIGNATURE',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
    ),
  denied: (userArn: string, methodArn: string) =>
    refuse('ACCESS_DENIED', `User: ${userArn} is not authorized to perform: execute-api:Invoke on resource: ${methodArn}`),
};

/**
 * AWS_IAM authorization as API Gateway applies it to a REST API method: a SigV4 `Authorization`
 * header scoped to this region and `execute-api`, an X-Amz-Date within five minutes, credentials
 * the twin issued with their own session token and not expired, a signature that the SDK's own
 * signer recomputes from the request as received, and the role's policy allowing execute-api:Invoke
 * on the method ARN.
 */
export class IamAuthorizer {
  private readonly now: () => number;
  private readonly signingNow: () => number;

  constructor(private readonly settings: IamAuthorizerSettings) {
    this.now = settings.now ?? Date.now;
    this.signingNow = settings.signingNow ?? this.now;
  }

  async authorize(request: SignedRequest, route: { method: string; path: string }): Promise<IamVerdict> {
    const authorization = single(request.headers.authorization);
    if (!authorization) return refusals.unsigned();
    const parsed = parseAuthorization(authorization);
    if ('missing' in parsed) return refusals.malformed(parsed.missing);
    if (!parsed.signedHeaders.includes('host')) return refusals.hostNotSigned();
    if (!parsed.signedHeaders.includes('x-amz-date')) return refusals.dateNotSigned();
    const [accessKeyId, , region, service] = parsed.credential.split('/');
    if (service !== 'execute-api') return refusals.wrongService(service ?? '');
    if (region !== this.settings.region) return refusals.wrongRegion(region ?? '', this.settings.region);
    const amzDate = single(request.headers['x-amz-date']);
    const signingDate = amzDate ? parseAmzDate(amzDate) : undefined;
    if (!amzDate || !signingDate) return refusals.noDate();
    if (Math.abs(this.signingNow() - signingDate.getTime()) > CLOCK_SKEW_MS) return refusals.dateOff(amzDate);

    const issued = this.settings.findCredentials(accessKeyId);
    const sessionToken = single(request.headers['x-amz-security-token']);
    if (!issued || !sessionToken || !sameDigest(sha256Hex(sessionToken), issued.credentials.sessionTokenSha256))
      return refusals.invalidToken();
    if (issued.credentials.expiresAt <= this.now()) return refusals.expiredToken();
    if (!(await this.signatureMatches(request, parsed, issued.credentials, signingDate))) return refusals.mismatch();

    const role = this.settings.roles.find((candidate) => candidate.arn === issued.credentials.roleArn);
    const identity = this.callerIdentity(issued.identity, issued.credentials, role);
    const methodArn = `arn:aws:execute-api:${this.settings.region}:${this.settings.accountId}:${this.settings.apiId}/${this.settings.stageName}/${route.method}${route.path}`;
    if (!role || !allows(role.statements, 'execute-api:Invoke', methodArn)) return refusals.denied(identity.userArn, methodArn);
    return { ok: true, identity };
  }

  private async signatureMatches(
    request: SignedRequest,
    parsed: ParsedAuthorization,
    credentials: CredentialsRecord,
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
        accessKeyId: credentials.accessKeyId,
        secretAccessKey: credentials.secretAccessKey,
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

  /** As API Gateway fills requestContext.identity for identity pool credentials (see the module's tests). */
  private callerIdentity(identity: IdentityRecord, credentials: CredentialsRecord, role: RoleModel | undefined): CallerIdentity {
    const roleName = (role?.arn ?? credentials.roleArn).split('/').pop() ?? '';
    const caller = `${roleIdOf(credentials.roleArn)}:CognitoIdentityCredentials`;
    return {
      cognitoIdentityPoolId: identity.identityPoolId,
      cognitoIdentityId: identity.identityId,
      cognitoAuthenticationType: 'authenticated',
      cognitoAuthenticationProvider: `${identity.providerName},${identity.providerName}:CognitoSignIn:${identity.sub}`,
      accessKey: credentials.accessKeyId,
      accountId: this.settings.accountId,
      caller,
      user: caller,
      userArn: `arn:aws:sts::${this.settings.accountId}:assumed-role/${roleName}/CognitoIdentityCredentials`,
    };
  }
}

interface ParsedAuthorization {
  credential: string;
  signedHeaders: string[];
  signature: string;
}

function parseAuthorization(header: string): ParsedAuthorization | { missing: string } {
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
function parseAmzDate(value: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match;
  return new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
}

/**
 * IAM policy evaluation for one action on one resource: an explicit Deny wins, else an Allow is
 * needed. `*` and `?` are IAM's wildcards; actions compare case-insensitively, resources exactly
 * (IAM User Guide, "Policy evaluation logic" and "IAM JSON policy elements: Action / Resource").
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
function allows(statements: RoleModel['statements'], action: string, resource: string): boolean {
  const applying = statements.filter(
    (s) => s.actions.some((a) => wildcard(a, 'i').test(action)) && s.resources.some((r) => wildcard(r, '').test(resource)),
  );
  return !applying.some((s) => s.effect === 'Deny') && applying.some((s) => s.effect === 'Allow');
}

function wildcard(pattern: string, flags: string): RegExp {
  const source = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, flags);
}

/** A stable stand-in for the role's unique id (`AROA…`, 21 characters), which only AWS assigns. */
function roleIdOf(roleArn: string): string {
  return `AROA${createHash('sha256').update(roleArn).digest('hex').slice(0, 17).toUpperCase()}`;
}

function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Constant-time comparison of two hex digests. */
function sameDigest(a: string, b: string): boolean {
  const [left, right] = [Buffer.from(a, 'hex'), Buffer.from(b, 'hex')];
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

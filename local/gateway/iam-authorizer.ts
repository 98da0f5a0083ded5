import { createHash } from 'node:crypto';
import type { CredentialsRecord, IdentityRecord } from '../cognito-twin';
import { evaluatePolicies } from '../iam/policy';
import {
  CLOCK_SKEW_MS,
  parseAmzDate,
  parseAuthorization,
  type SignedRequest,
  sameDigest,
  sha256Hex,
  signatureMatches,
  single,
} from '../iam/sigv4';
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

export type { SignedRequest } from '../iam/sigv4';

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
    if (!(await signatureMatches(request, parsed, issued.credentials, signingDate))) return refusals.mismatch();

    const role = this.settings.roles.find((candidate) => candidate.arn === issued.credentials.roleArn);
    const identity = this.callerIdentity(issued.identity, issued.credentials, role);
    const methodArn = `arn:aws:execute-api:${this.settings.region}:${this.settings.accountId}:${this.settings.apiId}/${this.settings.stageName}/${route.method}${route.path}`;
    if (!role || evaluatePolicies(role.statements, 'execute-api:Invoke', methodArn) !== 'allow')
      return refusals.denied(identity.userArn, methodArn);
    return { ok: true, identity };
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

/** A stable stand-in for the role's unique id (`AROA…`, 21 characters), which only AWS assigns. */
function roleIdOf(roleArn: string): string {
  return `AROA${createHash('sha256').update(roleArn).digest('hex').slice(0, 17).toUpperCase()}`;
}

import { evaluatePolicies, type PolicyStatement } from '../iam/policy';
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
import { CognitoError } from './errors';

/**
 * Credentials that stand for an IAM principal: a function's execution role (as Lambda's environment
 * hands them to the function) or the machine's operator (`npm run admin`).
 */
export interface IamPrincipal {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Required when set: temporary credentials are refused without their token, as STS's are. */
  readonly sessionToken?: string;
  /** `arn:aws:sts::<account>:assumed-role/<role>/<session>`: what AccessDeniedException names. */
  readonly arn: string;
  /** The identity-based policies attached to the principal, as the template declares them. */
  readonly statements: readonly PolicyStatement[];
}

/** Every principal local mode issued credentials for, by access key id. */
export interface IamPrincipals {
  find(accessKeyId: string): IamPrincipal | undefined;
}

// Wordings of AWS's common errors for a JSON protocol service; Cognito's exact texts for the
// first four are unverified. AccessDeniedException's is the one the issue quotes from Cognito.
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/CommonErrors.html
const refuse = (type: string, message: string, status = 400) => new CognitoError(type, message, status);
const refusals = {
  unsigned: () => refuse('MissingAuthenticationTokenException', 'Missing Authentication Token', 403),
  incomplete: (missing: string) =>
    refuse('IncompleteSignatureException', `Authorization header requires '${missing}' parameter.`),
  wrongScope: (scope: string) =>
    refuse('InvalidSignatureException', `Credential should be scoped to this region and to cognito-idp, not '${scope}'.`, 403),
  dateOff: () =>
    refuse('InvalidSignatureException', 'Signature expired: X-Amz-Date is more than 5 minutes from the server time.', 403),
  unknownKey: () => refuse('UnrecognizedClientException', 'The security token included in the request is invalid.'),
  mismatch: () =>
    refuse(
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
      403,
    ),
  denied: (principal: string, action: string, resource: string, explicit: boolean) =>
    refuse(
      'AccessDeniedException',
      `User: ${principal} is not authorized to perform: ${action} on resource: ${resource} because ${
        explicit ? 'an explicit deny in an identity-based policy' : `no identity-based policy allows the ${action} action`
      }`,
    ),
};

/**
 * Cognito's administration operations are IAM-authorized: "you must use IAM credentials to authorize
 * requests, and you must grant yourself the corresponding IAM permission in a policy" (API Reference,
 * e.g. AdminDisableUser). So the twin, like Cognito, wants a SigV4 signature for region and
 * `cognito-idp` from credentials it knows, and the principal's policies to allow
 * `cognito-idp:<Operation>` on the pool's ARN. Nothing on the machine administers the pool without
 * credentials local mode issued.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminDisableUser.html
 */
export async function authorizeIamCall(
  request: SignedRequest,
  operation: string,
  target: { region: string; poolArn: string },
  principals: IamPrincipals,
  now: () => number,
): Promise<void> {
  const authorization = single(request.headers.authorization);
  if (!authorization) throw refusals.unsigned();
  const parsed = parseAuthorization(authorization);
  if ('missing' in parsed) throw refusals.incomplete(parsed.missing);
  const [accessKeyId, , region, service] = parsed.credential.split('/');
  if (region !== target.region || service !== 'cognito-idp') throw refusals.wrongScope(`${region}/${service}`);
  const amzDate = single(request.headers['x-amz-date']);
  const signingDate = amzDate ? parseAmzDate(amzDate) : undefined;
  if (!signingDate || !parsed.signedHeaders.includes('x-amz-date')) throw refusals.incomplete('X-Amz-Date');
  if (Math.abs(now() - signingDate.getTime()) > CLOCK_SKEW_MS) throw refusals.dateOff();

  const principal = principals.find(accessKeyId);
  const token = single(request.headers['x-amz-security-token']);
  if (!principal) throw refusals.unknownKey();
  if (principal.sessionToken !== undefined && !(token && sameDigest(sha256Hex(token), sha256Hex(principal.sessionToken))))
    throw refusals.unknownKey();
  if (!(await signatureMatches(request, parsed, principal, signingDate))) throw refusals.mismatch();

  const action = `cognito-idp:${operation}`;
  const decision = evaluatePolicies(principal.statements, action, target.poolArn);
  if (decision !== 'allow') throw refusals.denied(principal.arn, action, target.poolArn, decision === 'explicit-deny');
}

/** The pool's ARN, as IAM policies name it (Service Authorization Reference, Amazon Cognito user pools: `userpool`). */
export function userPoolArn(region: string, accountId: string, poolId: string): string {
  return `arn:aws:cognito-idp:${region}:${accountId}:userpool/${poolId}`;
}

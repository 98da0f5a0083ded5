import { ApiError } from '../../contract/errors';
import { environment } from './environment';
import { isV2, type ProxyEvent } from './event';

/** The caller of an IAM-authorized route: the identity pool's identity and the user pool's sub. */
interface SignedCaller {
  readonly identityId: string;
  readonly sub: string;
}

/**
 * Who signed the request, as API Gateway established it from the SigV4 signature and wrote it into
 * the event, where no header or body of the caller's can set it: a REST API's
 * `requestContext.identity`, an HTTP API's `requestContext.authorizer.iam` (payload 2.0, below). For a user pool
 * sign-in, Cognito gives `cognitoAuthenticationProvider` as
 * `cognito-idp.<region>.amazonaws.com/<poolId>,cognito-idp.<region>.amazonaws.com/<poolId>:CognitoSignIn:<sub>`
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html,
 * $context.identity.cognitoAuthenticationProvider); the sub is read from the entry of this API's
 * own pool (USER_POOL_ID). Anything else, or nothing, is refused rather than guessed at.
 */
export function signedCaller(event: ProxyEvent): SignedCaller {
  const { identityId, sub } = isV2(event) ? callerV2(event) : callerV1(event);
  if (!identityId || !sub) {
    throw new ApiError('Unauthorized', 'Sign the request (SigV4) with the AWS credentials POST /credentials returns.');
  }
  return { identityId, sub };
}

function callerV1(event: Exclude<ProxyEvent, { version: string }>): Partial<SignedCaller> {
  const identity = event.requestContext.identity;
  return {
    identityId: identity?.cognitoIdentityId ?? undefined,
    sub: identity?.cognitoAuthenticationType === 'authenticated' ? subOf(identity.cognitoAuthenticationProvider) : undefined,
  };
}

/**
 * Payload 2.0's IAM authorizer writes the identity pool's identity as `cognitoIdentity: {amr,
 * identityId, identityPoolId}`
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html).
 * Its `amr` is the identity's authentication references, which for a user pool sign-in are
 * "authenticated", the provider and `<provider>:CognitoSignIn:<sub>`, the same entries as 1.0's
 * cognitoAuthenticationProvider (the amr of Cognito's OpenID token; that the event carries exactly
 * these is unverified).
 */
function callerV2(event: Extract<ProxyEvent, { version: string }>): Partial<SignedCaller> {
  const identity = event.requestContext.authorizer?.iam?.cognitoIdentity;
  const amr = identity?.amr ?? [];
  return {
    identityId: identity?.identityId || undefined,
    sub: amr.includes('authenticated') ? subOf(amr.filter((entry) => entry !== 'authenticated').join(',')) : undefined,
  };
}

function subOf(provider: string | null): string | undefined {
  const poolId = environment('USER_POOL_ID');
  if (!provider) return undefined;
  const prefix = `/${poolId}:CognitoSignIn:`;
  const entry = provider
    .split(',')
    .find((part) => /^cognito-idp\.[a-z0-9-]+\.amazonaws\.com\//.test(part) && part.includes(prefix));
  const sub = entry?.slice(entry.indexOf(prefix) + prefix.length);
  return sub && /^[\w-]+$/.test(sub) ? sub : undefined;
}

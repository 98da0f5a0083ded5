import type { APIGatewayProxyEvent } from 'aws-lambda';
import { ApiError } from '../../contract/errors';
import { environment } from './environment';

/** The caller of an IAM-authorized route: the identity pool's identity and the user pool's sub. */
interface SignedCaller {
  readonly identityId: string;
  readonly sub: string;
}

/**
 * Who signed the request, as API Gateway established it from the SigV4 signature and wrote it into
 * `requestContext.identity`, which no header or body of the caller's can set. For a user pool
 * sign-in, Cognito gives `cognitoAuthenticationProvider` as
 * `cognito-idp.<region>.amazonaws.com/<poolId>,cognito-idp.<region>.amazonaws.com/<poolId>:CognitoSignIn:<sub>`
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html,
 * $context.identity.cognitoAuthenticationProvider); the sub is read from the entry of this API's
 * own pool (USER_POOL_ID). Anything else, or nothing, is refused rather than guessed at.
 */
export function signedCaller(event: APIGatewayProxyEvent): SignedCaller {
  const identity = event.requestContext.identity;
  const identityId = identity?.cognitoIdentityId;
  const sub = identity?.cognitoAuthenticationType === 'authenticated' ? subOf(identity.cognitoAuthenticationProvider) : undefined;
  if (!identityId || !sub) {
    throw new ApiError('Unauthorized', 'Sign the request (SigV4) with the AWS credentials POST /credentials returns.');
  }
  return { identityId, sub };
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

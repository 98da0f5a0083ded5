import type { CodeDeliveryDetailsType, InitiateAuthCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { ApiError } from '../../contract/errors';
import type { CodeDelivery, RefreshResponse, SignInResponse } from '../../contract/responses';

// Token responses must not be cached by browsers or proxies (RFC 6749 §5.1); nothing this API
// answers is worth caching, so every response says so.
const baseHeaders = {
  'Content-Type': 'application/json',
  'Cache-Control': 'no-store',
};

export function jsonResponse(statusCode: number, body?: unknown): APIGatewayProxyResult {
  return {
    statusCode,
    headers: { ...baseHeaders },
    body: body === undefined ? '' : JSON.stringify(body),
  };
}

export function errorResponse(error: ApiError): APIGatewayProxyResult {
  return jsonResponse(error.status, { code: error.code, message: error.message });
}

/** The only thing an unexpected failure tells the caller: which request to quote to the operator. */
export function internalErrorResponse(requestId: string): APIGatewayProxyResult {
  return errorResponse(new ApiError('InternalError', `Something went wrong on our side (request id ${requestId}).`));
}

/** Where Cognito sent a code, as the API reports it: the medium and the masked destination. */
export function codeDelivery(details: CodeDeliveryDetailsType | undefined): CodeDelivery {
  return { medium: details?.DeliveryMedium, destination: details?.Destination };
}

/**
 * What InitiateAuth and RespondToAuthChallenge answer alike: tokens, or the next challenge; and
 * GetTokensFromRefreshToken, tokens alone.
 */
type AuthResult = Pick<InitiateAuthCommandOutput, 'AuthenticationResult' | 'ChallengeName'>;
/** The id and access tokens, their lifetime and type: what every answer with tokens has. */
type IssuedTokens = Omit<RefreshResponse, 'refreshToken'>;

/**
 * The tokens Cognito issued, as sign-in and refresh answer them (each adds its refresh token).
 * Cognito's AuthenticationResultType marks every field optional, but a flow that succeeds
 * without a challenge issues all three of these; their absence is a server-side fault, a 500.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AuthenticationResultType.html
 */
function issuedTokens({ AuthenticationResult: tokens, ChallengeName }: AuthResult): IssuedTokens {
  if (!tokens?.IdToken || !tokens.AccessToken || tokens.ExpiresIn === undefined) {
    throw new Error(`Cognito answered no tokens, and a challenge this API does not handle: ${ChallengeName ?? 'none'}`);
  }
  return { idToken: tokens.IdToken, accessToken: tokens.AccessToken, expiresIn: tokens.ExpiresIn, tokenType: 'Bearer' };
}

/**
 * The tokens of a completed sign-in, with the password alone or with a TOTP code after it. A
 * sign-in issues a refresh token with the others (Cognito Developer Guide, "Using the refresh
 * token"); without one the client could not stay signed in.
 */
export function signedInTokens(result: AuthResult): SignInResponse {
  const tokens = issuedTokens(result);
  const refreshToken = result.AuthenticationResult?.RefreshToken;
  if (!refreshToken) throw new Error('Cognito answered no refresh token');
  return { ...tokens, refreshToken };
}

/**
 * The tokens of a refresh (GetTokensFromRefreshToken). With refresh-token rotation Cognito issues a
 * new refresh token, passed on for the client to keep in place of the one it sent; without, it
 * issues none and the answer has none: the one the client holds stays the one to use.
 */
export function refreshedTokens(result: AuthResult): RefreshResponse {
  const tokens = issuedTokens(result);
  const refreshToken = result.AuthenticationResult?.RefreshToken;
  return refreshToken ? { ...tokens, refreshToken } : tokens;
}

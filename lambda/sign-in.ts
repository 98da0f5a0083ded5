import { InitiateAuthCommand, type InitiateAuthCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { ApiError } from '../contract/errors';
import { signInRequest } from '../contract/requests';
import type { SignInChallengeResponse } from '../contract/responses';
import { appClientId, cognito } from './api/cognito';
import { httpHandler } from './api/handler';
import { signedInTokens } from './api/responses';

export const handler = httpHandler<'sign-in'>(signInRequest, async ({ body: { email, password } }) => {
  const result = await cognito.send(
    new InitiateAuthCommand({
      ClientId: appClientId(),
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  );
  if (!result.ChallengeName) return { status: 200, body: signedInTokens(result) };
  return { status: 202, body: { challenge: totpChallengeOf(result), session: sessionOf(result) } };
});

/**
 * The TOTP step Cognito asks for after the password: the code of an enrolled authenticator
 * (SOFTWARE_TOKEN_MFA), or setting one up first when the pool requires a factor (MFA_SETUP, whose
 * MFAS_CAN_SETUP lists the kinds it accepts: with SMS off, TOTP alone). Any other challenge needs a
 * step this API does not offer (NEW_PASSWORD_REQUIRED for a user an administrator created, say),
 * and is named rather than failing.
 */
function totpChallengeOf({
  ChallengeName,
  ChallengeParameters,
}: InitiateAuthCommandOutput): SignInChallengeResponse['challenge'] {
  if (ChallengeName === 'SOFTWARE_TOKEN_MFA') return 'TOTP';
  if (ChallengeName === 'MFA_SETUP' && ChallengeParameters?.MFAS_CAN_SETUP?.includes('SOFTWARE_TOKEN_MFA')) return 'TOTP_SETUP';
  throw new ApiError(
    'ChallengeRequired',
    `This account needs a further sign-in step (${ChallengeName}) that this API does not offer.`,
  );
}

function sessionOf({ ChallengeName, Session }: InitiateAuthCommandOutput): string {
  if (!Session) throw new Error(`InitiateAuth answered ${ChallengeName} without a session`);
  return Session;
}

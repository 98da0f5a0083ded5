import {
  type ChallengeNameType,
  RespondToAuthChallengeCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { signInTotpRequest } from '../contract/requests';
import { appClientId, cognito } from './api/cognito';
import { httpHandler } from './api/handler';
import { signedInTokens } from './api/responses';
import { inSignInSession, signInStepOf } from './api/sign-in-session';
import { requireVerified } from './api/totp-key';

/**
 * The TOTP code that completes a sign-in: an enrolled user's (SOFTWARE_TOKEN_MFA), or the first code
 * of an authenticator just set up (POST /sign-in/totp-setup), which verifies it and then answers
 * MFA_SETUP. Answers the tokens, as POST /sign-in does.
 */
export const handler = httpHandler<'sign-in-totp'>(signInTotpRequest, async ({ body: { email, session, code } }) => {
  const step = signInStepOf(session);
  const answer = (ChallengeName: ChallengeNameType, Session: string, ChallengeResponses: Record<string, string>) =>
    inSignInSession(() =>
      cognito.send(new RespondToAuthChallengeCommand({ ClientId: appClientId(), ChallengeName, Session, ChallengeResponses })),
    );
  if (step.kind === 'code') {
    const result = await answer('SOFTWARE_TOKEN_MFA', step.cognitoSession, { USERNAME: email, SOFTWARE_TOKEN_MFA_CODE: code });
    return { status: 200, body: signedInTokens(result) };
  }
  const verified = await inSignInSession(() =>
    cognito.send(new VerifySoftwareTokenCommand({ Session: step.cognitoSession, UserCode: code })),
  );
  requireVerified(verified);
  if (!verified.Session) throw new Error('VerifySoftwareToken answered no session');
  const result = await answer('MFA_SETUP', verified.Session, { USERNAME: email });
  return { status: 200, body: signedInTokens(result) };
});

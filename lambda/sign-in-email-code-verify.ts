import { RespondToAuthChallengeCommand } from '@aws-sdk/client-cognito-identity-provider';
import { signInEmailCodeVerifyRequest } from '../contract/requests';
import { appClientId, cognito } from './api/cognito';
import { httpHandler } from './api/handler';
import { signedInTokens } from './api/responses';
import { inPasswordlessSession } from './api/sign-in-session';

/**
 * POST /sign-in/email-code/verify: the mailed code answered to Cognito's EMAIL_OTP challenge as EMAIL_OTP_CODE (API
 * Reference, ChallengeResponseType). A wrong code is 400 CodeMismatch and the session stays open for another try
 * (as the twin does; unverified on AWS); the right one answers the tokens.
 */
export const handler = httpHandler<'sign-in-email-code-verify'>(
  signInEmailCodeVerifyRequest,
  async ({ body: { email, session, code } }) => {
    const result = await inPasswordlessSession(() =>
      cognito.send(
        new RespondToAuthChallengeCommand({
          ClientId: appClientId(),
          ChallengeName: 'EMAIL_OTP',
          Session: session,
          ChallengeResponses: { USERNAME: email, EMAIL_OTP_CODE: code },
        }),
      ),
    );
    return { status: 200, body: signedInTokens(result) };
  },
);

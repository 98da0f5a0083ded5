import { RespondToAuthChallengeCommand } from '@aws-sdk/client-cognito-identity-provider';
import { signInPasskeyVerifyRequest } from '../contract/requests';
import { appClientId, cognito } from './api/cognito';
import { httpHandler } from './api/handler';
import { signedInTokens } from './api/responses';
import { inPasswordlessSession } from './api/sign-in-session';

/**
 * POST /sign-in/passkey/verify: the browser's assertion for the options of POST /sign-in/passkey, answered to
 * Cognito's WEB_AUTHN challenge as CREDENTIAL, the AuthenticationResponseJSON as a string (API Reference,
 * ChallengeResponseType). Cognito verifies it; the answer is the tokens.
 */
export const handler = httpHandler<'sign-in-passkey-verify'>(
  signInPasskeyVerifyRequest,
  async ({ body: { email, session, credential } }) => {
    const result = await inPasswordlessSession(() =>
      cognito.send(
        new RespondToAuthChallengeCommand({
          ClientId: appClientId(),
          ChallengeName: 'WEB_AUTHN',
          Session: session,
          ChallengeResponses: { USERNAME: email, CREDENTIAL: JSON.stringify(credential) },
        }),
      ),
    );
    return { status: 200, body: signedInTokens(result) };
  },
);

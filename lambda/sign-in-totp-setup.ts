import { AssociateSoftwareTokenCommand } from '@aws-sdk/client-cognito-identity-provider';
import { signInTotpSetupRequest } from '../contract/requests';
import { cognito } from './api/cognito';
import { httpHandler } from './api/handler';
import { inSignInSession, setupSession, signInStepOf } from './api/sign-in-session';
import { totpKey } from './api/totp-key';

/**
 * The authenticator a user without one sets up at sign-in when the deployment requires a factor
 * (POST /sign-in answered 202 TOTP_SETUP): a new key, and the session its first code is sent with
 * to POST /sign-in/totp, marked for that step (api/sign-in-session.ts).
 */
export const handler = httpHandler<'sign-in-totp-setup'>(signInTotpSetupRequest, async ({ body: { email, session } }) => {
  const { cognitoSession } = signInStepOf(session);
  const { SecretCode, Session } = await inSignInSession(() =>
    cognito.send(new AssociateSoftwareTokenCommand({ Session: cognitoSession })),
  );
  if (!SecretCode || !Session) throw new Error('AssociateSoftwareToken answered no key or no session');
  return { status: 200, body: { ...totpKey(SecretCode, email), session: setupSession(Session) } };
});

import type { AssociateSoftwareTokenRequest, AssociateSoftwareTokenResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { TwinContext } from '../context';
import { errors } from '../errors';
import { offersSoftwareToken } from '../settings';
import { newSoftwareTokenSecret } from '../software-token';
import type { Operation } from './operation';
import { type SoftwareTokenCallerDependencies, softwareTokenCaller } from './software-token-caller';

type Dependencies = SoftwareTokenCallerDependencies & Pick<TwinContext, 'journal'>;

/**
 * API Reference, AssociateSoftwareToken: a new secret for the caller's authenticator app. It waits for
 * VerifySoftwareToken and replaces an earlier unverified one; a verified authenticator keeps working until a new one
 * is verified. With a session (MFA_SETUP) the answer carries the session of the next step, VerifySoftwareToken.
 */
export const associateSoftwareToken =
  (context: Dependencies): Operation<AssociateSoftwareTokenRequest, AssociateSoftwareTokenResponse> =>
  async (request) => {
    const { user, signIn } = await softwareTokenCaller(context, request, 'MFA_SETUP');
    if (!offersSoftwareToken(context.settings)) throw errors.softwareTokenNotEnabledForPool();
    const secret = newSoftwareTokenSecret();
    const softwareToken = { enabled: false, preferred: false, ...user.softwareToken, pendingSecret: secret };
    const committed = context.journal.commit({ type: 'user', user: { ...user, softwareToken } });
    if (!signIn) {
      await committed;
      return { SecretCode: secret };
    }
    context.challenges.end(signIn.session);
    const next = context.challenges.start(user.sub, signIn.client, 'MFA_SETUP_ASSOCIATED');
    await committed;
    return { SecretCode: secret, Session: next };
  };

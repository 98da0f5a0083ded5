import type { VerifySoftwareTokenRequest, VerifySoftwareTokenResponse } from '@aws-sdk/client-cognito-identity-provider';
import { checkCodeCountingMismatches } from '../attempt-limits';
import type { TwinContext } from '../context';
import { requiredString } from '../request';
import { verifyPendingSecret } from '../software-token';
import type { Operation } from './operation';
import { type SoftwareTokenCallerDependencies, softwareTokenCaller } from './software-token-caller';

type Dependencies = SoftwareTokenCallerDependencies & Pick<TwinContext, 'journal' | 'now' | 'attemptLimits'>;

/**
 * API Reference, VerifySoftwareToken: a code from the authenticator app proves the pending secret, which becomes the
 * user's; a wrong one is EnableSoftwareTokenMFAException and counts towards the attempt limit. It does not turn the
 * challenge on for sign-in: SetUserMFAPreference does, or finishing MFA_SETUP. With a session the answer carries the
 * session for RespondToAuthChallenge MFA_SETUP. The twin keeps one authenticator per user, so FriendlyDeviceName is
 * accepted and not stored.
 */
export const verifySoftwareToken =
  (context: Dependencies): Operation<VerifySoftwareTokenRequest, VerifySoftwareTokenResponse> =>
  async (request) => {
    const code = requiredString(request, 'UserCode');
    const { user, signIn } = await softwareTokenCaller(context, request, 'MFA_SETUP_ASSOCIATED');
    const softwareToken = checkCodeCountingMismatches(context, { flow: 'VerifySoftwareToken', sub: user.sub }, () =>
      verifyPendingSecret(user.softwareToken, code, context.now()),
    );
    const committed = context.journal.commit({ type: 'user', user: { ...user, softwareToken } });
    if (!signIn) {
      await committed;
      return { Status: 'SUCCESS' };
    }
    context.challenges.end(signIn.session);
    const next = context.challenges.start(user.sub, signIn.client, 'MFA_SETUP_VERIFIED');
    await committed;
    return { Status: 'SUCCESS', Session: next };
  };

import type { ChallengeSession, ChallengeStep } from '../challenge-sessions';
import type { TwinContext } from '../context';
import { errors } from '../errors';
import type { UserRecord } from '../pool-state';
import { optionalString, type Unvalidated } from '../request';
import { authenticateAccessToken } from '../sessions';
import { type AppClientSettings, findClient } from '../settings';

export type SoftwareTokenCallerDependencies = Pick<TwinContext, 'settings' | 'state' | 'tokens' | 'challenges'>;

/** The user, and the sign-in it continues when it came with a session instead of an access token. */
export interface SoftwareTokenCaller {
  user: UserRecord;
  signIn?: { session: string; challenge: ChallengeSession; client: AppClientSettings };
}

/**
 * AssociateSoftwareToken and VerifySoftwareToken: "The request takes an access token or a session string, but not
 * both" (API Reference). An access token is a signed-in user enrolling; a session is a sign-in of a pool with MFA ON
 * setting up its factor (MFA_SETUP), and must be at `step`. Returns the user as it is after the last await.
 */
export async function softwareTokenCaller(
  context: SoftwareTokenCallerDependencies,
  request: Unvalidated<{ AccessToken: unknown; Session: unknown }>,
  step: ChallengeStep,
): Promise<SoftwareTokenCaller> {
  const accessToken = optionalString(request, 'AccessToken');
  const session = optionalString(request, 'Session');
  if ((accessToken === undefined) === (session === undefined)) throw errors.accessTokenOrSession();
  if (accessToken !== undefined) return { user: await authenticateAccessToken(context, accessToken) };

  const challenge = context.challenges.find(session as string, [step]);
  const user = context.state.findUserBySub(challenge.sub);
  if (!user) throw errors.invalidSession();
  return { user, signIn: { session: session as string, challenge, client: findClient(context.settings, challenge.clientId) } };
}

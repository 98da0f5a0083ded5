import type { InitiateAuthRequest, InitiateAuthResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { TwinContext } from '../context';
import { errors } from '../errors';
import { requiredString } from '../request';
import { findClient } from '../settings';
import type { Operation } from './operation';
import { type RefreshTokenAuthDependencies, signInWithRefreshToken } from './refresh-token-auth';
import { startUserAuth, type UserAuthDependencies } from './user-auth';
import { signInWithPassword } from './user-password-auth';

type Dependencies = Pick<TwinContext, 'settings'> & UserAuthDependencies & RefreshTokenAuthDependencies;

/**
 * API Reference, InitiateAuth. A flow must be allowed by the app client's ExplicitAuthFlows;
 * REFRESH_TOKEN is the documented alias of REFRESH_TOKEN_AUTH; USER_AUTH is choice-based sign-in (user-auth.ts).
 */
export const initiateAuth =
  (context: Dependencies): Operation<InitiateAuthRequest, InitiateAuthResponse> =>
  async (request) => {
    const client = findClient(context.settings, requiredString(request, 'ClientId'));
    const requested = requiredString(request, 'AuthFlow');
    const flow = requested === 'REFRESH_TOKEN' ? 'REFRESH_TOKEN_AUTH' : requested;
    if (!client.explicitAuthFlows.includes(`ALLOW_${flow}`)) throw errors.authFlowNotEnabled(flow);
    switch (flow) {
      case 'USER_PASSWORD_AUTH':
        return signInWithPassword(context, client, request);
      case 'USER_AUTH':
        return startUserAuth(context, client, request);
      case 'REFRESH_TOKEN_AUTH':
        return signInWithRefreshToken(context, client, request);
      default:
        throw errors.authFlowNotImplemented(flow);
    }
  };

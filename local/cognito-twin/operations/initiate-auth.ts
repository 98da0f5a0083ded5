import { type Operation } from '../context';
import { findClient } from '../settings';
import { errors } from '../errors';
import { requiredString } from '../request';
import { signInWithRefreshToken } from './refresh-token-auth';
import { signInWithPassword } from './user-password-auth';

/**
 * API Reference, InitiateAuth. A flow must be allowed by the app client's ExplicitAuthFlows;
 * REFRESH_TOKEN is the documented alias of REFRESH_TOKEN_AUTH.
 */
export const initiateAuth: Operation = async (context, input) => {
  const client = findClient(context.settings, requiredString(input, 'ClientId'));
  const requested = requiredString(input, 'AuthFlow');
  const flow = requested === 'REFRESH_TOKEN' ? 'REFRESH_TOKEN_AUTH' : requested;
  if (!client.explicitAuthFlows.includes(`ALLOW_${flow}`)) throw errors.authFlowNotEnabled(flow);
  switch (flow) {
    case 'USER_PASSWORD_AUTH':
      return signInWithPassword(context, client, input);
    case 'REFRESH_TOKEN_AUTH':
      return signInWithRefreshToken(context, client, input);
    default:
      throw errors.authFlowNotImplemented(flow);
  }
};

import type { GetUserRequest, GetUserResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { TwinContext } from '../context';
import { requiredString } from '../request';
import { authenticateAccessToken } from '../sessions';
import type { Operation } from './operation';

type Dependencies = Pick<TwinContext, 'state' | 'tokens'>;

/** API Reference, GetUser: the caller's own attributes, found through its access token. */
export const getUser =
  (context: Dependencies): Operation<GetUserRequest, GetUserResponse> =>
  async (request) => {
    const user = await authenticateAccessToken(context, requiredString(request, 'AccessToken'));
    return {
      Username: user.sub,
      UserAttributes: [
        { Name: 'sub', Value: user.sub },
        { Name: 'email', Value: user.email },
        { Name: 'email_verified', Value: String(user.emailVerified) },
      ],
    };
  };

import type { GetUserRequest, GetUserResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { TwinContext } from '../context';
import { requiredString } from '../request';
import { authenticateAccessToken } from '../sessions';
import { SOFTWARE_TOKEN_MFA } from '../settings';
import type { Operation } from './operation';

type Dependencies = Pick<TwinContext, 'state' | 'tokens'>;

/**
 * API Reference, GetUser: the caller's own attributes, found through its access token, and its MFA: UserMFASettingList
 * names the factors turned on for sign-in and PreferredMfaSetting the preferred one; both are absent without one.
 */
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
      ...(user.softwareToken?.enabled && { UserMFASettingList: [SOFTWARE_TOKEN_MFA] }),
      ...(user.softwareToken?.preferred && { PreferredMfaSetting: SOFTWARE_TOKEN_MFA }),
    };
  };

import type { GetUserRequest, GetUserResponse } from '@aws-sdk/client-cognito-identity-provider';
import { readableAttributesOf } from '../attributes';
import type { TwinContext } from '../context';
import { requiredString } from '../request';
import { authenticateAccessToken } from '../sessions';
import { findClient, SOFTWARE_TOKEN_MFA } from '../settings';
import type { Operation } from './operation';

type Dependencies = Pick<TwinContext, 'state' | 'tokens' | 'settings'>;

/**
 * API Reference, GetUser: the caller's own attributes, found through its access token, and its MFA: UserMFASettingList
 * names the factors turned on for sign-in and PreferredMfaSetting the preferred one; both are absent without one.
 * Only the attributes the token's app client may read ("Amazon Cognito only returns values for attributes
 * that your app client can read", attributes.ts), and `sub`.
 */
export const getUser =
  (context: Dependencies): Operation<GetUserRequest, GetUserResponse> =>
  async (request) => {
    const accessToken = requiredString(request, 'AccessToken');
    const user = await authenticateAccessToken(context, accessToken);
    const { client_id } = await context.tokens.verifyAccessToken(accessToken);
    const readable = readableAttributesOf(user, findClient(context.settings, client_id));
    return {
      Username: user.sub,
      UserAttributes: Object.entries(readable).map(([Name, Value]) => ({ Name, Value })),
      ...(user.softwareToken?.enabled && { UserMFASettingList: [SOFTWARE_TOKEN_MFA] }),
      ...(user.softwareToken?.preferred && { PreferredMfaSetting: SOFTWARE_TOKEN_MFA }),
    };
  };

import type { Operation } from '../context';
import { requiredString } from '../request';
import { authenticateAccessToken } from '../sessions';

/** API Reference, GetUser: the caller's own attributes, found through its access token. */
export const getUser: Operation = async (context, input) => {
  const user = await authenticateAccessToken(context, requiredString(input, 'AccessToken'));
  return {
    Username: user.sub,
    UserAttributes: [
      { Name: 'sub', Value: user.sub },
      { Name: 'email', Value: user.email },
      { Name: 'email_verified', Value: String(user.emailVerified) },
    ],
  };
};

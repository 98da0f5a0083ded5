import { SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { userAttributesOf } from '../contract/profile';
import { signUpRequest } from '../contract/requests';
import { appClientId, cognito } from './api/cognito';
import { httpHandler } from './api/handler';
import { codeDelivery } from './api/responses';

export const handler = httpHandler<'sign-up'>(signUpRequest, async ({ body: { email, password, ...profile } }) => {
  const result = await cognito.send(
    new SignUpCommand({
      ClientId: appClientId(),
      Username: email,
      Password: password,
      // The profile's fields given (contract/profile.ts), held by Cognito to the client's WriteAttributes.
      UserAttributes: [{ Name: 'email', Value: email }, ...userAttributesOf(profile)],
    }),
  );
  // Cognito's API reference marks UserSub "Required: Yes"; the SDK types every field optional.
  if (!result.UserSub) throw new Error('SignUp answered no UserSub');
  return {
    status: 201,
    body: {
      userSub: result.UserSub,
      userConfirmed: result.UserConfirmed ?? false,
      codeDelivery: codeDelivery(result.CodeDeliveryDetails),
    },
  };
});

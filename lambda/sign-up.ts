import { SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { signUpRequest } from '../contract/requests';
import { appClientId, cognito } from './api/cognito';
import { httpHandler } from './api/handler';
import { codeDelivery } from './api/responses';

export const handler = httpHandler<'sign-up'>(signUpRequest, async ({ body: { email, password } }) => {
  const result = await cognito.send(
    new SignUpCommand({
      ClientId: appClientId(),
      Username: email,
      Password: password,
      UserAttributes: [{ Name: 'email', Value: email }],
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

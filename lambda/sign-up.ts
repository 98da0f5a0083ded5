import { SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { appClientId, cognito } from './api/cognito';
import { httpHandler } from './api/handler';
import { parseBody } from './api/requests';
import { codeDelivery } from './api/responses';
import { signUpRequest } from './api/schemas';

export const handler = httpHandler(async (event) => {
  const { email, password } = parseBody(event, signUpRequest);
  const result = await cognito.send(
    new SignUpCommand({
      ClientId: appClientId(),
      Username: email,
      Password: password,
      UserAttributes: [{ Name: 'email', Value: email }],
    }),
  );
  return {
    status: 201,
    body: {
      userSub: result.UserSub,
      userConfirmed: result.UserConfirmed ?? false,
      codeDelivery: codeDelivery(result.CodeDeliveryDetails),
    },
  };
});

import { UpdateUserAttributesCommand } from '@aws-sdk/client-cognito-identity-provider';
import { changeEmailRequest } from '../contract/requests';
import { accessTokenOf, asSignedInUser } from './api/access-token';
import { cognito } from './api/cognito';
import { httpHandler } from './api/handler';
import { codeDelivery } from './api/responses';

/**
 * Asks for the caller's email to become `email`: Cognito mails a code to the new address, and until
 * /verify-email takes it the old address stays the sign-in name and the `email` claim (the pool keeps
 * the original value while an update is pending: keepOriginal, lib/user-pool.ts).
 */
export const handler = httpHandler<'change-email'>(changeEmailRequest, async ({ body, event }) => {
  const AccessToken = accessTokenOf(event);
  const result = await asSignedInUser('UpdateUserAttributes', () =>
    cognito.send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: [{ Name: 'email', Value: body.email }] })),
  );
  const toEmail = result.CodeDeliveryDetailsList?.find((details) => details.AttributeName === 'email');
  return { status: 200, body: { codeDelivery: codeDelivery(toEmail ?? result.CodeDeliveryDetailsList?.[0]) } };
});

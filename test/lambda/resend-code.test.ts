import { CognitoIdentityProviderClient, ResendConfirmationCodeCommand } from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { handler } from '../../lambda/resend-code';
import { cognitoError } from '../support/cognito-errors';
import { apiEvent, lambdaContext, parse } from '../support/events';

const cognito = mockClient(CognitoIdentityProviderClient);
const resend = (body: unknown) => handler(apiEvent({ resource: '/resend-code', body }), lambdaContext);

beforeEach(() => {
  cognito.reset();
  process.env.USER_POOL_CLIENT_ID = 'client-123';
});

describe('POST /resend-code answers 200 with where the new code went', () => {
  test('the masked destination and medium come from Cognito as they are', async () => {
    cognito
      .on(ResendConfirmationCodeCommand)
      .resolves({ CodeDeliveryDetails: { DeliveryMedium: 'EMAIL', Destination: 'a***@e***.com', AttributeName: 'email' } });
    const response = await resend({ email: 'ada@example.com' });
    expect(response.statusCode).toBe(200);
    expect(parse(response)).toEqual({ codeDelivery: { medium: 'EMAIL', destination: 'a***@e***.com' } });
    expect(cognito).toHaveReceivedCommandWith(ResendConfirmationCodeCommand, {
      ClientId: 'client-123',
      Username: 'ada@example.com',
    });
  });

  test('an unknown email, for which Cognito simulates a delivery, answers byte for byte like a known one', async () => {
    const delivery = {
      CodeDeliveryDetails: { DeliveryMedium: 'EMAIL' as const, Destination: 'a***@e***.com', AttributeName: 'email' },
    };
    cognito.on(ResendConfirmationCodeCommand, { Username: 'ada@example.com' }).resolves(delivery);
    cognito.on(ResendConfirmationCodeCommand, { Username: 'ann@example.com' }).resolves(delivery);
    expect(await resend({ email: 'ann@example.com' })).toEqual(await resend({ email: 'ada@example.com' }));
  });
});

describe('POST /resend-code errors', () => {
  test('an account that is already confirmed answers 401 NotAuthorized, as confirming it twice does', async () => {
    cognito.on(ResendConfirmationCodeCommand).rejects(cognitoError('InvalidParameterException', 'User is already confirmed.'));
    const response = await resend({ email: 'ada@example.com' });
    expect(response.statusCode).toBe(401);
    expect(parse(response)).toEqual({ code: 'NotAuthorized', message: 'This account is already confirmed: sign in.' });
  });

  test('asking too often answers 429 TooManyRequests', async () => {
    cognito
      .on(ResendConfirmationCodeCommand)
      .rejects(cognitoError('LimitExceededException', 'Attempt limit exceeded, please try after some time.'));
    const response = await resend({ email: 'ada@example.com' });
    expect(response.statusCode).toBe(429);
    expect(parse(response).code).toBe('TooManyRequests');
  });

  test('a failed delivery is a server-side fault: 500 with the request id only', async () => {
    cognito
      .on(ResendConfirmationCodeCommand)
      .rejects(cognitoError('CodeDeliveryFailureException', 'Unable to deliver message to ada@example.com'));
    const response = await resend({ email: 'ada@example.com' });
    expect(response.statusCode).toBe(500);
    expect(parse(response)).toEqual({
      code: 'InternalError',
      message: 'Something went wrong on our side (request id req-1234).',
    });
  });
});

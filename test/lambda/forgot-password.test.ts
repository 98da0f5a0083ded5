import { CognitoIdentityProviderClient, ForgotPasswordCommand } from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { handler } from '../../lambda/forgot-password';
import { cognitoError } from '../support/cognito-errors';
import { apiEvent, lambdaContext, parse } from '../support/events';

const cognito = mockClient(CognitoIdentityProviderClient);
const forgot = (body: unknown) => handler(apiEvent({ resource: '/forgot-password', body }), lambdaContext);

beforeEach(() => {
  cognito.reset();
  process.env.USER_POOL_CLIENT_ID = 'client-123';
});

describe('POST /forgot-password answers 200 with where the reset code went', () => {
  test('the masked destination and medium come from Cognito as they are', async () => {
    cognito
      .on(ForgotPasswordCommand)
      .resolves({ CodeDeliveryDetails: { DeliveryMedium: 'EMAIL', Destination: 'a***@e***.com', AttributeName: 'email' } });
    const response = await forgot({ email: 'ada@example.com' });
    expect(response.statusCode).toBe(200);
    expect(parse(response)).toEqual({ codeDelivery: { medium: 'EMAIL', destination: 'a***@e***.com' } });
    expect(cognito).toHaveReceivedCommandWith(ForgotPasswordCommand, { ClientId: 'client-123', Username: 'ada@example.com' });
  });

  test('an unknown email, for which Cognito simulates a delivery, answers byte for byte like a known one', async () => {
    const delivery = {
      CodeDeliveryDetails: { DeliveryMedium: 'EMAIL' as const, Destination: 'a***@e***.com', AttributeName: 'email' },
    };
    cognito.on(ForgotPasswordCommand, { Username: 'ada@example.com' }).resolves(delivery);
    cognito.on(ForgotPasswordCommand, { Username: 'ann@example.com' }).resolves(delivery);
    expect(await forgot({ email: 'ann@example.com' })).toEqual(await forgot({ email: 'ada@example.com' }));
  });
});

describe('POST /forgot-password errors', () => {
  test('asking too often answers 429 TooManyRequests', async () => {
    cognito
      .on(ForgotPasswordCommand)
      .rejects(cognitoError('LimitExceededException', 'Attempt limit exceeded, please try after some time.'));
    const response = await forgot({ email: 'ada@example.com' });
    expect(response.statusCode).toBe(429);
    expect(parse(response).code).toBe('TooManyRequests');
  });

  test('Cognito refusing the request (no verified email, with existence errors on) answers 400 InvalidRequest without its wording', async () => {
    const message = 'Cannot reset password for the user as there is no registered/verified email or phone_number';
    cognito.on(ForgotPasswordCommand).rejects(cognitoError('InvalidParameterException', message));
    const response = await forgot({ email: 'ada@example.com' });
    expect(response.statusCode).toBe(400);
    expect(parse(response).code).toBe('InvalidRequest');
    expect(response.body).not.toContain('verified');
  });
});

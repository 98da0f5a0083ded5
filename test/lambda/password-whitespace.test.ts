import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { handler as resetPassword } from '../../lambda/reset-password';
import { handler as signUp } from '../../lambda/sign-up';
import { apiEvent, lambdaContext, parse } from '../support/events';

const cognito = mockClient(CognitoIdentityProviderClient);
beforeEach(() => {
  cognito.reset();
  process.env.USER_POOL_CLIENT_ID = 'client-123';
});

const RULE = { code: 'InvalidPassword', message: 'The password must not begin or end with a space or other whitespace.' };

describe('a new password with leading or trailing whitespace, which Cognito refuses, answers 400 InvalidPassword stating the rule', () => {
  test.each([' correct horse battery', 'correct horse battery ', '\tcorrect horse battery', 'correct horse battery\n'])(
    'sign-up with %j, without calling Cognito',
    async (password) => {
      const response = await signUp(
        apiEvent({ resource: '/sign-up', body: { email: 'ada@example.com', password } }),
        lambdaContext,
      );
      expect(response.statusCode).toBe(400);
      expect(parse(response)).toEqual(RULE);
      expect(cognito.calls()).toHaveLength(0);
    },
  );

  test('reset-password with a trailing space, without calling Cognito', async () => {
    const body = { email: 'ada@example.com', code: '123456', newPassword: 'a brand new passphrase ' };
    const response = await resetPassword(apiEvent({ resource: '/reset-password', body }), lambdaContext);
    expect(response.statusCode).toBe(400);
    expect(parse(response)).toEqual(RULE);
    expect(cognito.calls()).toHaveLength(0);
  });
});

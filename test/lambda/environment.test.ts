import type { APIGatewayProxyResult } from 'aws-lambda';
import type { HandlerEnvironment } from '../../contract/environment';
import { handler as privateRoute } from '../../lambda/private';
import { handler as signIn } from '../../lambda/sign-in';
import { apiEvent, captureLogs, lambdaContext, parse } from '../support/events';

/**
 * A variable the stack sets but the function does not find is a deployment fault: the wrapper
 * answers 500 in the envelope and logs which variable (lambda/api/environment.ts), whatever the
 * caller sent, never a 401 that would send a user to sign in again.
 */
const sub = '5f1c6a4e-0000-4000-8000-000000000000';
const cases: Array<[keyof HandlerEnvironment, () => Promise<APIGatewayProxyResult>]> = [
  [
    'USER_POOL_ID',
    () =>
      privateRoute(
        apiEvent({
          method: 'GET',
          resource: '/private',
          identity: {
            cognitoIdentityId: 'eu-west-1:7a8b9c0d-0000-4000-8000-000000000000',
            cognitoAuthenticationType: 'authenticated',
            cognitoAuthenticationProvider: `cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Pool1,cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Pool1:CognitoSignIn:${sub}`,
          },
        }),
        lambdaContext,
      ),
  ],
  [
    'USER_POOL_CLIENT_ID',
    () => signIn(apiEvent({ body: { email: 'ada@example.com', password: 'correct horse battery staple' } }), lambdaContext),
  ],
];

test.each(cases)('without %s: 500 InternalError, and a log line that names it', async (name, call) => {
  const saved = process.env[name];
  delete process.env[name];
  try {
    const { result, logs } = await captureLogs(call);
    expect(result.statusCode).toBe(500);
    expect(parse(result).code).toBe('InternalError');
    expect(logs).toContain(`The environment variable ${name} is not set on this function`);
  } finally {
    if (saved !== undefined) process.env[name] = saved;
  }
});

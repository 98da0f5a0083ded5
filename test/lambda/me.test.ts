import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { handler } from '../../lambda/me';
import { apiEvent, lambdaContext, parse } from '../support/events';

const cognito = mockClient(CognitoIdentityProviderClient);
const me = (claims?: Record<string, string>) => handler(apiEvent({ method: 'GET', resource: '/me', claims }), lambdaContext);

beforeEach(() => cognito.reset());

test('GET /me answers 200 with the caller’s sub, email and verified flag from the authorizer claims, without calling Cognito', async () => {
  const response = await me({ sub: 'sub-1', email: 'ada@example.com', email_verified: 'true', token_use: 'id' });
  expect(response.statusCode).toBe(200);
  expect(parse(response)).toEqual({ sub: 'sub-1', email: 'ada@example.com', emailVerified: true });
  expect(cognito).not.toHaveReceivedAnyCommand();
});

test.each([
  ['"false"', { email_verified: 'false' }],
  ['absent', {}],
])('GET /me with email_verified %s answers emailVerified false: claims are strings, so only "true" counts', async (_, claim) => {
  const response = await me({ sub: 'sub-1', email: 'ada@example.com', ...claim });
  expect(parse(response).emailVerified).toBe(false);
});

test('GET /me without authorizer claims answers 401 Unauthorized rather than trusting the request', async () => {
  const response = await me();
  expect(response.statusCode).toBe(401);
  expect(parse(response).code).toBe('Unauthorized');
});

import * as sdk from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { authorizationScopesOf, groupEnforcementOf, type RouteSpec, routes } from '../../contract/routes';
import { ACCESS_TOKEN_SCOPE, groupScope } from '../../contract/scopes';
import type { RouteHandler, RouteName } from '../../lambda/api/handler';
import { apiEvent, lambdaContext } from '../support/events';

/**
 * A group row (its request names a group) takes an access token: the token whose scope can name the
 * group, so that a deployment whose tokens carry group scopes lets the authorizer refuse non-members,
 * and the handler wrapper refuses them in every deployment.
 */
const groupRows = (routes as readonly RouteSpec[]).filter((route) => route.request?.group);
const cognito = mockClient(sdk.CognitoIdentityProviderClient);

beforeEach(() => {
  cognito.reset();
  cognito.onAnyCommand().resolves({});
  process.env.USER_POOL_ID = 'eu-west-1_Pool1';
  process.env.AWS_REGION = 'eu-west-1';
});

test('the table has group rows, each an access-token row', () => {
  expect(groupRows.length).toBeGreaterThan(0);
  for (const route of groupRows) expect([route.path, route.authorization]).toEqual([route.path, 'access-token']);
});

test.each(groupRows.map((route) => [`${route.method} ${route.path}`, route] as const))(
  '%s: the group scope where tokens carry it, else the access token scope and the handler alone',
  (_name, route) => {
    const group = route.request?.group as string;
    expect(authorizationScopesOf(route, { groupScopes: true })).toEqual([groupScope(group)]);
    expect(groupEnforcementOf(route, { groupScopes: true })).toBe('authorizer');
    expect(authorizationScopesOf(route, { groupScopes: false })).toEqual([ACCESS_TOKEN_SCOPE]);
    expect(groupEnforcementOf(route, { groupScopes: false })).toBe('handler');
  },
);

test('a row for everyone signed in keeps its scope, and is for no group', () => {
  const account = (routes as readonly RouteSpec[]).filter((r) => r.authorization === 'access-token' && !r.request?.group);
  expect(account.length).toBeGreaterThan(0);
  for (const route of account) {
    expect(authorizationScopesOf(route, { groupScopes: true })).toEqual([ACCESS_TOKEN_SCOPE]);
    expect(groupEnforcementOf(route, { groupScopes: true })).toBeUndefined();
  }
});

describe.each(groupRows.map((route) => [`${route.method} ${route.path}`, route] as const))('%s', (_name, route) => {
  const handler: RouteHandler<RouteName> = require(`../../lambda/${route.handler}`).handler;
  const call = (claims: Record<string, string>) =>
    handler(
      apiEvent({
        method: route.method,
        resource: route.path,
        pathParameters: { id: '7e3a9c1b-0000-4000-8000-000000000000', group: 'editor' },
        claims: { sub: '5f1c6a4e-0000-4000-8000-000000000000', ...claims },
        headers: { Authorization: 'Bearer access.jwt' },
      }),
      lambdaContext,
    );

  test('the wrapper answers 403 Forbidden to an access token of a non-member, before calling Cognito', async () => {
    const response = await call({ token_use: 'access', 'cognito:groups': 'editor' });
    expect([response.statusCode, JSON.parse(response.body).code]).toEqual([403, 'Forbidden']);
    expect(cognito.calls()).toHaveLength(0);
  });

  test("the wrapper answers 401 to a member's id token: a group row takes the access token", async () => {
    const response = await call({ token_use: 'id', 'cognito:groups': route.request?.group as string });
    expect([response.statusCode, JSON.parse(response.body).code]).toEqual([401, 'Unauthorized']);
    expect(cognito.calls()).toHaveLength(0);
  });

  test("a member's access token passes the group check", async () => {
    const response = await call({ token_use: 'access', 'cognito:groups': route.request?.group as string });
    expect([401, 403]).not.toContain(response.statusCode);
  });
});

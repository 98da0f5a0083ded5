import * as fs from 'node:fs';
import SwaggerParser from '@apidevtools/swagger-parser';
import { safeParse } from 'zod/mini';
import { statusOf } from '../../contract/errors';
import { errorResponse } from '../../contract/responses';
import { type RouteSpec, routes, routeTags, successesOf } from '../../contract/routes';
import { openApiDocument } from '../../lib/openapi';
import { OPENAPI_FILE, OPENAPI_HTTP_FILE, renderOpenApi } from '../../scripts/openapi';
import { responseChecker } from '../support/openapi-responses';

/** A media type as lib/openapi.ts writes it: one example, or one a code for an error. */
interface MediaType {
  readonly schema: { properties?: { code: { enum: string[] } } };
  readonly example?: unknown;
  readonly examples?: Record<string, { value: unknown }>;
}

/** The parts of an OpenAPI operation these tests read. */
interface Operation {
  readonly summary?: string;
  readonly description?: string;
  readonly tags?: string[];
  readonly security?: unknown;
  readonly requestBody?: { content: { 'application/json': MediaType } };
  readonly responses: Record<string, { content?: { 'application/json': MediaType } }>;
}

const document = openApiDocument() as {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
};
const operationOf = (route: RouteSpec): Operation => document.paths[route.path][route.method.toLowerCase()];
/** The error codes a response's envelope narrows `code` to; none when there is no such response. */
const codesIn = (response: Operation['responses'][string] | undefined): string[] =>
  response?.content?.['application/json'].schema.properties?.code.enum ?? [];

test('docs/openapi.json is the document the code generates (run npm run openapi after changing a route or a schema)', () => {
  expect(fs.readFileSync(OPENAPI_FILE, 'utf8')).toBe(renderOpenApi());
});

test('the document is valid OpenAPI 3.1, its $refs included (swagger-parser)', async () => {
  // validate() dereferences in place: a copy keeps the document above as generated.
  await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
  expect(document.openapi).toBe('3.1.0');
});

describe.each((routes as readonly RouteSpec[]).map((route) => ({ ...route, name: `${route.method} ${route.path}` })))(
  '$name',
  (route) => {
    test('has each of its success statuses, with its body schema or none', () => {
      for (const declared of successesOf(route)) {
        const success = operationOf(route).responses[declared.status];
        expect(success).toBeDefined();
        expect(success.content !== undefined).toBe(declared.body !== undefined);
      }
    });

    test('lists each code its handler answers under that code’s status, and InternalError under 500', () => {
      const { responses } = operationOf(route);
      for (const code of [...route.errors, 'InternalError' as const]) expect(codesIn(responses[statusOf[code]])).toContain(code);
    });

    test('lists API Gateway’s own 413, 429, 502 and 504, and 401 Unauthorized with its scheme exactly when authorized', () => {
      const operation = operationOf(route);
      const { responses } = operation;
      expect(codesIn(responses[413])).toContain('InvalidRequest');
      expect(codesIn(responses[429])).toContain('TooManyRequests');
      expect(codesIn(responses[502])).toEqual(['InternalError']);
      expect(codesIn(responses[504])).toEqual(['InternalError']);
      expect(codesIn(responses[401]).includes('Unauthorized')).toBe(route.authorization !== 'public');
      const security = {
        'id-token': [{ idToken: [] }],
        'access-token': [{ accessToken: ['aws.cognito.signin.user.admin'] }],
        iam: [{ sigV4: [] }],
      };
      // A public route says so with an empty list: Redocly's security-defined rule.
      expect(operation.security).toEqual(route.authorization === 'public' ? [] : security[route.authorization]);
    });

    test('has its summary, description and tag from the route table', () => {
      const operation = operationOf(route);
      expect(operation.summary).toBe(route.summary);
      expect(operation.description?.startsWith(route.description)).toBe(true);
      expect(operation.tags).toEqual([route.tag]);
    });

    test('its request example is a body its handler’s schema accepts', () => {
      const example = operationOf(route).requestBody?.content['application/json'].example;
      expect(example !== undefined).toBe(route.request?.body !== undefined);
      if (route.request?.body) expect(safeParse(route.request.body, example)).toEqual({ success: true, data: example });
    });

    test('each success example is a body of the declared schema', () => {
      for (const declared of successesOf(route)) {
        const example = operationOf(route).responses[declared.status].content?.['application/json'].example;
        expect(example !== undefined).toBe(declared.body !== undefined);
        if (declared.body) expect(safeParse(declared.body, example)).toEqual({ success: true, data: example });
      }
    });

    test('each error status has one example a code, each a valid envelope with that code', () => {
      const { responses } = operationOf(route);
      for (const [status, response] of Object.entries(responses)) {
        if (status === 'default' || Number(status) < 400) continue;
        const media = response.content?.['application/json'];
        const examples = Object.entries(media?.examples ?? {});
        expect(examples.map(([name]) => name)).toEqual(codesIn(response));
        for (const [code, { value }] of examples) {
          expect(safeParse(errorResponse, value)).toMatchObject({ success: true, data: { code } });
        }
      }
    });

    test('lists 403 AccessDenied and the unsigned call’s 404 NotFound exactly when SigV4-signed', () => {
      const { responses } = operationOf(route);
      expect(codesIn(responses[403]).includes('AccessDenied')).toBe(route.authorization === 'iam');
      // DELETE /passkeys/{id} answers NotFound of its own (an id the caller has no passkey with).
      expect(codesIn(responses[404]).includes('NotFound')).toBe(
        route.authorization === 'iam' || (route.errors as readonly string[]).includes('NotFound'),
      );
    });

    test('takes the request body its schema describes, or none', () => {
      expect(operationOf(route).requestBody !== undefined).toBe(route.request?.body !== undefined);
    });
  },
);

test('where API Gateway answers a status and code first, the example is its message (413, 401 Unauthorized)', () => {
  const example = (path: string, method: string, status: number, code: string) =>
    document.paths[path][method].responses[status].content?.['application/json'].examples?.[code].value;
  expect(example('/sign-up', 'post', 413, 'InvalidRequest')).toEqual({
    code: 'InvalidRequest',
    message: 'The request is too large.',
  });
  expect(example('/secret', 'get', 401, 'Unauthorized')).toEqual({
    code: 'Unauthorized',
    message: expect.stringMatching(/^A valid token is required in the Authorization header/),
  });
});

test('info names the license of package.json, and the tags are routeTags, each used, in their order', () => {
  const { info, tags } = document as unknown as { info: { license: unknown }; tags: Array<{ name: string }> };
  expect(info.license).toEqual({ name: 'MIT-0', identifier: 'MIT-0' });
  expect(tags.map((tag) => tag.name)).toEqual(Object.keys(routeTags));
});

test('a signed-in route answers 401 Unauthorized from the authorizer even when its handler never does', () => {
  const guarded: RouteSpec = {
    path: '/guarded',
    method: 'GET',
    handler: 'guarded',
    summary: 'Call a guarded route',
    description: 'A route behind the authorizer whose handler never refuses.',
    tag: 'Sample routes',
    authorization: 'id-token',
    success: { status: 200 },
    errors: [],
  };
  const { paths } = openApiDocument(undefined, [guarded]) as typeof document;
  expect(codesIn(paths['/guarded'].get.responses[401])).toEqual(['Unauthorized']);
});

test('the request schemas are strict JSON Schemas with the handlers’ limits', () => {
  expect(document.components.schemas.SignUpRequest).toMatchObject({
    type: 'object',
    required: ['email', 'password'],
    additionalProperties: false,
    properties: { email: { format: 'email', maxLength: 254 }, password: { minLength: 1, maxLength: 256 } },
  });
});

test('the SigV4 scheme is the one API Gateway exports for AWS_IAM, and a route that needs the identity pool says so', () => {
  const { components, paths } = openApiDocument() as typeof document & {
    components: { securitySchemes: Record<string, unknown> };
    paths: Record<string, Record<string, { description?: string }>>;
  };
  expect(components.securitySchemes.sigV4).toMatchObject({
    type: 'apiKey',
    name: 'Authorization',
    in: 'header',
    'x-amazon-apigateway-authtype': 'awsSigv4',
  });
  expect(paths['/private'].get.description).toMatch(/identityPool setting/);
  expect(paths['/secret'].get.description).not.toMatch(/setting/);
});

test("a group route's scope is its deployment's: the access token's by default, the group's where tokens carry group scopes", () => {
  type Security = { paths: Record<string, Record<string, { security: unknown; description: string }>> };
  const plain = openApiDocument() as Security;
  const scoped = openApiDocument(undefined, routes, 'rest', { groupScopes: true }) as Security;
  expect(plain.paths['/admin/users'].get.security).toEqual([{ accessToken: ['aws.cognito.signin.user.admin'] }]);
  expect(scoped.paths['/admin/users'].get.security).toEqual([{ accessToken: ['group/admin'] }]);
  // A route for everyone signed in keeps the access token's scope either way.
  expect(scoped.paths['/change-password'].post.security).toEqual([{ accessToken: ['aws.cognito.signin.user.admin'] }]);
  // Both documents say which way each deployment enforces the group.
  expect(plain.paths['/admin/users'].get.description).toMatch(/403 Forbidden.*requires the scope group\/admin/s);
});

describe('the HTTP flavor’s document (-c api=http, docs/openapi-http.json)', () => {
  const httpDocument = openApiDocument(undefined, undefined, 'http') as typeof document;
  const check = responseChecker(httpDocument);
  /** The bare `{"message"}` bodies a response's examples show: API Gateway's own. */
  const gatewayMessages = (route: RouteSpec, status: number): string[] =>
    Object.values(
      httpDocument.paths[route.path][route.method.toLowerCase()].responses[status]?.content?.['application/json'].examples ?? {},
    )
      .map(({ value }) => value as Record<string, unknown>)
      .filter((value) => Object.keys(value).join() === 'message')
      .map((value) => value.message as string);

  test('docs/openapi-http.json is the document the code generates (run npm run openapi after changing a route or a schema)', () => {
    expect(fs.readFileSync(OPENAPI_HTTP_FILE, 'utf8')).toBe(renderOpenApi('http'));
  });

  test('is valid OpenAPI 3.1, its $refs included (swagger-parser)', async () => {
    await expect(SwaggerParser.validate(structuredClone(httpDocument) as never)).resolves.toBeDefined();
  });

  test.each((routes as readonly RouteSpec[]).map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s lists the HTTP API’s fixed bodies where it answers them, and none of the REST API’s gateway responses',
    (_name, route) => {
      const jwt = route.authorization === 'id-token' || route.authorization === 'access-token';
      expect(gatewayMessages(route, 413)).toEqual(['Request Entity Too Large']);
      expect(gatewayMessages(route, 429)).toEqual(['Too Many Requests']);
      expect(gatewayMessages(route, 500)).toEqual(['Internal Server Error']);
      expect(gatewayMessages(route, 401)).toEqual(jwt ? ['Unauthorized'] : []);
      expect(gatewayMessages(route, 403)).toEqual(
        route.authorization === 'access-token' || route.authorization === 'iam' ? ['Forbidden'] : [],
      );
      // The REST API's INTEGRATION_FAILURE / INTEGRATION_TIMEOUT gateway responses have no HTTP counterpart.
      const { responses } = httpDocument.paths[route.path][route.method.toLowerCase()];
      expect([responses[502], responses[504]]).toEqual([undefined, undefined]);
      // Each example fits its own response's schema: the handler's envelope or the gateway's body.
      for (const [status, response] of Object.entries(responses)) {
        if (status === 'default' || Number(status) < 400) continue;
        for (const { value } of Object.values(response.content?.['application/json'].examples ?? {}))
          expect(check(route.path, route.method, Number(status), value)).toEqual([]);
      }
    },
  );

  test('a bare {"message"} fits only where API Gateway answers it, and the envelope still only with a code of that status', () => {
    expect(check('/me', 'GET', 401, { message: 'Unauthorized' })).toEqual([]);
    expect(check('/sign-in', 'POST', 400, { message: 'Bad Request' })).not.toEqual([]);
    expect(check('/me', 'GET', 401, { code: 'NotFound', message: 'x' })).not.toEqual([]);
    // The REST document has no such body anywhere.
    expect(responseChecker(document)('/me', 'GET', 401, { message: 'Unauthorized' })).not.toEqual([]);
  });

  test('names the JWT authorizer, not the REST API’s Cognito user pools authorizer', () => {
    const text = JSON.stringify(httpDocument);
    expect(text).toContain('JWT authorizer');
    expect(text).not.toContain('Cognito user pools authorizer');
  });
});

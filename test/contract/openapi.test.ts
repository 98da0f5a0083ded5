import * as fs from 'node:fs';
import SwaggerParser from '@apidevtools/swagger-parser';
import { statusOf } from '../../lambda/api/errors';
import { openApiDocument } from '../../lib/openapi';
import { type RouteSpec, routes, successesOf } from '../../lib/routes';
import { OPENAPI_FILE, renderOpenApi } from '../../scripts/openapi';

/** The parts of an OpenAPI operation these tests read. */
interface Operation {
  readonly security?: unknown;
  readonly requestBody?: unknown;
  readonly responses: Record<
    string,
    { content?: { 'application/json': { schema: { properties?: { code: { enum: string[] } } } } } }
  >;
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
      expect(codesIn(responses[401]).includes('Unauthorized')).toBe(route.authorization !== undefined);
      const security = {
        'id-token': [{ idToken: [] }],
        'access-token': [{ accessToken: ['aws.cognito.signin.user.admin'] }],
        iam: [{ sigV4: [] }],
      };
      expect(operation.security).toEqual(route.authorization && security[route.authorization]);
    });

    test('lists 403 AccessDenied and the unsigned call’s 404 NotFound exactly when SigV4-signed', () => {
      const { responses } = operationOf(route);
      expect(codesIn(responses[403]).includes('AccessDenied')).toBe(route.authorization === 'iam');
      expect(codesIn(responses[404]).includes('NotFound')).toBe(route.authorization === 'iam');
    });

    test('takes the request body its schema describes, or none', () => {
      expect(operationOf(route).requestBody !== undefined).toBe(route.body !== undefined);
    });
  },
);

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
  expect(paths['/secret'].get.description).toBeUndefined();
});

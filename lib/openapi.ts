import { toJSONSchema } from 'zod/mini';
import type { $ZodType } from 'zod/v4/core';
import { type ErrorCode, statusOf } from '../contract/errors';
import type { RouteRequest } from '../contract/requests';
import * as requestDeclarations from '../contract/requests';
import * as responseBodies from '../contract/responses';
import {
  authorizationScopesOf,
  type RouteSpec,
  requirementOf,
  routes,
  routeTags,
  type ScopeSettings,
  type SuccessSpec,
  successesOf,
} from '../contract/routes';
import { ACCESS_TOKEN_SCOPE, groupScope } from '../contract/scopes';
import { license, version } from '../package.json';
import type { AuthApiConfig } from './config';
import { type GatewayError, gatewayErrorsFor } from './gateway-responses';
import { httpApiAnswers } from './http-api-answers';
import { errorMessageExamples, exampleOf, gatewayMessageExample } from './openapi-examples';

type JsonObject = Record<string, unknown>;

/**
 * API Gateway's own answers that any route can meet (lib/gateway-responses.ts). UNAUTHORIZED is
 * added on the routes behind the authorizer; MISSING_AUTHENTICATION_TOKEN (404 NotFound) answers a
 * path or method that no route has, so it belongs to no operation; QUOTA_EXCEEDED needs a usage
 * plan, and the stack has none; DEFAULT_4XX and DEFAULT_5XX are the `default` response.
 */
const GATEWAY_ERRORS_OF_EVERY_ROUTE = ['THROTTLED', 'REQUEST_TOO_LARGE', 'INTEGRATION_FAILURE', 'INTEGRATION_TIMEOUT'];
const GATEWAY_ERRORS_OF_SIGNED_IN_ROUTES = ['UNAUTHORIZED'];
/** A SigV4 route's refusals; an unsigned request to it meets MISSING_AUTHENTICATION_TOKEN, 404 NotFound. */
const GATEWAY_ERRORS_OF_SIGNED_ROUTES = ['MISSING_AUTHENTICATION_TOKEN', 'INVALID_SIGNATURE', 'EXPIRED_TOKEN', 'ACCESS_DENIED'];

/** Which API Gateway answers before the handlers: the REST API's in the envelope, the HTTP API's in its fixed bodies. */
type ApiFlavor = AuthApiConfig['api'];
type HttpApiAnswer = (typeof httpApiAnswers)[keyof typeof httpApiAnswers];

/**
 * The HTTP API's own answers a route can meet (lib/http-api-answers.ts, docs/http-api.md): a body
 * too large, a throttle and a failed function on every route; 401 on a JWT route; 403 on an
 * access-token route whose scope the token lacks (the status is unverified, docs/http-api.md); 403
 * on a SigV4 route, unsigned or refused (a refused signature's message says why). An unknown route's
 * 404 belongs to no operation.
 */
function httpAnswersOf(route: RouteSpec): HttpApiAnswer[] {
  const { tooLarge, throttled, integrationFailure, unauthorized, forbidden } = httpApiAnswers;
  return [
    tooLarge,
    throttled,
    integrationFailure,
    ...(route.authorization === 'id-token' || route.authorization === 'access-token' ? [unauthorized] : []),
    ...(route.authorization === 'access-token' || route.authorization === 'iam' ? [forbidden] : []),
  ];
}

/** The security scheme of each kind of route authorization (contract/routes.ts). */
const SECURITY_SCHEMES = { 'id-token': 'idToken', 'access-token': 'accessToken', iam: 'sigV4' } as const;

/**
 * The API's OpenAPI 3.1 document, from the route table, the request and response schemas, the
 * error table and the gateway responses: nothing in it is written twice. `npm run openapi` writes
 * it to docs/openapi.json (test/contract/openapi.test.ts fails when that file is stale); local mode
 * serves it with its own URL as the server.
 *
 * @param apiUrl the stack's ApiUrl output; by default a server variable the reader fills in.
 * @param table the routes to describe; tests pass others.
 * @param flavor the API Gateway in front (`-c api`), whose own answers the document lists:
 *   docs/openapi.json is the REST API's, docs/openapi-http.json the HTTP API's.
 * @param scopes whether the deployment's access tokens carry group scopes, which its group routes
 *   then require (contract/routes.ts authorizationScopesOf); the committed documents say without.
 */
export function openApiDocument(
  apiUrl?: string,
  table: readonly RouteSpec[] = routes,
  flavor: ApiFlavor = 'rest',
  scopes: ScopeSettings = { groupScopes: false },
): JsonObject {
  const components = new ComponentSchemas();
  const paths: Record<string, JsonObject> = {};
  const gatewayErrors =
    flavor === 'http' ? [] : gatewayErrorsFor({ signedRoutes: table.some((route) => route.authorization === 'iam') });
  for (const route of table) {
    paths[route.path] = {
      ...paths[route.path],
      [route.method.toLowerCase()]: operation(route, components, gatewayErrors, flavor, scopes),
    };
  }
  const authorizer = flavor === 'http' ? 'JWT authorizer' : 'Cognito user pools authorizer';
  return {
    openapi: '3.1.0',
    info: {
      title: 'cognito-auth-api',
      version,
      description:
        flavor === 'http'
          ? 'Email/password authentication on Amazon Cognito, behind an API Gateway HTTP API. Every failure of a handler ' +
            'answers {"code","message"}: match on code, the message is for people. API Gateway\'s own refusals (no or a bad ' +
            'token, a missing scope, an unsigned request, throttling) are its fixed {"message"} bodies, matched by status; a ' +
            'path or method no route has answers 404 {"message":"Not Found"}.'
          : 'Email/password authentication on Amazon Cognito. Every failure answers {"code","message"}: match on code, ' +
            'the message is for people. A path or method no route has answers 404 NotFound.',
      license: { name: license, identifier: license },
      contact: { name: 'cognito-auth-api' },
    },
    // A path is appended to the server URL, so the URL does not end in a slash (ApiUrl does).
    servers: [
      apiUrl
        ? { url: apiUrl.replace(/\/$/, '') }
        : {
            url: '{apiUrl}',
            // On the server, not the variable: the OAS 3.1 JSON schema swagger-parser validates with
            // spells the variable's field "descriptions", and refuses "description".
            description: "The stack's ApiUrl output, without its final slash.",
            variables: { apiUrl: { default: 'http://127.0.0.1:3000/dev' } },
          },
    ],
    // Only the groups the table uses, in routeTags' order: the reference page lists them so.
    tags: Object.entries(routeTags)
      .filter(([name]) => table.some((route) => route.tag === name))
      .map(([name, description]) => ({ name, description })),
    paths,
    components: {
      schemas: components.all(),
      securitySchemes: {
        [SECURITY_SCHEMES['id-token']]: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'The id token sign-in returned, in Authorization (after "Bearer " or bare), checked by the ' +
            `${authorizer}: its signature, issuer, audience and expiry.`,
        },
        [SECURITY_SCHEMES['access-token']]: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'The access token sign-in returned, in Authorization (after "Bearer " or bare), checked by the ' +
            `${authorizer} (signature, issuer, expiry and the scope ${ACCESS_TOKEN_SCOPE}: an id token is refused), then by ` +
            'Cognito itself, which also refuses a revoked one.',
        },
        // OpenAPI has no SigV4 scheme; this is how API Gateway itself exports an AWS_IAM method:
        // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authtype.html
        [SECURITY_SCHEMES.iam]: {
          type: 'apiKey',
          name: 'Authorization',
          in: 'header',
          'x-amazon-apigateway-authtype': 'awsSigv4',
          description:
            'AWS Signature Version 4 (service execute-api) with the temporary credentials POST /credentials returns, their ' +
            "session token in X-Amz-Security-Token, checked by API Gateway (AWS_IAM) against the identity pool role's policy.",
        },
      },
    },
  };
}

function operation(
  route: RouteSpec,
  components: ComponentSchemas,
  gatewayErrors: readonly GatewayError[],
  flavor: ApiFlavor,
  scopes: ScopeSettings,
): JsonObject {
  return {
    operationId: route.handler.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase()),
    summary: route.summary,
    description: [route.description, groupOf(route), route.requires && `Only ${requirementOf(route)}.`]
      .filter(Boolean)
      .join('\n\n'),
    tags: [route.tag],
    // An empty list says "public" outright, where no `security` at all could be an omission; OAS 3.1
    // lets a bearer scheme list the scopes it needs.
    security:
      route.authorization === 'public' ? [] : [{ [SECURITY_SCHEMES[route.authorization]]: authorizationScopesOf(route, scopes) }],
    ...(parametersOf(route.request).length > 0 ? { parameters: parametersOf(route.request) } : {}),
    ...(route.request?.body
      ? { requestBody: { required: true, content: { 'application/json': components.body(route.request.body, 'input') } } }
      : {}),
    responses: {
      ...Object.fromEntries(successesOf(route).map((success) => [success.status, successResponse(success, components)])),
      ...errorResponses(route, components, gatewayErrors, flavor),
    },
  };
}

/** Who a group row is for, and which way each deployment refuses the others (contract/routes.ts groupEnforcementOf). */
function groupOf(route: RouteSpec): string | undefined {
  const group = route.request?.group;
  if (!group) return undefined;
  return (
    `For members of the group ${group} (the access token's cognito:groups); the function answers anyone else 403 Forbidden. ` +
    `With -c rolesClaim=true on the Essentials or Plus plan the authorizer requires the scope ${groupScope(group)} ` +
    "instead, which the pre token generation trigger puts in members' access tokens, and refuses anyone else first."
  );
}

function successResponse({ body, description }: SuccessSpec, components: ComponentSchemas): JsonObject {
  if (!body) return { description: description ?? 'Success, with no body.' };
  return { description: description ?? 'Success.', content: { 'application/json': components.body(body, 'output') } };
}

/**
 * One response a status, its envelope's `code` narrowed to the codes this route can answer with it;
 * with the HTTP API in front, its fixed `{"message"}` body beside the envelope where it answers that status.
 */
function errorResponses(
  route: RouteSpec,
  components: ComponentSchemas,
  gatewayErrors: readonly GatewayError[],
  flavor: ApiFlavor,
): JsonObject {
  const gatewayTypes = [
    ...GATEWAY_ERRORS_OF_EVERY_ROUTE,
    ...(route.authorization === 'id-token' || route.authorization === 'access-token' ? GATEWAY_ERRORS_OF_SIGNED_IN_ROUTES : []),
    ...(route.authorization === 'iam' ? GATEWAY_ERRORS_OF_SIGNED_ROUTES : []),
  ];
  const fromGateway = gatewayErrors
    .filter((e) => gatewayTypes.includes(e.type.responseType))
    .map((e) => ({ status: e.status ?? statusOf[e.code], code: e.code, template: e.message }));
  const answers: Array<{ status: number; code: ErrorCode }> = [
    ...[...route.errors, 'InternalError' as const].map((code) => ({ status: statusOf[code], code })),
    ...fromGateway,
  ];
  const codesByStatus = new Map<number, Set<ErrorCode>>();
  for (const { status, code } of answers) codesByStatus.set(status, (codesByStatus.get(status) ?? new Set()).add(code));
  // Where API Gateway answers a status and code too, it answers first (authorizer, throttle, size): its words are the example.
  const example = (status: number, code: ErrorCode) => {
    const gateway = fromGateway.find((answer) => answer.status === status && answer.code === code);
    return { code, message: (gateway && gatewayMessageExample(gateway.template)) ?? errorMessageExamples[code] };
  };

  const envelope = components.ref(responseBodies.errorResponse, 'output');
  const responses: JsonObject = {};
  if (flavor === 'http') return httpErrorResponses(route, codesByStatus, envelope, example, components);
  for (const [status, codes] of [...codesByStatus].sort(([a], [b]) => a - b)) {
    const sorted = [...codes].sort();
    responses[status] = {
      description: sorted.join(', '),
      content: {
        'application/json': {
          schema: { ...envelope, properties: { code: { enum: sorted } } },
          examples: Object.fromEntries(sorted.map((code) => [code, { summary: code, value: example(status, code) }])),
        },
      },
    };
  }
  responses.default = {
    description: "Any other answer of API Gateway's (its DEFAULT_4XX and DEFAULT_5XX gateway responses), in the same envelope.",
    content: {
      'application/json': {
        schema: envelope,
        // DEFAULT_5XX's wording is ours (lib/gateway-responses.ts); DEFAULT_4XX passes on API Gateway's own.
        example: { code: 'InternalError', message: errorMessageExamples.InternalError },
      },
    },
  };
  return responses;
}

/**
 * The HTTP flavor's error responses: the handler's envelope at its statuses, API Gateway's fixed
 * `{"message"}` body at its own (httpAnswersOf), either of the two where both answer a status.
 */
function httpErrorResponses(
  route: RouteSpec,
  codesByStatus: ReadonlyMap<number, ReadonlySet<ErrorCode>>,
  envelope: { $ref: string },
  example: (status: number, code: ErrorCode) => unknown,
  components: ComponentSchemas,
): JsonObject {
  const gatewayMessage = components.named('GatewayMessage', {
    type: 'object',
    description: "API Gateway's own answer: an HTTP API cannot change these bodies.",
    properties: { message: { type: 'string' } },
    required: ['message'],
    additionalProperties: false,
  });
  const gateway = httpAnswersOf(route);
  const statuses = [...new Set([...codesByStatus.keys(), ...gateway.map((answer) => answer.status)])].sort((a, b) => a - b);
  const responses: JsonObject = {};
  for (const status of statuses) {
    const codes = [...(codesByStatus.get(status) ?? [])].sort();
    const fromGateway = gateway.filter((answer) => answer.status === status);
    const narrowed = { ...envelope, properties: { code: { enum: codes } } };
    const schemas = [...(codes.length > 0 ? [narrowed] : []), ...(fromGateway.length > 0 ? [gatewayMessage] : [])];
    responses[status] = {
      description: [...codes, ...fromGateway.map((answer) => `API Gateway's {"message":"${answer.message}"}`)].join(', '),
      content: {
        'application/json': {
          schema: schemas.length === 1 ? schemas[0] : { anyOf: schemas },
          examples: Object.fromEntries([
            ...codes.map((code) => [code, { summary: code, value: example(status, code) }]),
            ...fromGateway.map((answer) => [
              'gateway',
              { summary: `API Gateway: ${answer.message}`, value: { message: answer.message } },
            ]),
          ]),
        },
      },
    };
  }
  responses.default = {
    description: 'Any other answer: a handler\'s envelope, or API Gateway\'s own {"message"} body.',
    content: {
      'application/json': {
        schema: { anyOf: [envelope, gatewayMessage] },
        example: { message: httpApiAnswers.integrationFailure.message },
      },
    },
  };
  return responses;
}

/** Each request declaration's body schema, under the declaration's name (`signUpRequest`). */
function requestBodies(): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(requestDeclarations).flatMap(([name, value]) =>
      typeof value === 'object' && value !== null && 'body' in value ? [[name, value.body]] : [],
    ),
  );
}

/**
 * The path's `{parameters}` and the query string's, each described from its schema (OpenAPI's
 * Parameter Object: a path parameter is always required).
 */
function parametersOf(request: RouteRequest | undefined): JsonObject[] {
  const described = (schema: $ZodType | undefined, where: 'path' | 'query') => {
    if (!schema) return [];
    const { properties = {}, required = [] } = toJSONSchema(schema, { io: 'input' }) as {
      properties?: Record<string, JsonObject>;
      required?: string[];
    };
    return Object.entries(properties).map(([name, schema]) => ({
      name,
      in: where,
      required: where === 'path' || required.includes(name),
      schema,
    }));
  };
  return [...described(request?.params, 'path'), ...described(request?.query, 'query')];
}

/**
 * The schemas under components/schemas, each named after its export (`signUpRequest` →
 * `SignUpRequest`), so that a body two routes share is declared once in the document too.
 */
class ComponentSchemas {
  private readonly names = new Map<$ZodType, string>(
    Object.entries({ ...requestBodies(), ...responseBodies }).flatMap(([name, value]) =>
      typeof value === 'object' && value !== null && '_zod' in value
        ? [[value as $ZodType, name[0].toUpperCase() + name.slice(1)] as const]
        : [],
    ),
  );
  private readonly schemas: Record<string, JsonObject> = {};

  /** `io` picks the side zod describes: what a request may send, or what a response holds. */
  ref(schema: $ZodType, io: 'input' | 'output'): { $ref: string } {
    const name = this.names.get(schema);
    if (!name) throw new Error('A route names a schema that contract/requests.ts or contract/responses.ts does not export');
    // OpenAPI 3.1's schemas are JSON Schema 2020-12, zod's default target; the dialect is the document's.
    const { $schema: _dialect, ...jsonSchema } = toJSONSchema(schema, { io });
    this.schemas[name] = jsonSchema;
    return { $ref: `#/components/schemas/${name}` };
  }

  /** A media type's schema, and an example made from it (lib/openapi-examples.ts). */
  body(schema: $ZodType, io: 'input' | 'output'): { schema: { $ref: string }; example: unknown } {
    const ref = this.ref(schema, io);
    const name = ref.$ref.split('/').pop() as string;
    return { schema: ref, example: exampleOf(this.schemas[name], name) };
  }

  /** A schema of the document's own, not of the contract's (the HTTP API's fixed bodies). */
  named(name: string, schema: JsonObject): { $ref: string } {
    this.schemas[name] = schema;
    return { $ref: `#/components/schemas/${name}` };
  }

  all(): Record<string, JsonObject> {
    return Object.fromEntries(Object.entries(this.schemas).sort(([a], [b]) => a.localeCompare(b)));
  }
}

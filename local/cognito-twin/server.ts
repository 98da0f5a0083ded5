import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TwinContext } from './context';
import { CognitoError, errors } from './errors';
import type { IdentityPoolSettings } from './identity-pool';
import { mailTo } from './mailbox';
import { identityOperationsFor, operationsFor } from './operations';
import type { JsonObject } from './request';

const USER_POOL_TARGET = 'AWSCognitoIdentityProviderService.';
/** Cognito Identity (identity pools) speaks the same protocol under its own target prefix. */
const IDENTITY_POOL_TARGET = 'AWSCognitoIdentityService.';
const JSON_1_1 = 'application/x-amz-json-1.1';
/** Far above any Cognito request; stops a runaway client from filling memory. */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The wire protocol, as the AWS SDK speaks it to Cognito (awsJson1_1): `POST /` with
 * `X-Amz-Target: AWSCognitoIdentityProviderService.<Operation>` and a JSON body. Errors are
 * `{"__type", "message"}` with the type also in `x-amzn-ErrorType`, which is what the SDK turns
 * into its exception classes. Besides the API it serves the pool's discovery documents and the
 * local mailbox.
 */
export function createRequestHandler(context: TwinContext, identityPool?: IdentityPoolSettings) {
  const jwksPath = `/${context.settings.poolId}/.well-known/jwks.json`;
  const discoveryPath = `/${context.settings.poolId}/.well-known/openid-configuration`;
  const operations = { user: operationsFor(context), identity: identityOperationsFor(context, identityPool) };

  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://twin');
    if (request.method === 'POST' && url.pathname === '/') return answerApiCall(context, operations, request, response);
    if (request.method === 'GET' && url.pathname === jwksPath) return sendJson(response, 200, context.tokens.jwks());
    if (request.method === 'GET' && url.pathname === discoveryPath) return sendJson(response, 200, discoveryDocument(context));
    if (request.method === 'GET' && url.pathname === '/_local/mailbox') {
      return sendJson(response, 200, mailTo(context.state.mailbox(), url.searchParams.get('to')));
    }
    sendJson(response, 404, { message: `UserPoolTwin has nothing at ${request.method} ${url.pathname}` });
  };
}

async function answerApiCall(
  context: TwinContext,
  operations: { user: ReturnType<typeof operationsFor>; identity: ReturnType<typeof operationsFor> },
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const target = String(request.headers['x-amz-target'] ?? '');
  const ofService = target.startsWith(IDENTITY_POOL_TARGET) ? operations.identity : operations.user;
  const operationName = target.replace(USER_POOL_TARGET, '').replace(IDENTITY_POOL_TARGET, '');
  try {
    const operation = Object.hasOwn(ofService, operationName) ? ofService[operationName] : undefined;
    if (!operation) throw errors.unknownOperation(operationName || '(no X-Amz-Target)', Object.keys(ofService));
    const output = await operation(await readJsonObject(request));
    await context.journal.settled();
    sendJson(response, 200, output, JSON_1_1);
  } catch (error) {
    const known = error instanceof CognitoError ? error : errors.internal();
    if (known !== error) context.log(`[cognito-twin] ${operationName} failed: ${(error as Error).stack ?? String(error)}`);
    if (known === error) await context.journal.settled().catch(() => undefined);
    response.setHeader('x-amzn-ErrorType', known.type);
    sendJson(response, known.httpStatus, { __type: known.type, message: known.message }, JSON_1_1);
  }
}

async function readJsonObject(request: IncomingMessage): Promise<JsonObject> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw errors.bodyTooLarge(MAX_BODY_BYTES);
    chunks.push(chunk);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw errors.malformedJson();
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw errors.malformedJson();
  return body as JsonObject;
}

/** The subset of Cognito's discovery document a token verifier reads. */
function discoveryDocument(context: TwinContext) {
  return {
    issuer: context.tokens.issuer,
    jwks_uri: `${context.tokens.issuer}/.well-known/jwks.json`,
    response_types_supported: ['code', 'token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    scopes_supported: ['openid', 'email', 'phone', 'profile'],
  };
}

function sendJson(response: ServerResponse, status: number, body: unknown, contentType = 'application/json'): void {
  response.writeHead(status, { 'content-type': contentType, 'x-amzn-RequestId': randomUUID() });
  response.end(JSON.stringify(body));
}

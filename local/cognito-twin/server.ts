import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { LocalClock } from '../local-clock';
import type { TwinContext } from './context';
import { CognitoError, errors } from './errors';
import { authorizeIamCall, type IamPrincipals } from './iam-callers';
import type { IdentityPoolSettings } from './identity-pool';
import { mailTo } from './mailbox';
import { adminOperationsFor, identityOperationsFor, operationsFor } from './operations';
import type { JsonObject } from './request';
import { assertRequestConforms } from './request-constraints';
import type { PoolSettings } from './settings';

const USER_POOL_TARGET = 'AWSCognitoIdentityProviderService.';
/** Cognito Identity (identity pools) speaks the same protocol under its own target prefix. */
const IDENTITY_POOL_TARGET = 'AWSCognitoIdentityService.';
const JSON_1_1 = 'application/x-amz-json-1.1';
/** Far above any Cognito request; stops a runaway client from filling memory. */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The wire protocol, as the AWS SDK speaks it to Cognito (awsJson1_1): `POST /` with
 * `X-Amz-Target: AWSCognitoIdentityProviderService.<Operation>` and a JSON body. Errors are
 * `{"__type", "message"}`, with the headers Cognito sends beside them: `x-amzn-ErrorType: <type>:`
 * (the SDK reads the type up to the colon) and `x-amzn-ErrorMessage`. The protocol answers CORS
 * preflights, as Cognito does, so a browser SDK (Amplify) can call it from a page. Besides the API
 * it serves the pool's discovery documents and the local mailbox, which gets no CORS header at
 * all: it holds live codes, and a page of any site must not read it from a developer's machine.
 * `origin` is the twin's own `http://<host>:<port>`, where it serves the keys.
 */
export function createRequestHandler(
  context: TwinContext,
  origin: string,
  clock: LocalClock,
  iam: IamSettings,
  identityPool?: IdentityPoolSettings,
) {
  const keysPath = jwksPath(context.settings);
  const discoveryPath = `/${context.settings.poolId}/.well-known/openid-configuration`;
  const operations: Operations = {
    user: operationsFor(context),
    admin: adminOperationsFor(context),
    identity: identityOperationsFor(context, identityPool),
  };

  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://twin');
    if (url.pathname === '/' && request.method === 'OPTIONS') return answerPreflight(request, response);
    if (url.pathname === '/' && request.method === 'POST') {
      allowAnyOrigin(response);
      return answerApiCall(context, operations, iam, request, response);
    }
    if (request.method === 'GET' && url.pathname === keysPath) return sendJson(response, 200, context.tokens.jwks());
    if (request.method === 'GET' && url.pathname === discoveryPath)
      return sendJson(response, 200, discoveryDocument(context, origin));
    if (request.method === 'GET' && url.pathname === '/_local/mailbox') {
      return sendJson(response, 200, mailTo(context.state.mailbox(), url.searchParams.get('to')));
    }
    if (url.pathname === '/_local/clock') return answerClock(clock, request, response);
    sendJson(response, 404, { message: `UserPoolTwin has nothing at ${request.method} ${url.pathname}` });
  };
}

type Operations = Record<'user' | 'admin' | 'identity', ReturnType<typeof operationsFor>>;

/** Who may call the IAM-authorized operations, and the clock their signatures are held to. */
export interface IamSettings {
  principals: IamPrincipals;
  /** The pool's ARN in IAM policies. */
  poolArn: string;
  /** The machine's clock, which the SDK signs with, even when local mode's clock was moved. */
  signingNow: () => number;
}

async function answerApiCall(
  context: TwinContext,
  operations: Operations,
  iam: IamSettings,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const target = String(request.headers['x-amz-target'] ?? '');
  const ofService = target.startsWith(IDENTITY_POOL_TARGET) ? operations.identity : { ...operations.user, ...operations.admin };
  const operationName = target.replace(USER_POOL_TARGET, '').replace(IDENTITY_POOL_TARGET, '');
  try {
    const operation = Object.hasOwn(ofService, operationName) ? ofService[operationName] : undefined;
    if (!operation) throw errors.unknownOperation(operationName || '(no X-Amz-Target)', Object.keys(ofService));
    const raw = await readBody(request);
    // Before the body is read as JSON: AWS authenticates a request before it validates it.
    if (!target.startsWith(IDENTITY_POOL_TARGET) && Object.hasOwn(operations.admin, operationName)) {
      const url = new URL(request.url ?? '/', 'http://twin');
      const signed = {
        method: request.method ?? 'POST',
        rawPath: url.pathname,
        query: url.searchParams,
        headers: request.headers,
        body: raw,
      };
      const region = context.settings.region;
      await authorizeIamCall(signed, operationName, { region, poolArn: iam.poolArn }, iam.principals, iam.signingNow);
    }
    const body = parseJsonObject(raw);
    assertRequestConforms(operationName, body);
    const output = await operation(body);
    await context.journal.settled();
    sendJson(response, 200, output, JSON_1_1);
  } catch (error) {
    const known = error instanceof CognitoError ? error : errors.internal();
    if (known !== error) context.log(`[cognito-twin] ${operationName} failed: ${(error as Error).stack ?? String(error)}`);
    if (known === error) await context.journal.settled().catch(() => undefined);
    response.setHeader('x-amzn-ErrorType', `${known.type}:`);
    response.setHeader('x-amzn-ErrorMessage', known.message.replace(/[^\x20-\x7e]/g, '?'));
    sendJson(response, known.httpStatus, { __type: known.type, message: known.message }, JSON_1_1);
  }
}

/** Ten years: far beyond any lifetime the pool can set (refresh tokens: 3,650 days at most). */
const MAX_ADVANCE_SECONDS = 10 * 365 * 24 * 60 * 60;
const clockAdvance = z.strictObject({ advanceSeconds: z.int().min(1).max(MAX_ADVANCE_SECONDS) });

/**
 * `/_local/clock`: GET reads local mode's clock, POST `{"advanceSeconds": N}` moves it forward,
 * DELETE puts it back to the machine's time. Like the mailbox it sends no CORS header; POST also
 * wants `Content-Type: application/json`, which a page of another site can send only after a
 * preflight this path never grants, so no web page can move a developer's clock.
 */
async function answerClock(clock: LocalClock, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const refuse = (status: number, message: string) => sendJson(response, status, { message });
  if (request.method === 'GET') return sendJson(response, 200, clock.reading());
  if (request.method === 'DELETE') {
    clock.reset();
    return sendJson(response, 200, clock.reading());
  }
  if (request.method !== 'POST') {
    response.setHeader('Allow', 'GET, POST, DELETE');
    return refuse(405, `${request.method} is not allowed on /_local/clock: GET reads it, POST advances it, DELETE resets it.`);
  }
  if (!/^application\/json\s*(;|$)/i.test(request.headers['content-type'] ?? '')) {
    return refuse(415, 'Send the body as JSON, with Content-Type: application/json.');
  }
  let body: unknown;
  try {
    body = await readJsonObject(request);
  } catch {
    return refuse(400, 'The body is not a JSON object: send {"advanceSeconds": N}.');
  }
  const parsed = clockAdvance.safeParse(body);
  if (!parsed.success) {
    return refuse(
      400,
      `Send {"advanceSeconds": N}, N a whole number of seconds from 1 to ${MAX_ADVANCE_SECONDS}: the clock only moves forward (DELETE resets it).`,
    );
  }
  clock.advance(parsed.data.advanceSeconds);
  return sendJson(response, 200, clock.reading());
}

async function readJsonObject(request: IncomingMessage): Promise<JsonObject> {
  return parseJsonObject(await readBody(request));
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw errors.bodyTooLarge(MAX_BODY_BYTES);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function parseJsonObject(raw: Buffer): JsonObject {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    throw errors.malformedJson();
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw errors.malformedJson();
  return body as JsonObject;
}

/** Where the twin serves the pool's JWKS, under the pool id as Cognito does under its issuer. */
export function jwksPath(settings: Pick<PoolSettings, 'poolId'>): string {
  return `/${settings.poolId}/.well-known/jwks.json`;
}

/**
 * The subset of Cognito's discovery document a token verifier reads: the issuer is Cognito's, the
 * keys are the ones this twin serves.
 */
function discoveryDocument(context: TwinContext, localOrigin: string) {
  return {
    issuer: context.tokens.issuer,
    jwks_uri: `${localOrigin}${jwksPath(context.settings)}`,
    response_types_supported: ['code', 'token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    scopes_supported: ['openid', 'email', 'phone', 'profile'],
  };
}

/** The SDK reads the request id and error headers of a cross-origin answer only if they are exposed. */
const EXPOSED_HEADERS = 'x-amzn-RequestId, x-amzn-ErrorType, x-amzn-ErrorMessage, Date';

function allowAnyOrigin(response: ServerResponse): void {
  response.setHeader('Access-Control-Allow-Origin', '*');
  response.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
}

/** The API is unauthenticated, like Cognito's public operations, so any origin may call it. */
function answerPreflight(request: IncomingMessage, response: ServerResponse): void {
  response.writeHead(204, {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Methods': 'POST',
    'Access-Control-Allow-Headers': request.headers['access-control-request-headers'] ?? 'content-type, x-amz-target',
    'Access-Control-Max-Age': '86400',
  });
  response.end();
}

function sendJson(response: ServerResponse, status: number, body: unknown, contentType = 'application/json'): void {
  response.writeHead(status, { 'content-type': contentType, 'x-amzn-RequestId': randomUUID() });
  response.end(JSON.stringify(body));
}

import * as fs from 'node:fs';
import * as path from 'node:path';
import { type RouteSpec, routes } from '../contract/routes';
import { groupScope } from '../contract/scopes';
import { localPorts } from '../lib/local-ports';
import { openApiDocument } from '../lib/openapi';
import { bundleWebPage, REFERENCE_PAGE_FILES } from '../web/bundle';
import { contentSecurityPolicy } from '../web/content-security-policy';
import { type MailboxEntry, startCognitoTwin, stateSummary } from './cognito-twin';
import { CognitoAuthorizer } from './gateway/cognito-authorizer';
import { startHttpApi } from './gateway/http-api';
import { IamAuthorizer } from './gateway/iam-authorizer';
import { JwtAuthorizer } from './gateway/jwt-authorizer';
import { LambdaRuntime } from './gateway/lambda-runtime';
import { type LocalFile, startRestApi } from './gateway/rest-api';
import { type CredentialVariables, LocalCredentials } from './iam-credentials';
import { LocalClock } from './local-clock';
import { LOCAL_ACCOUNT_ID, LOCAL_API_ID, loadStackModel, type StackModel } from './stack-model';
import { lockStateDir, shown } from './state-lock';
import { startWebServer } from './web-server';

export interface LocalModeOptions {
  /** A synthesized cloud assembly with bundles and asset metadata (see synth.ts). */
  readonly cdkOut: string;
  /** Where the twin keeps users, codes, tokens and its signing key. */
  readonly stateDir: string;
  /** @default localPorts.apiPort (lib/local-ports.ts); 0 picks a free port. */
  readonly apiPort?: number;
  /** @default localPorts.cognitoPort; 0 picks a free port. */
  readonly cognitoPort?: number;
  /** Start from an empty user pool. */
  readonly reset?: boolean;
  /** Serve the demo page (web/) on this port; 0 picks a free port. @default the page is not served */
  readonly webPort?: number;
  /** Lines for the console: mails, requests, the handlers' logs. @default console.log */
  readonly log?: (line: string) => void;
  /** The twin's scrypt cost; tests lower it. */
  readonly scryptCost?: number;
  /**
   * The time local mode's clock runs on, in milliseconds since the epoch; `/_local/clock` moves it
   * forward from there. @default Date.now; tests move it to expire sign-in sessions.
   */
  readonly now?: () => number;
}

export interface LocalMode {
  /** Like the stack's ApiUrl output: ends in `/<stage>/`. */
  readonly apiUrl: string;
  /** The API's OpenAPI document (lib/openapi.ts), served outside the stage's path with apiUrl as its server. */
  readonly openApiUrl: string;
  /** The API reference page (web/reference.html) over that document, beside it; its "Try it out" calls apiUrl. */
  readonly docsUrl: string;
  readonly cognitoUrl: string;
  /** The demo page, when `webPort` was given. */
  readonly webUrl?: string;
  readonly userPoolId: string;
  readonly userPoolClientId: string;
  /** The identity pool's local id, when the template has one. */
  readonly identityPoolId?: string;
  readonly region: string;
  readonly model: StackModel;
  mailbox(): MailboxEntry[];
  close(): Promise<void>;
}

const OPENAPI_PATH = '/_local/openapi.json';

/**
 * The OpenAPI document of what this template deploys, as the site's is (lib/web-site.ts): the rows
 * it has; its flavor, whose gateway's own refusals differ (an HTTP API's are fixed bodies); and the
 * scopes its group routes require (`group/<name>` where access tokens carry group scopes).
 */
function templateDocumentOf(model: StackModel): (apiUrl: string) => object {
  const table = (routes as readonly RouteSpec[]).filter((row) =>
    model.routes.some((route) => route.method === row.method && route.path === row.path),
  );
  const groupScopes = model.routes.some((route) => route.authorizer?.scopes.some((scope) => scope.startsWith(groupScope(''))));
  return (apiUrl) => openApiDocument(apiUrl, table, model.flavor, { groupScopes });
}
const DOCS_PATH = '/_local/docs';

/**
 * The OpenAPI document and the reference page that reads it, under /_local/: the page at
 * /_local/docs loads its files by relative URLs, which resolve beside it, as on the site
 * (reference.html beside openapi.json). The page's CSP is the demo page's, its API being its own origin.
 */
function localFiles(document: (apiUrl: string) => object): Record<string, (apiUrl: string) => LocalFile> {
  const page = bundleWebPage();
  const served = (name: string) => (apiUrl: string) => {
    const file = page.get(name);
    if (!file) throw new Error(`web/bundle.ts has no ${name}`);
    return {
      headers: {
        'Content-Type': file.contentType,
        'Content-Security-Policy': contentSecurityPolicy(new URL(apiUrl).origin),
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': 'no-store',
      },
      body: file.body,
    };
  };
  return {
    [OPENAPI_PATH]: (apiUrl) => ({
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(document(apiUrl), null, 2),
    }),
    [DOCS_PATH]: served('reference.html'),
    ...Object.fromEntries(REFERENCE_PAGE_FILES.map((name) => [`/_local/${name}`, served(name)])),
  };
}

// A label only: nothing leaves this machine. Cognito pool ids start with their region.
const LOCAL_REGION = 'us-east-1';

type PortOption = 'apiPort' | 'cognitoPort' | 'webPort';

/** A port local mode was given is taken; `option` names the LocalModeOptions field that chose it. */
export class PortInUseError extends Error {
  constructor(
    readonly option: PortOption,
    readonly port: number,
  ) {
    super(`port ${port} is in use (EADDRINUSE): give ${option} another port, or 0 for a free one`);
  }
}

/** Rethrows a listen error, as a PortInUseError naming the option when the port is taken. */
function nameBusyPort(option: PortOption, port: number) {
  return (error: NodeJS.ErrnoException): never => {
    throw error.code === 'EADDRINUSE' ? new PortInUseError(option, port) : error;
  };
}

/** The synthesized stack on localhost: the Cognito twin, the handlers' bundles and the REST API in front of them. */
export async function startLocalMode(options: LocalModeOptions): Promise<LocalMode> {
  const model = loadStackModel(options.cdkOut, LOCAL_REGION);
  // Before anything reads or wipes it: one local mode a state folder (state-lock.ts).
  const lock = lockStateDir(options.stateDir);
  if (lock.tookOverFrom !== undefined) {
    (options.log ?? console.log)(`The state folder's lock was left by pid ${lock.tookOverFrom}, which has stopped: taken over`);
  }
  try {
    return await start(options, model, lock.release);
  } catch (error) {
    lock.release();
    throw error;
  }
}

async function start(options: LocalModeOptions, model: StackModel, releaseLock: () => void): Promise<LocalMode> {
  const log = options.log ?? console.log;
  // Only the twin's own folder is cleared: --state-dir may name a folder that holds other things.
  const twinStateDir = path.join(options.stateDir, 'cognito');
  if (options.reset) log(await wipe(twinStateDir, model.pool.caseSensitiveUsernames));

  const cognitoPort = options.cognitoPort ?? localPorts.cognitoPort.default;
  const clock = new LocalClock(options.now);
  const { identityPool } = model;
  const role = identityPool?.authenticatedRole;
  // The twin runs the pool's triggers in the API's Lambda runtime, which needs the twin's URL first:
  // bound once both exist; no request reaches the twin before then.
  let runtime: LambdaRuntime | undefined;
  // Each function signs its Cognito calls with its execution role's credentials; the twin holds them to that role's policies.
  const credentials = new LocalCredentials(LOCAL_ACCOUNT_ID);
  const functionCredentials = new Map<string, CredentialVariables | undefined>(
    Object.values(model.functions).map((fn) => [fn.logicalId, credentials.forFunction(fn)]),
  );
  const twin = await startCognitoTwin({
    settings: model.pool,
    identityPool: identityPool && {
      identityPoolId: identityPool.identityPoolId,
      allowUnauthenticated: identityPool.allowUnauthenticated,
      providers: identityPool.providers,
      // A role whose trust policy does not admit this pool's authenticated identities cannot be assumed.
      authenticatedRoleArn: role?.trustsAuthenticatedIdentities ? role.arn : undefined,
    },
    stateDir: twinStateDir,
    port: cognitoPort,
    log,
    scryptCost: options.scryptCost,
    clock,
    invokeFunction: (functionId, event, requestId) => {
      if (!runtime) throw new Error('Local mode has not started its Lambda runtime yet');
      return runtime.invoke(functionId, event, requestId);
    },
    iam: { principals: credentials, accountId: LOCAL_ACCOUNT_ID },
    signingNow: options.now ?? Date.now,
  }).catch(nameBusyPort('cognitoPort', cognitoPort));
  credentials.writeOperatorFile(options.stateDir, { endpoint: twin.url, region: LOCAL_REGION, userPoolId: model.pool.poolId });
  runtime = new LambdaRuntime(model.functions, {
    baseEnvironment: {
      AWS_REGION: LOCAL_REGION,
      AWS_DEFAULT_REGION: LOCAL_REGION,
      // A function without an execution role (none in this stack) would still find credentials, of nobody.
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      TZ: 'UTC',
      COGNITO_ENDPOINT: twin.url,
    },
    environmentOf: (functionId) => ({ ...functionCredentials.get(functionId) }),
    onOutput: (_, chunk) => {
      for (const line of chunk.split('\n')) if (line.trim()) log(line);
    },
  });
  const authorizer = new CognitoAuthorizer({
    issuer: twin.issuer,
    jwksUri: twin.jwksUri,
    clientIds: model.pool.clients.map((c) => c.clientId),
    now: clock.now,
  });
  const iamAuthorizer = new IamAuthorizer({
    region: LOCAL_REGION,
    accountId: LOCAL_ACCOUNT_ID,
    apiId: LOCAL_API_ID,
    stageName: model.stageName,
    roles: role ? [role] : [],
    findCredentials: (accessKeyId) => twin.findCredentials(accessKeyId),
    now: clock.now,
    signingNow: options.now ?? Date.now,
  });
  const apiPort = options.apiPort ?? localPorts.apiPort.default;
  const templateDocument = templateDocumentOf(model);
  const gateway = {
    model,
    runtime,
    iamAuthorizer,
    port: apiPort,
    localFiles: localFiles(templateDocument),
    onRequest: ({ method, path, status, ms }: { method: string; path: string; status: number; ms: number }) =>
      log(`[api] ${method} ${path} → ${status} (${ms} ms)`),
  };
  // The template's flavor: a REST API, or an HTTP API with its JWT authorizer (-c api=http).
  const { jwtAuthorizer } = model;
  const api = await (model.flavor === 'http'
    ? startHttpApi({
        ...gateway,
        jwtAuthorizer: jwtAuthorizer && new JwtAuthorizer({ ...jwtAuthorizer, jwksUri: twin.jwksUri, now: clock.now }),
      })
    : startRestApi({ ...gateway, authorizer })
  ).catch(async (error) => {
    await twin.close();
    return nameBusyPort('apiPort', apiPort)(error);
  });
  await runtime.warm();
  const { webPort } = options;
  const web =
    webPort === undefined
      ? undefined
      : await startWebServer({
          port: webPort,
          apiUrl: api.url,
          cognitoUrl: twin.url,
          mfaConfiguration: model.pool.mfaConfiguration,
          allowedFirstAuthFactors: model.pool.allowedFirstAuthFactors,
          openApiDocument: templateDocument,
        }).catch(async (error) => {
          await api.close();
          await runtime.close();
          await twin.close();
          return nameBusyPort('webPort', webPort)(error);
        });

  return {
    apiUrl: api.url,
    openApiUrl: new URL(OPENAPI_PATH, api.url).href,
    docsUrl: new URL(DOCS_PATH, api.url).href,
    cognitoUrl: twin.url,
    webUrl: web?.url,
    userPoolId: model.pool.poolId,
    userPoolClientId: model.pool.clients[0]?.clientId ?? '',
    identityPoolId: identityPool?.identityPoolId,
    region: LOCAL_REGION,
    model,
    mailbox: () => twin.mailbox(),
    close: async () => {
      await web?.close();
      await api.close();
      await runtime.close();
      await twin.close();
      LocalCredentials.removeOperatorFile(options.stateDir);
      releaseLock();
    },
  };
}

/** Clears the twin's folder for --reset, and says what was in it. */
async function wipe(twinStateDir: string, caseSensitiveUsernames: boolean): Promise<string> {
  const where = shown(twinStateDir);
  if (!fs.existsSync(twinStateDir)) return `--reset: ${where} held nothing yet: starting with an empty user pool`;
  const { users, mails } = await stateSummary(twinStateDir, caseSensitiveUsernames);
  fs.rmSync(twinStateDir, { recursive: true, force: true });
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `--reset: wiped ${where}: ${plural(users, 'user')}, ${plural(mails, 'mail')}, their tokens and the signing keys`;
}

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  InitiateAuthCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import autocannon from 'autocannon';
import { startCognitoTwin } from '../../local/cognito-twin';
import type { StackModel } from '../../local/stack-model';
import { atLeast, type Figure, info } from './figures';

const PASSWORD = 'correct horse battery staple';
const CONNECTIONS = 32;

/**
 * The twin's refresh rate: GetTokensFromRefreshToken on the stack's app client (rotating by default:
 * each call mints two tokens, a new refresh token and journals it, each connection following its own
 * chain) beside REFRESH_TOKEN_AUTH on a copy of that client without rotation, which only mints. The
 * goal is within 10% of REFRESH_TOKEN_AUTH. The twin runs in this process, beside autocannon, for
 * both runs alike.
 */
export async function refreshFigures(model: StackModel): Promise<Figure[]> {
  const [appClient] = model.pool.clients;
  if (!appClient) throw new Error('the stack has no app client');
  const plainClient = {
    ...appClient,
    clientId: `${appClient.clientId}plain`,
    explicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    refreshTokenRotation: undefined,
  };
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-refresh-'));
  const twin = await startCognitoTwin({
    settings: { ...model.pool, clients: [appClient, plainClient] },
    stateDir,
    port: 0,
    log: () => undefined,
    scryptCost: 2 ** 4,
  });
  const cognito = new CognitoIdentityProviderClient({
    endpoint: twin.url,
    region: model.pool.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    const email = 'refresh-bench@example.com';
    await cognito.send(new SignUpCommand({ ClientId: appClient.clientId, Username: email, Password: PASSWORD }));
    const code = twin.mailbox().at(-1)?.code ?? '';
    await cognito.send(new ConfirmSignUpCommand({ ClientId: appClient.clientId, Username: email, ConfirmationCode: code }));
    const refreshTokenOf = async (clientId: string) =>
      (
        await cognito.send(
          new InitiateAuthCommand({
            ClientId: clientId,
            AuthFlow: 'USER_PASSWORD_AUTH',
            AuthParameters: { USERNAME: email, PASSWORD },
          }),
        )
      ).AuthenticationResult?.RefreshToken ?? '';

    const call = (operation: string) => ({
      method: 'POST' as const,
      headers: {
        'Content-Type': 'application/x-amz-json-1.1',
        'X-Amz-Target': `AWSCognitoIdentityProviderService.${operation}`,
      },
    });
    const rate = async (options: Omit<autocannon.Options, 'url'>) => {
      const result = await autocannon({ ...options, url: twin.url, connections: CONNECTIONS, duration: 5 });
      return { perSecond: result.requests.average, failed: result.non2xx + result.errors + result.timeouts };
    };

    const plainToken = await refreshTokenOf(plainClient.clientId);
    const refreshTokenAuth = await rate({
      ...call('InitiateAuth'),
      body: JSON.stringify({
        ClientId: plainClient.clientId,
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: { REFRESH_TOKEN: plainToken },
      }),
    });
    // Each connection signs in once and then always sends the refresh token its last answer rotated in.
    const firstTokens = await Promise.all(Array.from({ length: CONNECTIONS }, () => refreshTokenOf(appClient.clientId)));
    let connection = 0;
    const rotating = await rate({
      requests: [
        {
          ...call('GetTokensFromRefreshToken'),
          setupRequest: (request, context: { token?: string }) => {
            context.token ??= firstTokens[connection++ % CONNECTIONS];
            return { ...request, body: JSON.stringify({ ClientId: appClient.clientId, RefreshToken: context.token }) };
          },
          onResponse: (status, body, context: { token?: string }) => {
            // A match, not JSON.parse: the bench shares this process's CPU with the twin it measures.
            const rotated = status === 200 ? /"RefreshToken":"([^"]+)"/.exec(body)?.[1] : undefined;
            if (rotated) context.token = rotated;
          },
        },
      ],
    });
    const note = (failed: number) => `${failed} non-2xx or failed`;
    const rotates = appClient.refreshTokenRotation !== undefined;
    return [
      info(`twin REFRESH_TOKEN_AUTH @${CONNECTIONS}`, refreshTokenAuth.perSecond, 'req/s', note(refreshTokenAuth.failed)),
      atLeast(
        `twin GetTokensFromRefreshToken${rotates ? ', rotating,' : ''} @${CONNECTIONS}`,
        rotating.perSecond,
        'req/s',
        0.9 * refreshTokenAuth.perSecond,
        `${note(rotating.failed)}; target 0.9 × REFRESH_TOKEN_AUTH in the same run`,
      ),
    ];
  } finally {
    cognito.destroy();
    await twin.close();
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
}

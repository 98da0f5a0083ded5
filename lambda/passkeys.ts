import { ListWebAuthnCredentialsCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { PasskeysResponse } from '../contract/responses';
import { accessTokenOf, asSignedInUser } from './api/access-token';
import { cognito } from './api/cognito';
import { httpHandler } from './api/handler';

/**
 * GET /passkeys: the signed-in user's passkeys (ListWebAuthnCredentials), every page of them.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListWebAuthnCredentials.html
 */
export const handler = httpHandler<'passkeys'>('passkeys', async ({ event }) => {
  const AccessToken = accessTokenOf(event);
  const passkeys: PasskeysResponse['passkeys'] = [];
  let NextToken: string | undefined;
  do {
    const page = await asSignedInUser('ListWebAuthnCredentials', () =>
      cognito.send(new ListWebAuthnCredentialsCommand({ AccessToken, NextToken })),
    );
    for (const credential of page.Credentials ?? []) {
      passkeys.push({
        id: credential.CredentialId ?? '',
        name: credential.FriendlyCredentialName ?? '',
        createdAt: (credential.CreatedAt ?? new Date(0)).toISOString(),
        ...(credential.AuthenticatorAttachment && { authenticatorAttachment: credential.AuthenticatorAttachment }),
      });
    }
    NextToken = page.NextToken;
  } while (NextToken);
  return { status: 200, body: { passkeys } };
});

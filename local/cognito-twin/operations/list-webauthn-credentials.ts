import type { ListWebAuthnCredentialsRequest, ListWebAuthnCredentialsResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { TwinContext } from '../context';
import { errors } from '../errors';
import { optionalString, requiredString } from '../request';
import { authenticateAccessToken } from '../sessions';
import type { Operation } from './operation';

type Dependencies = Pick<TwinContext, 'state' | 'tokens'>;

/** MaxResults' bounds and default are not in the twin's sources: 1 to 20, 20 by default (unverified). */
const MAX_RESULTS = 20;

/**
 * API Reference, ListWebAuthnCredentials: the signed-in user's passkeys, oldest first, as WebAuthnCredentialDescription
 * (CreatedAt in epoch seconds, as the JSON protocol carries timestamps). NextToken is the index of the next page.
 */
export const listWebAuthnCredentials =
  (context: Dependencies): Operation<ListWebAuthnCredentialsRequest, ListWebAuthnCredentialsResponse> =>
  async (request) => {
    const user = await authenticateAccessToken(context, requiredString(request, 'AccessToken'));
    const limit = request.MaxResults ?? MAX_RESULTS;
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_RESULTS) {
      throw errors.invalidParameter(`MaxResults must be an integer from 1 to ${MAX_RESULTS}`);
    }
    const next = optionalString(request, 'NextToken');
    const start = next === undefined ? 0 : Number.parseInt(next, 10);
    if (!Number.isInteger(start) || start < 0) throw errors.invalidParameter('Invalid NextToken.');
    const all = context.state.webAuthnCredentialsOf(user.sub);
    const page = all.slice(start, start + limit);
    return {
      Credentials: page.map((credential) => ({
        CredentialId: credential.credentialId,
        FriendlyCredentialName: credential.friendlyName,
        RelyingPartyId: credential.relyingPartyId,
        ...(credential.authenticatorAttachment && { AuthenticatorAttachment: credential.authenticatorAttachment }),
        AuthenticatorTransports: credential.transports,
        CreatedAt: (credential.createdAt / 1000) as unknown as Date,
      })),
      ...(start + limit < all.length && { NextToken: String(start + limit) }),
    };
  };

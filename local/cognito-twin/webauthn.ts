import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { errors } from './errors';
import type { UserRecord, WebAuthnCredentialRecord } from './pool-state';
import type { AppClientSettings, PoolSettings } from './settings';

/**
 * Passkeys, verified with @simplewebauthn/server (https://simplewebauthn.dev/docs/packages/server): the challenge, the
 * origin, the relying party id hash, the user presence and verification flags, the signature and the signature
 * counter. The twin writes no WebAuthn crypto of its own.
 */

/** How long a registration or sign-in ceremony may take; the browser's `timeout` too. The twin's choice (unverified). */
const WEBAUTHN_TIMEOUT_MS = 5 * 60 * 1000;
/** Passkeys one user may register: the twin's assumption (Cognito's quota is unverified). */
export const MAX_PASSKEYS_PER_USER = 20;

/** The relying party id passkeys of this pool are bound to; WebAuthnConfigurationMissingException without one. */
function relyingPartyId(settings: Pick<PoolSettings, 'webAuthnRelyingPartyId'>): string {
  if (!settings.webAuthnRelyingPartyId) throw errors.webAuthnConfigurationMissing();
  return settings.webAuthnRelyingPartyId;
}

/**
 * Whether a page at `origin` may use passkeys of `rpId`: WebAuthn's rule that the relying party id is the origin's
 * host or a registrable suffix of it, over https (https://www.w3.org/TR/webauthn-3/#rp-id), with http allowed for
 * localhost, which browsers treat as a secure context. Which origins Cognito itself accepts is not documented beyond
 * "does not align with the user pool relying party id" (WebAuthnOriginNotAllowedException): this rule is unverified.
 */
function originMatchesRelyingParty(origin: string, rpId: string): boolean {
  if (!URL.canParse(origin)) return false;
  const { protocol, hostname } = new URL(origin);
  const hostMatches = hostname === rpId || hostname.endsWith(`.${rpId}`);
  if (!hostMatches) return false;
  return protocol === 'https:' || (protocol === 'http:' && (hostname === 'localhost' || hostname.endsWith('.localhost')));
}

/** The origin a browser wrote into the credential's clientDataJSON; InvalidParameterException when it is unreadable. */
function originOf(credential: { response?: { clientDataJSON?: unknown } }): string {
  const encoded = credential.response?.clientDataJSON;
  try {
    if (typeof encoded !== 'string') throw new Error('no clientDataJSON');
    const { origin } = JSON.parse(isoBase64URL.toUTF8String(encoded)) as { origin?: unknown };
    if (typeof origin !== 'string') throw new Error('no origin');
    return origin;
  } catch {
    throw errors.invalidParameter('The credential is not a WebAuthn response: its clientDataJSON cannot be read.');
  }
}

/** The credential JSON a client sent, with the members @simplewebauthn/server reads; InvalidParameterException if not. */
function asCredentialJson<T extends RegistrationResponseJSON | AuthenticationResponseJSON>(value: unknown): T {
  const parsed = typeof value === 'string' ? safeParse(value) : value;
  if (typeof parsed !== 'object' || parsed === null || typeof (parsed as { id?: unknown }).id !== 'string') {
    throw errors.invalidParameter('The credential is not a WebAuthn response JSON object.');
  }
  const response = (parsed as { response?: unknown }).response;
  if (typeof response !== 'object' || response === null) {
    throw errors.invalidParameter('The credential is not a WebAuthn response JSON object.');
  }
  return parsed as T;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A pending registration: the challenge StartWebAuthnRegistration issued, for one user and app client. */
interface PendingRegistration {
  challenge: string;
  clientId: string;
  expiresAt: number;
}

/**
 * Registration ceremonies in progress, in memory only: a restart of the twin ends them, as it ends sign-ins waiting for
 * a challenge (challenge-sessions.ts). Each user has at most one: a new StartWebAuthnRegistration replaces it.
 */
export class PendingRegistrations {
  private readonly pending = new Map<string, PendingRegistration>();

  constructor(private readonly now: () => number) {}

  async start(
    settings: PoolSettings,
    user: UserRecord,
    client: AppClientSettings,
    existing: WebAuthnCredentialRecord[],
  ): Promise<PublicKeyCredentialCreationOptionsJSON> {
    const rpID = relyingPartyId(settings);
    const options = await generateRegistrationOptions({
      // Cognito's rp.name is not documented; the twin names the relying party by its id (unverified).
      rpName: rpID,
      rpID,
      userName: user.email,
      userDisplayName: user.email,
      userID: isoBase64URL.toBuffer(isoBase64URL.fromUTF8String(user.sub)),
      timeout: WEBAUTHN_TIMEOUT_MS,
      attestationType: 'none',
      excludeCredentials: existing.map((credential) => ({ id: credential.credentialId, transports: credential.transports })),
      // A passkey is a discoverable credential; user verification as the pool requires it (WebAuthnUserVerification).
      authenticatorSelection: { residentKey: 'required', userVerification: settings.webAuthnUserVerification },
    });
    this.pending.set(user.sub, {
      challenge: options.challenge,
      clientId: client.clientId,
      expiresAt: this.now() + WEBAUTHN_TIMEOUT_MS,
    });
    return options;
  }

  /**
   * Verifies the registration response against the user's pending challenge and answers the credential to store. The
   * pending challenge is used up whatever the outcome, so a response cannot be replayed.
   */
  async complete(
    settings: PoolSettings,
    user: UserRecord,
    client: AppClientSettings,
    credentialJson: unknown,
  ): Promise<WebAuthnCredentialRecord> {
    const rpID = relyingPartyId(settings);
    const response = asCredentialJson<RegistrationResponseJSON>(credentialJson);
    const pending = this.pending.get(user.sub);
    if (!pending || this.now() >= pending.expiresAt) {
      this.pending.delete(user.sub);
      throw errors.webAuthnChallengeNotFound();
    }
    if (pending.clientId !== client.clientId) throw errors.webAuthnClientMismatch();
    this.pending.delete(user.sub);
    const origin = originOf(response);
    if (!originMatchesRelyingParty(origin, rpID)) throw errors.webAuthnOriginNotAllowed(origin);
    let verification: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
    try {
      verification = await verifyRegistrationResponse({
        response,
        expectedChallenge: pending.challenge,
        expectedOrigin: origin,
        expectedRPID: rpID,
        requireUserVerification: settings.webAuthnUserVerification === 'required',
      });
    } catch (error) {
      throw registrationRefusal(error);
    }
    if (!verification.verified) throw errors.webAuthnCredentialNotSupported('the attestation did not verify');
    const { credential } = verification.registrationInfo;
    return {
      credentialId: credential.id,
      sub: user.sub,
      publicKey: isoBase64URL.fromBuffer(credential.publicKey),
      counter: credential.counter,
      transports: credential.transports ?? response.response.transports ?? [],
      authenticatorAttachment: response.authenticatorAttachment,
      relyingPartyId: rpID,
      // "An automatically-generated friendly name" (API Reference, WebAuthnCredentialDescription); its form is unverified.
      friendlyName: `Passkey ${credential.id.slice(0, 8)}`,
      createdAt: this.now(),
    };
  }
}

/** simplewebauthn throws plain Errors; the ones that name a documented Cognito exception are mapped to it. */
function registrationRefusal(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  if (/RP ID hash/i.test(message)) return errors.webAuthnRelyingPartyMismatch();
  if (/challenge/i.test(message)) return errors.webAuthnChallengeNotFound();
  return errors.webAuthnCredentialNotSupported(message);
}

/** The request options of a WEB_AUTHN challenge: the user's passkeys, and a fresh challenge. */
export function requestOptions(
  settings: PoolSettings,
  credentials: WebAuthnCredentialRecord[],
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return generateAuthenticationOptions({
    rpID: relyingPartyId(settings),
    allowCredentials: credentials.map((credential) => ({
      id: credential.credentialId,
      transports: credential.transports as never,
    })),
    userVerification: settings.webAuthnUserVerification,
    timeout: WEBAUTHN_TIMEOUT_MS,
  });
}

/**
 * Verifies a WEB_AUTHN answer: the assertion must be of one of the user's passkeys (a passkey of another user is
 * refused as an unknown one), for the session's challenge, from an origin of the relying party, with a signature
 * counter above the stored one (when the authenticator counts). Answers the credential with its new counter.
 */
export async function verifyAssertion(
  settings: PoolSettings,
  credentials: WebAuthnCredentialRecord[],
  expectedChallenge: string,
  credentialJson: unknown,
): Promise<WebAuthnCredentialRecord> {
  const rpID = relyingPartyId(settings);
  const response = asCredentialJson<AuthenticationResponseJSON>(credentialJson);
  const stored = credentials.find((credential) => credential.credentialId === response.id);
  if (!stored) throw errors.passkeyAssertionRefused();
  const origin = originOf(response);
  if (!originMatchesRelyingParty(origin, rpID)) throw errors.webAuthnOriginNotAllowed(origin);
  try {
    const { verified, authenticationInfo } = await verifyAuthenticationResponse({
      response,
      expectedChallenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      credential: {
        id: stored.credentialId,
        publicKey: isoBase64URL.toBuffer(stored.publicKey),
        counter: stored.counter,
        transports: stored.transports as never,
      },
      requireUserVerification: settings.webAuthnUserVerification === 'required',
    });
    if (!verified) throw errors.passkeyAssertionRefused();
    return { ...stored, counter: authenticationInfo.newCounter };
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    if (/RP ID hash/i.test(message)) throw errors.webAuthnRelyingPartyMismatch();
    throw errors.passkeyAssertionRefused();
  }
}

import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { isoBase64URL, isoCBOR } from '@simplewebauthn/server/helpers';

/**
 * A software passkey authenticator for tests: it answers creation and request options with real WebAuthn responses
 * (WebAuthn Level 3, 6.1 authenticator data, 6.5 attestation "none", 6.3.3 assertion signature), made with Node's
 * crypto on a P-256 key (ES256). It is the authenticator side only: whatever verifies its answers (the twin) does so
 * with @simplewebauthn/server. Each flag and value a verifier must check can be bent to see it refused.
 */
export class SoftwareAuthenticator {
  private readonly credentials = new Map<string, { key: KeyObject; rpId: string; userHandle: string; counter: number }>();

  /** What the next answer claims: the page's origin, and the flags and counter an honest authenticator would set. */
  constructor(private readonly defaults: { origin: string; userVerified?: boolean } = { origin: 'http://localhost:3000' }) {}

  /** navigator.credentials.create(): a new key pair for the options' rp.id and user. */
  create(
    options: PublicKeyCredentialCreationOptionsJSON,
    bend: { origin?: string; rpId?: string; userVerified?: boolean; challenge?: string } = {},
  ): RegistrationResponseJSON {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const credentialId = randomBytes(16);
    const id = isoBase64URL.fromBuffer(credentialId);
    const rpId = bend.rpId ?? options.rp.id ?? 'localhost';
    this.credentials.set(id, { key: privateKey, rpId, userHandle: options.user.id, counter: 0 });
    const jwk = publicKey.export({ format: 'jwk' });
    const coseKey = new Map<number, number | Uint8Array>([
      [1, 2], // kty: EC2
      [3, -7], // alg: ES256
      [-1, 1], // crv: P-256
      [-2, isoBase64URL.toBuffer(jwk.x as string)],
      [-3, isoBase64URL.toBuffer(jwk.y as string)],
    ]);
    const credentialIdLength = Buffer.alloc(2);
    credentialIdLength.writeUInt16BE(credentialId.length);
    const attestedCredentialData = Buffer.concat([
      Buffer.alloc(16), // AAGUID of "none" attestation
      credentialIdLength,
      credentialId,
      Buffer.from(isoCBOR.encode(coseKey)),
    ]);
    const authData = authenticatorData(rpId, this.flags(bend.userVerified) | AT, 0, attestedCredentialData);
    const attestationObject = isoCBOR.encode(
      new Map<string, unknown>([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', new Uint8Array(authData)],
      ]) as never,
    );
    return {
      id,
      rawId: id,
      type: 'public-key',
      response: {
        clientDataJSON: clientData('webauthn.create', bend.challenge ?? options.challenge, bend.origin ?? this.defaults.origin),
        attestationObject: isoBase64URL.fromBuffer(attestationObject),
        transports: ['internal'],
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    };
  }

  /** navigator.credentials.get(): an assertion by the first of the options' allowed credentials this authenticator holds. */
  get(
    options: PublicKeyCredentialRequestOptionsJSON,
    bend: { origin?: string; rpId?: string; userVerified?: boolean; counter?: number; credentialId?: string } = {},
  ): AuthenticationResponseJSON {
    const id =
      bend.credentialId ??
      options.allowCredentials?.map((allowed) => allowed.id).find((allowed) => this.credentials.has(allowed));
    const credential = id === undefined ? undefined : this.credentials.get(id);
    if (!id || !credential) throw new Error('NotAllowedError: this authenticator holds none of the allowed credentials');
    credential.counter = bend.counter ?? credential.counter + 1;
    const authData = authenticatorData(bend.rpId ?? credential.rpId, this.flags(bend.userVerified), credential.counter);
    const clientDataJSON = clientData('webauthn.get', options.challenge, bend.origin ?? this.defaults.origin);
    const signed = Buffer.concat([authData, createHash('sha256').update(isoBase64URL.toBuffer(clientDataJSON)).digest()]);
    return {
      id,
      rawId: id,
      type: 'public-key',
      response: {
        clientDataJSON,
        authenticatorData: isoBase64URL.fromBuffer(new Uint8Array(authData)),
        // ES256 signatures are DER-encoded ECDSA (WebAuthn 6.5.6), Node's default encoding.
        signature: isoBase64URL.fromBuffer(new Uint8Array(sign('sha256', signed, credential.key))),
        userHandle: credential.userHandle,
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    };
  }

  private flags(userVerified = this.defaults.userVerified ?? true): number {
    return UP | (userVerified ? UV : 0);
  }
}

/** Authenticator data flags (WebAuthn Level 3, 6.1): user present, user verified, attested credential data. */
const UP = 0x01;
const UV = 0x04;
const AT = 0x40;

function authenticatorData(rpId: string, flags: number, counter: number, attested = Buffer.alloc(0)): Buffer {
  const signCount = Buffer.alloc(4);
  signCount.writeUInt32BE(counter);
  return Buffer.concat([createHash('sha256').update(rpId).digest(), Buffer.from([flags]), signCount, attested]);
}

function clientData(type: string, challenge: string, origin: string): string {
  return isoBase64URL.fromUTF8String(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
}

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type CryptoKey, calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { writeFileDurably } from './durable-file';

/**
 * Cognito signs id tokens and access tokens with different keys (two `kid`s in the pool's JWKS),
 * so a verifier that picks the wrong key fails locally as it would on AWS. The id-token key keeps
 * the file name of the single key the twin had before, so tokens of existing state directories
 * stay verifiable.
 */
export const SIGNING_KEY_FILES = { idToken: 'signing-key.json', accessToken: 'access-token-signing-key.json' } as const;

export type SigningKeys = Record<keyof typeof SIGNING_KEY_FILES, SigningKey>;

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
}

export async function loadOrCreateSigningKeys(stateDir: string): Promise<SigningKeys> {
  return {
    idToken: await loadOrCreateSigningKey(join(stateDir, SIGNING_KEY_FILES.idToken)),
    accessToken: await loadOrCreateSigningKey(join(stateDir, SIGNING_KEY_FILES.accessToken)),
  };
}

/**
 * An RS256 key the twin signs tokens with. It is generated on the first start and kept in the
 * state directory (owner-only), so tokens stay verifiable across restarts and no key ships with the
 * code. `kid` is the key's RFC 7638 thumbprint, so it is stable for the key's lifetime.
 */
async function loadOrCreateSigningKey(path: string): Promise<SigningKey> {
  const privateJwk = (await readKey(path)) ?? (await createKey(path));
  const { kty, n, e, kid } = privateJwk;
  return {
    kid: kid as string,
    privateKey: (await importJWK(privateJwk, 'RS256')) as CryptoKey,
    publicKey: (await importJWK({ kty, n, e }, 'RS256')) as CryptoKey,
    publicJwk: { kty, n, e, kid, alg: 'RS256', use: 'sig' },
  };
}

async function createKey(path: string): Promise<JWK> {
  const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(privateKey);
  const keyed = { ...jwk, kid: await calculateJwkThumbprint(jwk) };
  await writeFileDurably(path, JSON.stringify(keyed));
  return keyed;
}

async function readKey(path: string): Promise<JWK | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as JWK;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

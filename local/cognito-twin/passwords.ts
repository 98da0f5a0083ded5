import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** Node's own scrypt default (N = 2^14, r = 8, p = 1): about 16 MiB and tens of ms per hash. */
export const DEFAULT_SCRYPT_COST = 2 ** 14;

const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const KEY_LENGTH = 64;

/**
 * Passwords are kept only as `scrypt$N$r$p$salt$hash` with a random salt per hash. The cost
 * travels with each hash, so hashes made at one cost still verify after the setting changes.
 * scrypt runs on libuv's thread pool (the async form), so hashing never blocks other requests.
 */
export class PasswordHasher {
  constructor(private readonly cost: number = DEFAULT_SCRYPT_COST) {}

  async hash(password: string): Promise<string> {
    const salt = randomBytes(16);
    const derived = await derive(password, salt, this.cost, BLOCK_SIZE, PARALLELISM);
    return ['scrypt', this.cost, BLOCK_SIZE, PARALLELISM, salt.toString('base64'), derived.toString('base64')].join('$');
  }

  async verify(password: string, stored: string): Promise<boolean> {
    const [scheme, cost, blockSize, parallelism, salt, expected] = stored.split('$');
    if (scheme !== 'scrypt') throw new Error(`Unknown password hash scheme '${scheme}'`);
    const derived = await derive(password, Buffer.from(salt, 'base64'), Number(cost), Number(blockSize), Number(parallelism));
    return timingSafeEqual(derived, Buffer.from(expected, 'base64'));
  }

  /**
   * Spends the time of a real verification for a user that does not exist, so that "unknown user"
   * and "wrong password" answer alike in time as well as in body.
   */
  async verifyNobody(password: string): Promise<false> {
    await this.hash(password);
    return false;
  }
}

function derive(password: string, salt: Buffer, cost: number, blockSize: number, parallelism: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_LENGTH, { N: cost, r: blockSize, p: parallelism, maxmem: 256 * cost * blockSize }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/*
 * Passwords are stored as "scrypt$N$r$p$salt$hash" (base64 salt and hash), so the cost can be raised
 * later without invalidating existing hashes: each hash is verified with the parameters it was made with.
 */

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** About 100 ms and 32 MiB per hash on the project's 2-core machines. */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

function derive(password: string, salt: Buffer, { N, r, p }: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // Node's default memory cap (32 MiB) is exactly what N=2^15, r=8 needs: leave headroom.
    scrypt(password, salt, KEY_LENGTH, { N, r, p, maxmem: 256 * N * r }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** False for a wrong password and for a stored hash this code cannot read. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (!Object.values(params).every((v) => Number.isInteger(v) && v > 0)) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), params);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

let decoyHash: Promise<string> | undefined;

/**
 * Spends the time a real verification would, for an email with no account, so response times do
 * not tell which emails exist.
 */
export async function verifyDecoy(password: string): Promise<false> {
  decoyHash ??= hashPassword('decoy password, never matches');
  await verifyPassword(password, await decoyHash);
  return false;
}

/** A password for someone to change later: 16 base64url characters (96 random bits). */
export function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}

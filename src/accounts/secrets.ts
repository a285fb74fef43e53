import { createHash, randomBytes } from 'crypto';
import { argon2Verify, argon2id } from 'hash-wasm';

/**
 * argon2id at OWASP's recommended minimum (19 MiB, 2 passes, 1 lane). The
 * WebAssembly build (hash-wasm) runs the same everywhere: a native addon's
 * prebuilt binary crashed Node on this platform.
 */
export function hashPassword(password: string): Promise<string> {
  return argon2id({
    password,
    salt: randomBytes(16),
    parallelism: 1,
    iterations: 2,
    memorySize: 19456,
    hashLength: 32,
    outputType: 'encoded',
  });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2Verify({ password, hash });
  } catch {
    return false;
  }
}

// Verified against when the email is unknown, so a wrong email takes as long as a wrong password.
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return decoyHash;
}

/** A random secret for refresh tokens, reset links and API tokens. */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * Tokens are long random secrets, so a fast hash is enough to make a stolen
 * database useless for signing in; argon2 is for passwords people choose.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export const API_TOKEN_PREFIX = 'ipm_';

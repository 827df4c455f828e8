import { createHash, randomBytes } from 'node:crypto';

// API tokens: 32 random bytes, shown once; the database keeps only their SHA-256.

export const tokenPrefix = 'fbt_';

export function newApiToken(): { token: string; hash: Buffer } {
  const token = tokenPrefix + randomBytes(32).toString('base64url');
  return { token, hash: hashApiToken(token) };
}

export function hashApiToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

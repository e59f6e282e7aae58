/** Random tokens, their stored hashes, and CSRF tokens bound to a cookie. */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A URL-safe random token of `bytes` bytes of entropy. */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** SHA-256 hex of a high-entropy token: what the database keeps instead of the token. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** The CSRF token a client must echo in `x-csrf-token`: an HMAC of its csrf cookie. */
export const csrfTokenFor = (secret: string, csrfCookie: string): string =>
  createHmac('sha256', secret).update(`csrf:${csrfCookie}`).digest('base64url');

/** Constant-time string comparison. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

import crypto from 'node:crypto';

/**
 * Browser-mode security rules, in one place. The server binds 127.0.0.1 only;
 * these checks stop other local pages (DNS rebinding, cross-site requests) from
 * reaching the API.
 */

export const LOOPBACK_HOST = '127.0.0.1';

/** 256 bits, URL-safe. A new token every run. */
export function createToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/** Constant-time comparison; any malformed value is simply not equal. */
export function tokenMatches(provided: unknown, expected: string): boolean {
  if (typeof provided !== 'string' || provided.length !== expected.length) return false;
  return crypto.timingSafeEqual(Buffer.from(provided), Buffer.from(expected));
}

/**
 * Only `127.0.0.1:<port>` and `localhost:<port>` are ours. A rebinding attack
 * arrives with the attacker's host name in `Host`, so it is refused.
 */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  const normalized = host.trim().toLowerCase();
  return normalized === `127.0.0.1:${port}` || normalized === `localhost:${port}`;
}

/** The page's Content-Security-Policy: our own scripts only, no eval, no remote code. */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** Headers on every response. No CORS headers, ever: the API is same-origin only. */
export const COMMON_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

/** API request bodies above this are refused (notes are capped at 1 MB of text). */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

import crypto from 'node:crypto';
import { APP_CSP } from '../../shared/csp';

/**
 * Browser-mode security rules, in one place, as plain functions. The server
 * binds 127.0.0.1 only; these checks stop other local programs' pages (DNS
 * rebinding, cross-site requests, a page on another localhost port) from
 * reaching the library.
 */

export const LOOPBACK_HOST = '127.0.0.1';

/** 256 bits, URL-safe. A new token every run. */
export function createToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/** Constant-time comparison; any malformed value (an array of headers, say) is simply not equal. */
export function tokenMatches(provided: unknown, expected: string): boolean {
  if (typeof provided !== 'string' || provided.length !== expected.length) return false;
  const a = Buffer.from(provided);
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/**
 * Only `127.0.0.1:<port>` and `localhost:<port>` are ours. A rebinding attack
 * arrives with the attacker's host name in `Host`, so it is refused.
 */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  const normalized = host.toLowerCase();
  return normalized === `127.0.0.1:${port}` || normalized === `localhost:${port}`;
}

/**
 * Browsers say where a request comes from. A request from any other page (even
 * one on another localhost port, which counts as "same-site") is refused before
 * the token is even looked at. Absent headers mean a non-browser client (the
 * CLI, curl, tests): the token alone decides.
 */
export function isAllowedRequestSource(
  headers: { origin?: string; 'sec-fetch-site'?: string | string[] },
  port: number,
): boolean {
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const origin = headers.origin;
  if (origin === undefined) return true;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

/** `application/json`, optionally with `charset=utf-8`: nothing a plain HTML form can send. */
export function isJsonContentType(value: string | undefined): boolean {
  if (!value) return false;
  const [type, ...params] = value.split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((p) => p === '' || p === 'charset=utf-8' || p === 'charset="utf-8"');
}

/** The page's Content-Security-Policy (shared with the desktop window). */
export const PAGE_CSP = APP_CSP;

/**
 * API answers and errors are data, never a document: if one were ever shown as
 * a page, it could run and load nothing. (Not on saved PDFs: a browser's PDF
 * viewer needs its own plugin, which this would block.)
 */
export const DATA_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox";

/** Headers on every response. No CORS headers, ever: the API is same-origin only. */
export const COMMON_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=()',
};

/** API request bodies above this are refused (notes are capped at 1 MB of text). */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

/**
 * importFile carries a whole file (a JSON backup of 20,000 papers is ~30 MB), so
 * it alone gets a larger allowance; still bounded, still token-checked first.
 */
export const MAX_IMPORT_BODY_BYTES = 256 * 1024 * 1024;

export function bodyLimitFor(method: string): number {
  return method === 'importFile' ? MAX_IMPORT_BODY_BYTES : MAX_BODY_BYTES;
}

/** Open event streams at once; more is a runaway page, not a person with tabs. */
export const MAX_EVENT_STREAMS = 32;

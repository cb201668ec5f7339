/**
 * What a failed request means, decided once for every outbound client (the
 * feed, the Hub and arXiv lookups, PDF downloads):
 *  - `offline`: no network path at all (DNS, refused, no route): not worth a retry now;
 *  - `timeout`: the server did not answer in time;
 *  - `network`: the connection broke some other way;
 *  - `rate-limited`: the server asked us to slow down (429);
 *  - `server`: the server failed (5xx, 408): worth another try later;
 *  - `http`: the server refused this request (4xx): retrying cannot help;
 *  - `bad-response`: an answer we cannot use (not JSON, too big, not a PDF);
 *  - `cancelled`: the caller stopped it.
 * Each domain turns the kind into its own errors and messages.
 */
export type NetFailureKind =
  | 'offline'
  | 'timeout'
  | 'network'
  | 'rate-limited'
  | 'server'
  | 'http'
  | 'bad-response'
  | 'cancelled';

/** Socket error codes that mean "there is no network path", not "the server misbehaved". */
const OFFLINE_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * Every error code in what fetch threw, outermost first. undici wraps socket
 * errors (`TypeError('fetch failed', { cause: { code } })`), sometimes in an
 * AggregateError (one per address tried).
 */
export function fetchErrorCodes(error: unknown, depth = 0): string[] {
  if (depth > 4 || typeof error !== 'object' || error === null) return [];
  const codes: string[] = [];
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string') codes.push(code);
  codes.push(...fetchErrorCodes(cause, depth + 1));
  if (Array.isArray(errors)) for (const e of errors) codes.push(...fetchErrorCodes(e, depth + 1));
  return codes;
}

/** The first error code in what fetch threw, if any. */
export function fetchErrorCode(error: unknown): string | null {
  return fetchErrorCodes(error)[0] ?? null;
}

/** True when what fetch threw means there is no network path to the server (offline). */
export function isOfflineError(error: unknown): boolean {
  return fetchErrorCodes(error).some((code) => OFFLINE_CODES.has(code));
}

/** The innermost useful message of what fetch threw (not undici's generic "fetch failed"). */
export function innermostMessage(error: unknown): string | null {
  let message: string | null = null;
  for (let e: unknown = error, depth = 0; e && depth < 4; depth += 1) {
    if (e instanceof Error && e.message && e.message !== 'fetch failed') message = e.message;
    e = typeof e === 'object' && 'cause' in e ? e.cause : null;
  }
  return message;
}

/**
 * The kind of a request that threw before any answer: `cancelled` when the
 * caller's signal aborted, `timeout` when the request's own timer did,
 * `offline` or `network` otherwise.
 */
export function classifyFetchFailure(
  error: unknown,
  state: { cancelled?: boolean; timedOut?: boolean },
): NetFailureKind {
  if (state.cancelled) return 'cancelled';
  if (state.timedOut) return 'timeout';
  return isOfflineError(error) ? 'offline' : 'network';
}

/** The kind of an answer's status; null when it is a success (2xx, 3xx). */
export function classifyStatus(status: number): NetFailureKind | null {
  if (status === 429) return 'rate-limited';
  if (status >= 500 || status === 408) return 'server';
  if (status >= 400) return 'http';
  return null;
}

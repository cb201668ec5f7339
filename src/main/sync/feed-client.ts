import { FeedError, classifyFetchError } from './feed-errors';
import { parseFeedItem, type FeedPaper } from '../library/feed-paper';
import { BaseUrlError, normalizeBaseUrl as normalizeHttpBaseUrl } from '../net/base-url';
import { classifyStatus } from '../net/errors';
import { RateLimiter } from '../net/rate-limit';
import { requestSignal, sleep as cancellableSleep } from '../net/sleep';

/**
 * The Daily Papers client: one feed day at a time, paged, validated, polite.
 * Every wait (rate limit, backoff) and every request can be cancelled through
 * the caller's AbortSignal; a hung server is cut off by a per-request timeout.
 */

/** The feed rejects `limit` above 100. */
export const FEED_PAGE_SIZE = 100;

export interface FeedWait {
  /** `rate-limit`: the server said wait; `slow-down`: few calls left; `retry`: backing off after a failure. */
  reason: 'rate-limit' | 'slow-down' | 'retry';
  ms: number;
  /** For `retry`: why the last attempt failed. */
  message?: string;
}

export interface FeedClientOptions {
  baseUrl: string;
  fetch?: typeof globalThis.fetch;
  /** Whole-request budget (headers and body). A hung server fails the attempt after this. */
  requestTimeoutMs?: number;
  /** Attempts per request, the first included. */
  maxAttempts?: number;
  /** Backoff after a failed attempt: base * 2^(attempt-1), capped, with jitter. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** The longest wait the server may impose; asking for more ends the run (`rate_limited`). */
  maxWaitMs?: number;
  /** Below this many remaining calls in the window, calls are spread out. */
  rateLimitLowWater?: number;
  /** Stop paging after this many pages even if the server keeps sending full ones. */
  maxPages?: number;
  maxBodyBytes?: number;
  userAgent?: string;
  now?: () => number;
  random?: () => number;
  /** Told when a wait starts (and with null when it ends), for progress reporting. */
  onWait?: (wait: FeedWait | null) => void;
}

/** Real-world defaults: patient with a slow server, never hammering a failing one. */
export const FEED_CLIENT_DEFAULTS = {
  requestTimeoutMs: 30_000,
  maxAttempts: 5,
  backoffBaseMs: 1_000,
  backoffMaxMs: 60_000,
  // The feed's window is 5 minutes; a little more covers clock skew.
  maxWaitMs: 6 * 60_000,
  rateLimitLowWater: 10,
  maxPages: 50,
  maxBodyBytes: 20 * 1024 * 1024,
} as const;

export interface FeedDay {
  day: string;
  /** Valid items, normalized, in feed order (duplicates kept: the ingester stores each once). */
  papers: FeedPaper[];
  /** Items that failed validation. */
  skipped: number;
  /** The first few reasons items were skipped, for the log. */
  skippedReasons: string[];
  pages: number;
}

export interface FeedClient {
  readonly baseUrl: string;
  fetchDay(day: string, signal?: AbortSignal): Promise<FeedDay>;
  /** Requests sent so far (attempts included). */
  readonly requests: number;
}

export function createFeedClient(options: FeedClientOptions): FeedClient {
  const cfg = { ...FEED_CLIENT_DEFAULTS, ...definedOnly(options) };
  const doFetch = options.fetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const base = normalizeBaseUrl(options.baseUrl);
  const host = new URL(base).host;
  const limiter = new RateLimiter(cfg.rateLimitLowWater);
  let requests = 0;
  let heardFromServer = false;

  async function wait(waitInfo: FeedWait, signal: AbortSignal | undefined): Promise<void> {
    if (waitInfo.ms > cfg.maxWaitMs) {
      throw new FeedError(
        'rate-limited',
        `The feed asks to wait ${formatDuration(waitInfo.ms)} before the next request; try again later`,
      );
    }
    options.onWait?.(waitInfo);
    try {
      await sleep(waitInfo.ms, signal);
    } finally {
      options.onWait?.(null);
    }
  }

  function backoffMs(attempt: number): number {
    const ceiling = Math.min(cfg.backoffMaxMs, cfg.backoffBaseMs * 2 ** (attempt - 1));
    return Math.round(ceiling * (0.5 + random() * 0.5));
  }

  /** One attempt: a parsed JSON array, or a FeedError saying why not. */
  async function attempt(url: string, signal: AbortSignal | undefined): Promise<unknown[]> {
    const request = requestSignal(cfg.requestTimeoutMs, signal);
    requests += 1;
    limiter.consume();
    try {
      let response: Response;
      try {
        response = await doFetch(url, {
          signal: request.signal,
          headers: {
            Accept: 'application/json',
            ...(cfg.userAgent ? { 'User-Agent': cfg.userAgent } : {}),
          },
        });
      } catch (error) {
        throw failure(error);
      }
      heardFromServer = true;
      limiter.observe(response.headers, now());
      const status = classifyStatus(response.status);
      if (status === 'rate-limited') {
        await response.body?.cancel().catch(() => undefined);
        const waitMs = limiter.blockAfter429(response.headers, now(), 0);
        throw new FeedError(
          'rate-limited',
          `The feed is rate limiting us${waitMs > 0 ? ` for ${formatDuration(waitMs)}` : ''}`,
          { status: 429 },
        );
      }
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        const kind = status === 'server' ? 'server' : 'http';
        const error = new FeedError(
          kind,
          `The feed answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
          { status: response.status },
        );
        if (kind === 'server') limiter.blockForRetryAfter(response.headers, now());
        throw error;
      }
      let text: string;
      try {
        text = await readCapped(response, cfg.maxBodyBytes);
      } catch (error) {
        if (error instanceof FeedError) throw error;
        throw failure(error);
      }
      return parseArray(text, response.headers.get('content-type'));
    } finally {
      request.dispose();
    }

    function failure(error: unknown): FeedError {
      if (signal?.aborted) return cancelled(error);
      if (request.timedOut()) {
        return new FeedError(
          'timeout',
          `The feed did not answer within ${formatDuration(cfg.requestTimeoutMs)}`,
          { cause: error },
        );
      }
      return classifyFetchError(error, host);
    }
  }

  /** GET with pacing, retries and backoff. */
  async function getArray(url: string, signal: AbortSignal | undefined): Promise<unknown[]> {
    let lastError: FeedError | null = null;
    for (let n = 1; n <= cfg.maxAttempts; n += 1) {
      if (signal?.aborted) throw cancelled(signal.reason);
      const pacing = limiter.delayBeforeNext(now());
      if (pacing) await wait({ reason: pacing.reason, ms: pacing.ms }, signal);
      try {
        return await attempt(url, signal);
      } catch (error) {
        if (!(error instanceof FeedError)) throw error;
        lastError = error;
        if (error.kind === 'cancelled') throw error;
        // Offline is a normal state: say so at once instead of retrying into the void.
        if (error.kind === 'unreachable' && !heardFromServer) throw error;
        const is429 = error.status === 429;
        if (!is429 && !error.isRetryable) throw error;
        if (n === cfg.maxAttempts) break;
        // A 429 (or a 5xx with Retry-After) has told the limiter how long to wait, and the
        // pacing at the top of the loop honours it; without such a hint, back off.
        if (!limiter.delayBeforeNext(now())) {
          const reason = is429 ? 'rate-limit' : 'retry';
          await wait({ reason, ms: backoffMs(n), message: error.message }, signal);
        }
      }
    }
    throw lastError ?? new FeedError('network', 'The feed request failed');
  }

  async function fetchDay(day: string, signal?: AbortSignal): Promise<FeedDay> {
    const result: FeedDay = { day, papers: [], skipped: 0, skippedReasons: [], pages: 0 };
    const seen = new Set<string>();
    for (let page = 0; page < cfg.maxPages; page += 1) {
      const url = `${base}/api/daily_papers?date=${day}&limit=${FEED_PAGE_SIZE}&p=${page}`;
      const items = await getArray(url, signal);
      result.pages += 1;
      let fresh = 0;
      for (const item of items) {
        const parsed = parseFeedItem(item);
        if (!parsed.ok) {
          result.skipped += 1;
          if (result.skippedReasons.length < 5) result.skippedReasons.push(parsed.reason);
          continue;
        }
        if (!seen.has(parsed.paper.id)) fresh += 1;
        seen.add(parsed.paper.id);
        result.papers.push(parsed.paper);
      }
      if (items.length < FEED_PAGE_SIZE) break;
      // A server that ignores `p` repeats page 0 forever; nothing new means we are done.
      if (page > 0 && fresh === 0) break;
    }
    return result;
  }

  return {
    baseUrl: base,
    fetchDay,
    get requests() {
      return requests;
    },
  };
}

function parseArray(text: string, contentType: string | null): unknown[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const looksHtml = /^\s*</.test(text) || (contentType ?? '').includes('html');
    throw new FeedError(
      'bad-response',
      looksHtml
        ? 'The feed sent a web page instead of JSON'
        : 'The feed sent JSON that could not be read (cut off?)',
    );
  }
  if (!Array.isArray(value)) {
    throw new FeedError('bad-response', 'The feed sent JSON that is not a list of papers');
  }
  return value;
}

/** Read the body, refusing more than `max` bytes (a hostile or broken server cannot fill memory). */
async function readCapped(response: Response, max: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw new FeedError('bad-response', `The feed sent more than ${max} bytes for one page`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function cancelled(cause: unknown): FeedError {
  return new FeedError('cancelled', 'Sync was cancelled', { cause });
}

/** Resolves after `ms`, or rejects as cancelled the moment `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return cancellableSleep(ms, signal, cancelled);
}

/** The feed's base address (see net/base-url.ts); a bad one is a FeedError. */
export function normalizeBaseUrl(url: string): string {
  try {
    return normalizeHttpBaseUrl(url, 'The feed address');
  } catch (error) {
    if (error instanceof BaseUrlError) throw new FeedError('http', error.message);
    throw error;
  }
}

export function formatDuration(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 90) return `${seconds} s`;
  return `${Math.round(seconds / 60)} min`;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

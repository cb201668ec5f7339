/**
 * Politeness towards the feed. Hugging Face sends, on every response,
 *   RateLimit: "api";r=<remaining calls>;t=<seconds until the window resets>
 * and, on a 429, possibly `Retry-After: <seconds | HTTP date>`. We never let
 * `r` run out: once it is low we spread the calls left over the rest of the
 * window, and after a 429 nothing is sent until the server's wait is over.
 */

export interface RateLimitInfo {
  remaining: number;
  resetSeconds: number;
}

/**
 * Parses the IETF draft `RateLimit` field (`"api";r=12;t=30`, possibly several
 * policies separated by commas: the tightest wins) and the older
 * `RateLimit-Remaining` / `RateLimit-Reset` pair. Null when absent or unreadable.
 */
export function parseRateLimit(headers: Headers): RateLimitInfo | null {
  const field = headers.get('ratelimit');
  let best: RateLimitInfo | null = null;
  if (field) {
    for (const item of field.split(',')) {
      const params = new Map<string, string>();
      for (const part of item.split(';').slice(1)) {
        const eq = part.indexOf('=');
        if (eq > 0) params.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
      }
      const remaining = toNonNegative(params.get('r'));
      const resetSeconds = toNonNegative(params.get('t'));
      if (remaining === null || resetSeconds === null) continue;
      if (!best || remaining < best.remaining) best = { remaining, resetSeconds };
    }
  }
  if (best) return best;
  const remaining = toNonNegative(headers.get('ratelimit-remaining'));
  const resetSeconds = toNonNegative(headers.get('ratelimit-reset'));
  return remaining !== null && resetSeconds !== null ? { remaining, resetSeconds } : null;
}

/** `Retry-After` as milliseconds from `now`: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null || value.trim() === '') return null;
  const seconds = toNonNegative(value);
  if (seconds !== null) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function toNonNegative(value: string | null | undefined): number | null {
  if (value == null || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return null;
  return Number(value);
}

export interface PacingDecision {
  ms: number;
  reason: 'rate-limit' | 'slow-down';
}

/** Remembers what the server said and decides how long to wait before the next call. */
export class RateLimiter {
  private remaining: number | null = null;
  private resetAt = 0;
  private blockedUntil = 0;

  /**
   * @param lowWater below this many remaining calls, calls are spread over the
   *   rest of the window instead of sent at once.
   */
  constructor(private readonly lowWater = 10) {}

  /** Record the `RateLimit` of any response. */
  observe(headers: Headers, now: number): void {
    const info = parseRateLimit(headers);
    if (!info) return;
    this.remaining = info.remaining;
    this.resetAt = now + info.resetSeconds * 1000;
  }

  /**
   * After a 429: wait `Retry-After` or the window's `t`, whichever is longer
   * (the server asked for both; honouring the longer never hammers), falling
   * back to `fallbackMs` when the response says neither. Returns the wait.
   */
  blockAfter429(headers: Headers, now: number, fallbackMs: number): number {
    this.observe(headers, now);
    const retryAfter = parseRetryAfter(headers.get('retry-after'), now);
    const info = parseRateLimit(headers);
    const windowWait = info ? info.resetSeconds * 1000 : null;
    const candidates = [retryAfter, windowWait].filter((v): v is number => v !== null);
    const wait = candidates.length > 0 ? Math.max(...candidates) : fallbackMs;
    this.blockedUntil = Math.max(this.blockedUntil, now + wait);
    return wait;
  }

  /** A 5xx may carry `Retry-After` too; it alone sets the wait (the window's `t` is not about errors). */
  blockForRetryAfter(headers: Headers, now: number): void {
    const retryAfter = parseRetryAfter(headers.get('retry-after'), now);
    if (retryAfter !== null) this.blockedUntil = Math.max(this.blockedUntil, now + retryAfter);
  }

  /** How long to wait before the next call, or null to go now. */
  delayBeforeNext(now: number): PacingDecision | null {
    if (this.blockedUntil > now) return { ms: this.blockedUntil - now, reason: 'rate-limit' };
    if (this.remaining === null || this.resetAt <= now) return null;
    const left = this.resetAt - now;
    if (this.remaining <= 0) return { ms: left, reason: 'rate-limit' };
    if (this.remaining > this.lowWater) return null;
    // Spread the calls left evenly over what remains of the window.
    return { ms: Math.ceil(left / (this.remaining + 1)), reason: 'slow-down' };
  }

  /** A call is about to be sent: it uses one of the remaining calls. */
  consume(): void {
    if (this.remaining !== null && this.remaining > 0) this.remaining -= 1;
  }
}

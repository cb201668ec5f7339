/**
 * At most one call per interval, in call order. arXiv asks API clients for
 * no more than one request every 3 seconds; every arXiv request goes through
 * one of these. Time is injectable so tests can check the spacing without
 * waiting for it.
 */
export interface IntervalLimiter {
  run<T>(task: () => Promise<T>): Promise<T>;
}

export interface IntervalLimiterOptions {
  intervalMs: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export const ARXIV_INTERVAL_MS = 3_000;
/**
 * The Hub's papers endpoint, one request per paper of an id list: at most four
 * a second (on top of what its RateLimit header asks), so a 200-id list takes
 * under a minute and never arrives as a burst.
 */
export const HUB_LOOKUP_INTERVAL_MS = 250;

/**
 * The one pacing rule for outbound requests to a host: each starts at least
 * `intervalMs` after the previous one started (retries included), and no sooner
 * than any wait the server asked for. The interval limiter below queues tasks on
 * it; the PDF downloader asks it for each attempt's turn (and shows the wait).
 */
export class Pacer {
  private last = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** When the next request may start: its turn, and at the earliest `waitMs` from now. */
  nextTurn(waitMs = 0): number {
    return Math.max(this.last + this.intervalMs, this.now() + waitMs);
  }

  /** A request starts now (measured from the start: the server sees starts apart). */
  started(): void {
    this.last = this.now();
  }
}

export function createIntervalLimiter(options: IntervalLimiterOptions): IntervalLimiter {
  const now = options.now ?? Date.now;
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const pacer = new Pacer(options.intervalMs, now);
  let queue: Promise<unknown> = Promise.resolve();
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      const result = queue.then(async () => {
        const wait = pacer.nextTurn() - now();
        if (wait > 0) await sleep(wait);
        pacer.started();
        return task();
      });
      queue = result.catch(() => undefined);
      return result;
    },
  };
}

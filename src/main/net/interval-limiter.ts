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

export function createIntervalLimiter(options: IntervalLimiterOptions): IntervalLimiter {
  const now = options.now ?? Date.now;
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let last: number | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      const result = queue.then(async () => {
        if (last !== null) {
          const wait = last + options.intervalMs - now();
          if (wait > 0) await sleep(wait);
        }
        // Measured from the start of a request: the server sees starts 3 s apart.
        last = now();
        return task();
      });
      queue = result.catch(() => undefined);
      return result;
    },
  };
}

/**
 * Resolves after `ms`, or rejects the moment `signal` aborts, with what
 * `cancelled(reason)` builds (each client says "cancelled" in its own words).
 */
export function sleep(
  ms: number,
  signal: AbortSignal | undefined,
  cancelled: (reason: unknown) => Error,
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(cancelled(signal.reason));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelled(signal?.reason));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * A request's signal: the caller's (cancellation) combined with its own
 * timeout. `timedOut()` says which one fired; `dispose()` clears the timer.
 */
export function requestSignal(
  timeoutMs: number,
  caller?: AbortSignal,
): { signal: AbortSignal; timedOut(): boolean; dispose(): void } {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timeoutMs);
  return {
    signal: caller ? AbortSignal.any([caller, timeout.signal]) : timeout.signal,
    timedOut: () => timeout.signal.aborted,
    dispose: () => clearTimeout(timer),
  };
}

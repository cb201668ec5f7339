import { AppError } from '../../shared/errors';
import { fetchErrorCode, innermostMessage, isOfflineError } from '../net/errors';

/**
 * Why a feed request failed. The kind decides what happens next:
 *  - `unreachable`: no connection at all (offline, DNS, refused): the run ends calmly as offline.
 *  - `timeout`, `network`, `server`, `bad-response`: worth another try with backoff.
 *  - `http`: the server refused the request itself (400, 404): retrying cannot help.
 *  - `rate-limited`: the server asked us to wait longer than we are willing to.
 *  - `cancelled`: the user (or shutdown) stopped the run.
 */
export type FeedFailureKind =
  | 'unreachable'
  | 'timeout'
  | 'network'
  | 'server'
  | 'bad-response'
  | 'http'
  | 'rate-limited'
  | 'cancelled';

const RETRYABLE: ReadonlySet<FeedFailureKind> = new Set([
  'unreachable',
  'timeout',
  'network',
  'server',
  'bad-response',
]);

export class FeedError extends AppError {
  readonly kind: FeedFailureKind;
  readonly status: number | null;

  constructor(
    kind: FeedFailureKind,
    message: string,
    options: { status?: number; cause?: unknown } = {},
  ) {
    super(
      kind === 'cancelled' ? 'cancelled' : kind === 'rate-limited' ? 'rate_limited' : 'network',
      message,
      { cause: options.cause },
    );
    this.name = 'FeedError';
    this.kind = kind;
    this.status = options.status ?? null;
  }

  get isRetryable(): boolean {
    return RETRYABLE.has(this.kind);
  }
}

/** Turn whatever fetch threw into a FeedError (net/errors.ts decides offline or not). */
export function classifyFetchError(error: unknown, host: string): FeedError {
  const code = fetchErrorCode(error);
  if (isOfflineError(error)) {
    const why =
      code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? 'its name could not be resolved'
        : code === 'ECONNREFUSED'
          ? 'the connection was refused'
          : 'there is no network route to it';
    return new FeedError('unreachable', `Could not reach the feed at ${host}: ${why}`, {
      cause: error,
    });
  }
  const why = code ?? innermostMessage(error);
  const detail = why ? ` (${why})` : '';
  return new FeedError('network', `The connection to ${host} failed${detail}`, { cause: error });
}

import { AppError } from '../../shared/errors';

/**
 * One GET for add-by-id lookups. Single papers, so no paging or retry loop
 * (the sync client has those): a timeout, a size cap, and failures turned
 * into messages that say which service failed and what to do.
 */
export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
}

export interface GetOptions {
  /** Who we are talking to, for messages: "Hugging Face", "arXiv". */
  service: string;
  timeoutMs?: number;
  maxBytes?: number;
  accept?: string;
  fetch?: typeof globalThis.fetch;
  signal?: AbortSignal;
}

const USER_AGENT = 'Papershelf/0.1 (+https://github.com/papershelf/papershelf)';

export async function httpGet(url: string, options: GetOptions): Promise<HttpResponse> {
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 30_000);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await doFetch(url, {
      signal,
      headers: { accept: options.accept ?? '*/*', 'user-agent': USER_AGENT },
      redirect: 'follow',
    });
  } catch (error) {
    if (options.signal?.aborted) throw new AppError('cancelled', 'Cancelled', { cause: error });
    if (timeout.aborted) {
      throw new AppError('network', `${options.service} did not answer in time (${url})`, {
        cause: error,
      });
    }
    throw new AppError(
      'network',
      `Cannot reach ${options.service} (${new URL(url).host}): ${reason(error)}. Are you offline?`,
      { cause: error },
    );
  }
  const maxBytes = options.maxBytes ?? 20 * 1024 * 1024;
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new AppError('network', `${options.service} sent an answer too large to read`);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw new AppError('network', `${options.service} broke off its answer: ${reason(error)}`, {
      cause: error,
    });
  }
  if (response.status === 429) {
    const wait = response.headers.get('retry-after');
    throw new AppError(
      'rate_limited',
      `${options.service} asks us to slow down${wait ? ` (try again in ${wait} s)` : ''}`,
    );
  }
  if (response.status >= 500) {
    throw new AppError(
      'network',
      `${options.service} failed (HTTP ${response.status}); try again later`,
    );
  }
  return { status: response.status, headers: response.headers, text };
}

function reason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

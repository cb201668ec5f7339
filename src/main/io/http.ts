import { AppError } from '../../shared/errors';
import {
  classifyFetchFailure,
  classifyStatus,
  fetchErrorCode,
  innermostMessage,
} from '../net/errors';
import { requestSignal } from '../net/sleep';
import { USER_AGENT } from '../net/user-agent';

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

export async function httpGet(url: string, options: GetOptions): Promise<HttpResponse> {
  // The timeout covers the whole answer, body included.
  const request = requestSignal(options.timeoutMs ?? 30_000, options.signal);
  try {
    return await getWithin(url, options, request);
  } finally {
    request.dispose();
  }
}

async function getWithin(
  url: string,
  options: GetOptions,
  request: ReturnType<typeof requestSignal>,
): Promise<HttpResponse> {
  const doFetch = options.fetch ?? globalThis.fetch;
  let response: Response;
  try {
    response = await doFetch(url, {
      signal: request.signal,
      headers: { accept: options.accept ?? '*/*', 'user-agent': USER_AGENT },
      redirect: 'follow',
    });
  } catch (error) {
    const kind = classifyFetchFailure(error, {
      cancelled: options.signal?.aborted,
      timedOut: request.timedOut(),
    });
    if (kind === 'cancelled') throw new AppError('cancelled', 'Cancelled', { cause: error });
    if (kind === 'timeout') {
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
  const status = classifyStatus(response.status);
  if (status === 'rate-limited') {
    const wait = response.headers.get('retry-after');
    throw new AppError(
      'rate_limited',
      `${options.service} asks us to slow down${wait ? ` (try again in ${wait} s)` : ''}`,
    );
  }
  if (status === 'server' && response.status >= 500) {
    throw new AppError(
      'network',
      `${options.service} failed (HTTP ${response.status}); try again later`,
    );
  }
  return { status: response.status, headers: response.headers, text };
}

function reason(error: unknown): string {
  return (
    fetchErrorCode(error) ??
    innermostMessage(error) ??
    (error instanceof Error ? error.message : String(error))
  );
}

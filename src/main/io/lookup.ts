import { AppError } from '../../shared/errors';
import type { FeedPaper } from '../library/feed-paper';
import type { ArxivClient } from './arxiv';
import { RateLimiter } from '../net/rate-limit';
import { fetchHfPaper } from './hf-papers';
import type { IntervalLimiter } from '../net/interval-limiter';

/**
 * Finds papers online: Hugging Face first (it has upvotes, AI summaries,
 * GitHub links), arXiv for what the Hub does not know (one batched request
 * per 50 ids, spaced as arXiv asks).
 */
export interface Found {
  paper: FeedPaper;
  from: 'huggingface' | 'arxiv';
}

export interface LookupOptions {
  hfBase: string;
  arxiv: ArxivClient;
  fetch?: typeof globalThis.fetch;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /**
   * Spaces the Hub's requests (one per paper), as arXiv's limiter spaces its
   * batches; absent, they go one after another with no pause (add-by-id: one paper).
   */
  hubLimiter?: IntervalLimiter;
}

/**
 * The most papers one import looks up online. A list is typed or pasted by a
 * person; a file of thousands of ids is more likely a mistake (or a file made
 * to have the app hammer two services) than a reading list.
 */
export const MAX_LOOKUPS_PER_IMPORT = 200;

export async function lookupPapers(
  ids: string[],
  options: LookupOptions,
): Promise<{ found: Map<string, Found>; missing: string[] }> {
  const found = new Map<string, Found>();
  const notOnHub: string[] = [];
  let hubLimited = false;
  // Paced like the feed client: the Hub's RateLimit header spreads the calls
  // left over its window, and nothing is sent while it asks us to wait.
  const rate = new RateLimiter();
  const hubLimiter = options.hubLimiter;
  for (const id of ids) {
    throwIfCancelled(options.signal);
    let paper = null;
    if (!hubLimited) {
      try {
        const pacing = rate.delayBeforeNext(Date.now());
        if (pacing) await sleep(pacing.ms, options.signal);
        const fetchOne = () =>
          fetchHfPaper(options.hfBase, id, {
            ...options,
            onHeaders: (headers) => rate.observe(headers, Date.now()),
          });
        rate.consume();
        paper = await (hubLimiter ? hubLimiter.run(fetchOne) : fetchOne());
      } catch (error) {
        throwIfCancelled(options.signal);
        // A long list can run into the Hub's rate limit: arXiv takes the rest
        // (50 ids per request) rather than failing the whole import.
        if (!(error instanceof AppError && error.code === 'rate_limited')) throw error;
        hubLimited = true;
      }
    }
    if (paper) found.set(id, { paper: { ...paper, id }, from: 'huggingface' });
    else notOnHub.push(id);
    // Progress counts papers found; those left for arXiv count when its batch is back.
    options.onProgress?.(found.size, ids.length);
  }
  if (notOnHub.length > 0) {
    throwIfCancelled(options.signal);
    const fromArxiv = await options.arxiv.fetchPapers(notOnHub, options.signal).catch((error) => {
      throwIfCancelled(options.signal);
      throw error;
    });
    for (const id of notOnHub) {
      const entry = fromArxiv.get(id);
      if (entry) found.set(id, { paper: entry.paper, from: 'arxiv' });
    }
  }
  options.onProgress?.(ids.length, ids.length);
  return { found, missing: ids.filter((id) => !found.has(id)) };
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AppError('cancelled', 'The lookup was cancelled');
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

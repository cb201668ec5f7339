import { AppError } from '../../shared/errors';
import type { FeedPaper } from '../sync/feed-schema';
import type { ArxivClient } from './arxiv';
import { fetchHfPaper } from './hf-papers';

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
}

export async function lookupPapers(
  ids: string[],
  options: LookupOptions,
): Promise<{ found: Map<string, Found>; missing: string[] }> {
  const found = new Map<string, Found>();
  const notOnHub: string[] = [];
  let hubLimited = false;
  for (const id of ids) {
    let paper = null;
    if (!hubLimited) {
      try {
        paper = await fetchHfPaper(options.hfBase, id, options);
      } catch (error) {
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
    const fromArxiv = await options.arxiv.fetchPapers(notOnHub, options.signal);
    for (const id of notOnHub) {
      const entry = fromArxiv.get(id);
      if (entry) found.set(id, { paper: entry.paper, from: 'arxiv' });
    }
  }
  options.onProgress?.(ids.length, ids.length);
  return { found, missing: ids.filter((id) => !found.has(id)) };
}

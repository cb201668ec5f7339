import { XMLParser } from 'fast-xml-parser';
import { parsePaperRef } from '../../shared/api/io';
import { AppError } from '../../shared/errors';
import {
  cleanLine,
  normalizeAbstract,
  paperFromMetadata,
  type FeedPaper,
} from '../library/feed-paper';
import { httpGet } from './http';
import type { IntervalLimiter } from '../net/interval-limiter';

/**
 * The arXiv export API (Atom), the fallback when Hugging Face does not know a
 * paper. `GET {base}/api/query?id_list=a,b`. Errors come back as HTTP 200 with
 * one entry titled "Error"; a well-formed id arXiv does not have simply has
 * no entry.
 */
export const DEFAULT_ARXIV_URL = 'https://export.arxiv.org';
/** arXiv's own advice: modest batches. */
export const ARXIV_BATCH = 50;

export interface ArxivPaper {
  paper: FeedPaper;
  primaryCategory: string | null;
}

export type AtomResult = { ok: true; papers: ArxivPaper[] } | { ok: false; error: string };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => ['entry', 'author', 'link', 'category'].includes(name),
});

interface AtomEntry {
  id?: unknown;
  title?: unknown;
  summary?: unknown;
  published?: unknown;
  author?: Array<{ name?: unknown }>;
  primary_category?: { '@_term'?: unknown };
}

const text = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';

export function parseArxivAtom(xml: string): AtomResult {
  let doc: { feed?: { entry?: AtomEntry[] } | '' };
  try {
    doc = parser.parse(xml, true) as typeof doc;
  } catch (error) {
    return { ok: false, error: `arXiv sent something that is not Atom XML (${String(error)})` };
  }
  if (doc.feed === undefined) return { ok: false, error: 'arXiv sent an answer without a feed' };
  const papers: ArxivPaper[] = [];
  // An empty <feed/> parses as ''.
  for (const entry of (doc.feed || {}).entry ?? []) {
    const entryId = text(entry.id);
    const title = cleanLine(text(entry.title));
    if (title === 'Error' && entryId.includes('/api/errors')) {
      const why = cleanLine(text(entry.summary)) || 'unknown error';
      return { ok: false, error: `arXiv rejected the request: ${why}` };
    }
    const ref = parsePaperRef(entryId);
    if (!ref || title === '') continue;
    const published = Date.parse(text(entry.published));
    papers.push({
      paper: paperFromMetadata({
        id: ref.id,
        title,
        abstract: normalizeAbstract(text(entry.summary)),
        authors: (entry.author ?? [])
          .map((a) => cleanLine(text(a.name)))
          .filter((name) => name !== '')
          .map((name) => ({ name, hidden: false })),
        publishedAt: Number.isNaN(published) ? null : new Date(published).toISOString(),
      }),
      primaryCategory: text(entry.primary_category?.['@_term']) || null,
    });
  }
  return { ok: true, papers };
}

export interface ArxivClient {
  /** The papers arXiv has among `ids` (bare ids), keyed by id. Throws on arXiv's Error entry. */
  fetchPapers(ids: string[], signal?: AbortSignal): Promise<Map<string, ArxivPaper>>;
}

export function createArxivClient(options: {
  baseUrl: string;
  limiter: IntervalLimiter;
  fetch?: typeof globalThis.fetch;
}): ArxivClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  return {
    async fetchPapers(ids, signal) {
      const found = new Map<string, ArxivPaper>();
      for (let i = 0; i < ids.length; i += ARXIV_BATCH) {
        const batch = ids.slice(i, i + ARXIV_BATCH);
        const url = `${base}/api/query?id_list=${batch.map(encodeURIComponent).join(',')}&max_results=${batch.length}`;
        const response = await options.limiter.run(() =>
          httpGet(url, {
            service: 'arXiv',
            accept: 'application/atom+xml',
            fetch: options.fetch,
            signal,
          }),
        );
        if (response.status !== 200) {
          throw new AppError('network', `arXiv answered HTTP ${response.status} for ${url}`);
        }
        const result = parseArxivAtom(response.text);
        if (!result.ok) throw new AppError('invalid_input', result.error);
        for (const entry of result.papers) found.set(entry.paper.id, entry);
      }
      return found;
    },
  };
}

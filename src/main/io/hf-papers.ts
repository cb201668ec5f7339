import { AppError } from '../../shared/errors';
import { parseFeedItem, type FeedPaper } from '../library/feed-paper';
import { httpGet } from './http';

/**
 * Hugging Face's `GET {base}/api/papers/<id>`: one flat paper object (the
 * `paper` of a Daily Papers item), 404 when the Hub does not know it.
 */
export async function fetchHfPaper(
  baseUrl: string,
  id: string,
  options: {
    fetch?: typeof globalThis.fetch;
    signal?: AbortSignal;
    /** Sees every answer's headers (its RateLimit paces the next request). */
    onHeaders?: (headers: Headers) => void;
  } = {},
): Promise<FeedPaper | null> {
  // Ids are validated ([A-Za-z0-9./-]); old-style ids keep their slash, as on the Hub.
  const url = `${baseUrl.replace(/\/+$/, '')}/api/papers/${id}`;
  const response = await httpGet(url, {
    service: 'Hugging Face',
    accept: 'application/json',
    fetch: options.fetch,
    signal: options.signal,
  });
  options.onHeaders?.(response.headers);
  if (response.status === 404) return null;
  if (response.status !== 200) {
    throw new AppError('network', `Hugging Face answered HTTP ${response.status} for ${url}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(response.text);
  } catch {
    throw new AppError('network', `Hugging Face sent a paper that is not JSON (${url})`);
  }
  // The flat paper is the `paper` of a feed item: reuse the feed's validation.
  const parsed = parseFeedItem({ paper: json });
  if (!parsed.ok) {
    throw new AppError('network', `Hugging Face sent an unreadable paper ${id}: ${parsed.reason}`);
  }
  return parsed.paper;
}

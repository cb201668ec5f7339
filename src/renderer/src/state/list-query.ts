import type { PaperSummary, ReadingStatus, SortKey, View } from '../../../shared/domain';

/** The list's sorts: the library's, and For you (the discovery model's ranking). */
export type ListSort = SortKey | 'foryou';
export const LIST_SORTS: readonly ListSort[] = ['featured', 'upvotes', 'title', 'added', 'foryou'];
import { tagInScope } from '../../../shared/tag-scope';

/**
 * What the paper list shows: a view (optionally narrowed to a tag or a feed
 * day), or — when `search` is set — search results within that scope (or the
 * whole library with `everywhere`), ranked by relevance.
 */
export interface ListQuery {
  view: View;
  tag: string | null;
  day: string | null;
  sort: ListSort;
  search: { text: string; everywhere: boolean } | null;
}

export function queryKey(q: ListQuery): string {
  return JSON.stringify([q.view, q.tag, q.day, q.sort, q.search?.text, q.search?.everywhere]);
}

/**
 * A tag filter matches the tag, its children (`ml` matches `ml/pruning`) and nested
 * tags ending in it (`pruning` matches `ml/pruning`), like the service.
 */
export function hasTagOrChild(tags: string[], tag: string): boolean {
  const lower = tag.toLowerCase();
  return tags.some((t) => tagInScope(t.toLowerCase(), lower));
}

/**
 * Would this paper still be in the list after a local change? Used to take a
 * triaged paper out of the view at once, before the service answers.
 */
export function stillMatches(paper: PaperSummary, q: ListQuery): boolean {
  if (q.search?.everywhere) return true;
  if (q.view === 'starred' && !paper.starred) return false;
  if (q.view !== 'starred' && q.view !== 'all' && paper.status !== (q.view as ReadingStatus)) {
    return false;
  }
  if (q.tag && !hasTagOrChild(paper.tags, q.tag)) return false;
  return true;
}

import { SORT_KEYS, type PaperSummary, type SortKey, type View } from '../../../shared/domain';
import { paperInScope, tagsInScope } from '../../../shared/tag-scope';

/** The list's sorts: the library's, and For you (the discovery model's ranking). */
export type ListSort = SortKey | 'foryou';
export const LIST_SORTS: readonly ListSort[] = [...SORT_KEYS, 'foryou'];

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
  /** The Today view: papers arrived since this moment (as openToday answered it). */
  today?: string | null;
}

export function queryKey(q: ListQuery): string {
  return JSON.stringify([
    q.view,
    q.tag,
    q.day,
    q.sort,
    q.search?.text,
    q.search?.everywhere,
    q.today ?? null,
  ]);
}

/**
 * A tag filter matches the tag, its children (`ml` matches `ml/pruning`) and nested
 * tags ending in it (`pruning` matches `ml/pruning`), like the service.
 */
export function hasTagOrChild(tags: string[], tag: string): boolean {
  return tagsInScope(tags, tag);
}

/**
 * Would this paper still be in the list after a local change? Used to take a
 * triaged paper out of the view at once, before the service answers.
 */
export function stillMatches(paper: PaperSummary, q: ListQuery): boolean {
  if (q.search?.everywhere) return true;
  // Today holds what arrived, archived papers aside (archiving the rest takes them out).
  if (q.today && !q.search) return paper.status !== 'archived';
  return paperInScope(paper, q);
}

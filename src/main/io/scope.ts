import type { Kysely } from 'kysely';
import type { ExportScope } from '../../shared/api/io';
import { AppError } from '../../shared/errors';
import type { Database } from '../db/schema';
import { listPaperIds } from '../library/papers-repo';

/** The ids an export covers, sorted; `complete` when the scope is the whole library. */
/** Every id a search query matches within a view/tag/day (the search module answers). */
export type SearchIds = (
  query: string,
  scope: Omit<ExportScope, 'query' | 'ids'>,
) => Promise<string[]>;

export async function resolveScope(
  db: Kysely<Database>,
  scope: ExportScope,
  searchIds?: SearchIds,
): Promise<{ ids: string[]; complete: boolean }> {
  if (scope.query !== undefined) {
    if (!searchIds) throw new AppError('unsupported', 'Search is not available in this build');
    let ids = await searchIds(scope.query, { view: scope.view, tag: scope.tag, day: scope.day });
    if (scope.ids) {
      const chosen = new Set(scope.ids);
      ids = ids.filter((id) => chosen.has(id));
    }
    ids.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return { ids, complete: false };
  }
  const complete =
    scope.view === undefined &&
    scope.tag === undefined &&
    scope.day === undefined &&
    scope.ids === undefined;
  const ids = await listPaperIds(
    db,
    { view: scope.view ?? 'all', tag: scope.tag, day: scope.day, ids: scope.ids },
    'featured',
    0,
    Number.MAX_SAFE_INTEGER,
  );
  ids.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { ids, complete };
}

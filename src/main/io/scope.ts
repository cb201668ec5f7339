import type { Kysely } from 'kysely';
import type { ExportScope } from '../../shared/api/io';
import { AppError } from '../../shared/errors';
import type { Database } from '../db/schema';
import { listPaperIds } from '../library/papers-repo';

/** The ids an export covers, sorted; `complete` when the scope is the whole library. */
export async function resolveScope(
  db: Kysely<Database>,
  scope: ExportScope,
): Promise<{ ids: string[]; complete: boolean }> {
  if (scope.query !== undefined) {
    // The search module is not in this build yet: the UI passes the result ids instead.
    throw new AppError(
      'unsupported',
      'Exporting by search query is not available yet; select the results and export the selection',
    );
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

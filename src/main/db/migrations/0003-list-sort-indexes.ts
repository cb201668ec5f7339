import { sql, type Kysely } from 'kysely';

/**
 * One index per list sort, in exactly the order the list reads (`listPaperIds`:
 * the sort key, then `id` to break ties), so a page of the list is a short walk
 * along an index at any offset instead of sorting the whole library per page
 * (about 170 ms for 50,000 papers, on every scroll page). `status` and
 * `starred` ride along so a view (Inbox, Starred, ...) is filtered inside the
 * index without touching the table. The `featured` key is the very expression
 * the list orders by: SQLite only uses an expression index for an identical
 * expression.
 *
 * Frozen: takes Kysely<any> and must not change with the app's types.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- frozen migration, see above
export async function up(db: Kysely<any>): Promise<void> {
  const indexes = [
    'papers_list_featured on papers (coalesce(last_featured_day, substr(added_at, 1, 10)) desc, upvotes desc, id, status, starred)',
    'papers_list_upvotes on papers (upvotes desc, id, status, starred)',
    'papers_list_title on papers (title collate nocase, id, status, starred)',
    'papers_list_added on papers (added_at desc, id, status, starred)',
  ];
  for (const index of indexes) await sql.raw(`create index ${index}`).execute(db);
}

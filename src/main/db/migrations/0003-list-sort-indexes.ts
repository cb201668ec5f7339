import { sql, type Kysely } from 'kysely';

/**
 * An index for each list sort whose key grows as papers arrive — featured day
 * and date added — in exactly the order the list reads (`listPaperIds`: the
 * sort key, then `id` to break ties), so a page is a short walk along an index
 * at any offset instead of a sort of the whole library per page (about 170 ms
 * for 50,000 papers). `status` and `starred` ride along so a view (Inbox,
 * Starred, ...) is filtered inside the index without touching the table. The
 * `featured` key is the very expression the list orders by: SQLite only uses
 * an expression index for an identical expression.
 *
 * Title and upvotes get no index: new papers would land at random places in
 * it, dirtying a page per paper on every sync (measured: such indexes nearly
 * doubled the cost of writing a synced day). Those sorts are read once per
 * change and paged from memory (library/sorted-ids-cache.ts). The single-column
 * indexes on last_featured_day and added_at are replaced by these.
 *
 * Frozen: takes Kysely<any> and must not change with the app's types.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- frozen migration, see above
export async function up(db: Kysely<any>): Promise<void> {
  const indexes = [
    'papers_list_featured on papers (coalesce(last_featured_day, substr(added_at, 1, 10)) desc, upvotes desc, id, status, starred)',
    'papers_list_added on papers (added_at desc, id, status, starred)',
  ];
  for (const index of indexes) await sql.raw(`create index ${index}`).execute(db);
  await db.schema.dropIndex('papers_last_featured_day').execute();
  await db.schema.dropIndex('papers_added_at').execute();
}

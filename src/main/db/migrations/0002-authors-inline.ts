import { sql, type Kysely } from 'kysely';

/**
 * A paper's authors move from the `paper_authors` table into a JSON column of
 * the paper itself: `[{"name": "Ada Lovelace", "hidden": false}, ...]`, in
 * order. They are only ever read and written as a whole list with their paper,
 * and a row per author made sync write about eight rows per paper (a 50k-paper
 * backfill wrote 400k author rows). The text is exactly what
 * `JSON.stringify(authors)` makes, so sync can compare a stored list with a
 * fetched one as strings.
 *
 * Frozen: takes Kysely<any> and must not change with the app's types.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- frozen migration, see above
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('papers')
    .addColumn('authors', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await sql`
    update papers set authors = (
      select json_group_array(
               json_object('name', a.name, 'hidden', json(iif(a.hidden, 'true', 'false')))
               order by a.position)
      from paper_authors a where a.paper_id = papers.id)
    where exists (select 1 from paper_authors a where a.paper_id = papers.id)`.execute(db);
  await db.schema.dropTable('paper_authors').execute();
}

import { sql, type Kysely } from 'kysely';

/**
 * The index on `papers.source` held every paper, so sync added an entry to it
 * for each new paper (and wrote its page into every synced day's commit), yet
 * the only questions asked of it are about the bundled sample papers: how many
 * there are, and which to remove. It becomes a partial index of just those, so
 * feed, imported and added papers never touch it.
 *
 * A query uses it only when its WHERE says `source = 'sample'` in those words
 * (papers-repo.ts writes the value as a literal for that reason).
 *
 * It also drops two indexes only a development build made: migration 0003 as
 * first committed (9f7e5ab) also indexed the title and upvotes sorts, and a
 * library opened by that build still has them. New papers land at random
 * places in both, which makes every synced day slower (see 0003).
 *
 * Frozen: takes Kysely<any> and must not change with the app's types.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- frozen migration, see above
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index papers_sample on papers (source) where source = 'sample'`.execute(db);
  await db.schema.dropIndex('papers_source').execute();
  for (const stale of ['papers_list_upvotes', 'papers_list_title']) {
    await db.schema.dropIndex(stale).ifExists().execute();
  }
}

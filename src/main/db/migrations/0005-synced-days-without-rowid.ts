import { sql, type Kysely } from 'kysely';

/**
 * `synced_days` is keyed by its text `day`, so as an ordinary table it was
 * two b-trees: the rows by a hidden rowid, and an index (the primary key) from
 * day to rowid. Every synced day wrote a page of each into its commit. As a
 * WITHOUT ROWID table the rows live in the primary key itself (they are a few
 * dozen bytes, the case SQLite recommends it for): one b-tree, one page per
 * synced day. Columns, constraints and rows are unchanged.
 *
 * Frozen: takes Kysely<any> and must not change with the app's types.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- frozen migration, see above
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table synced_days_new (day text primary key not null, fetched_at text not null,
    count integer not null, skipped integer default 0 not null) without rowid`.execute(db);
  await sql`insert into synced_days_new (day, fetched_at, count, skipped)
    select day, fetched_at, count, skipped from synced_days where day is not null`.execute(db);
  await db.schema.dropTable('synced_days').execute();
  await sql`alter table synced_days_new rename to synced_days`.execute(db);
}

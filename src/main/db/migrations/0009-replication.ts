import { sql, type Kysely } from 'kysely';

/**
 * Several devices, one library (issue 21): the replication log beside the tables.
 *
 * - `replica_updates`: the Yjs document of the user's own data, as the updates
 *   that built it (compacted into one row now and then). A remote update is
 *   appended in the same transaction that applies it to the tables, so the two
 *   never disagree after a crash.
 * - `replica_tag_ids`: which replicated tag (a stable id shared by every device)
 *   each local tag is. No foreign key: a deleted tag's row says which replicated
 *   tag to mark deleted, and goes once that is recorded.
 * - `replica_pending`: papers the document holds user data for that this
 *   library does not have yet (a feed day not synced here); applied once they arrive.
 * - `replica_state`: this device's id, the relay link, the last exchange.
 *
 * Frozen: takes Kysely<any> and must not change with the app's types.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- frozen migration, see above
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table replica_updates (
    seq integer primary key autoincrement,
    data blob not null
  )`.execute(db);
  await sql`create table replica_tag_ids (
    tag_id integer primary key,
    doc_id text not null unique
  )`.execute(db);
  await sql`create table replica_pending (
    paper_id text primary key
  ) without rowid`.execute(db);
  await sql`create table replica_state (
    key text primary key,
    value text not null
  ) without rowid`.execute(db);
}

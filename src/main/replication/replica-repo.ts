import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema';

type Db = Kysely<Database> | Transaction<Database>;

const inJson = (ids: string[]) =>
  sql<string>`(select value from json_each(${JSON.stringify(ids)}))`;

/** A paper's user-owned state as SQLite holds it. */
export interface LocalPaperState {
  id: string;
  status: string;
  starred: 0 | 1;
  source: string;
  tagIds: number[];
  note: string | null;
}

/**
 * The user state of `ids`, or (`null`) of every paper that has any: a status
 * other than inbox, a star, a tag, a note, or a hand-added source. Feed papers
 * nobody touched are not read, so a first link of a big library stays cheap.
 */
export async function readLocalState(
  db: Db,
  ids: string[] | null,
): Promise<Map<string, LocalPaperState>> {
  let query = db.selectFrom('papers').select(['id', 'status', 'starred', 'source']);
  if (ids) query = query.where('id', 'in', inJson(ids));
  else
    query = query.where((eb) =>
      eb.or([
        eb('status', '!=', 'inbox'),
        eb('starred', '=', 1),
        eb('source', 'in', ['manual', 'import']),
        eb.exists(
          eb.selectFrom('paper_tags').select('tag_id').whereRef('paper_id', '=', 'papers.id'),
        ),
        eb.exists(eb.selectFrom('notes').select('paper_id').whereRef('paper_id', '=', 'papers.id')),
      ]),
    );
  const rows = await query.execute();
  const out = new Map<string, LocalPaperState>();
  for (const row of rows) out.set(row.id, { ...row, tagIds: [], note: null });
  const found = [...out.keys()];
  if (found.length === 0) return out;
  const links = await db
    .selectFrom('paper_tags')
    .select(['paper_id', 'tag_id'])
    .where('paper_id', 'in', inJson(found))
    .execute();
  for (const link of links) out.get(link.paper_id)?.tagIds.push(link.tag_id);
  const notes = await db
    .selectFrom('notes')
    .select(['paper_id', 'markdown'])
    .where('paper_id', 'in', inJson(found))
    .execute();
  for (const note of notes) out.get(note.paper_id)!.note = note.markdown;
  return out;
}

export async function existingPaperIds(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('papers').select('id').where('id', 'in', inJson(ids)).execute();
  return new Set(rows.map((r) => r.id));
}

export async function readTagRows(
  db: Db,
): Promise<Array<{ id: number; name: string; color: string }>> {
  return db.selectFrom('tags').select(['id', 'name', 'color']).orderBy('id').execute();
}

export async function readTagMapping(db: Db): Promise<Map<number, string>> {
  const rows = await db.selectFrom('replica_tag_ids').select(['tag_id', 'doc_id']).execute();
  return new Map(rows.map((r) => [r.tag_id, r.doc_id]));
}

export async function mapTag(db: Db, tagId: number, docId: string): Promise<void> {
  await db.deleteFrom('replica_tag_ids').where('doc_id', '=', docId).execute();
  await db
    .insertInto('replica_tag_ids')
    .values({ tag_id: tagId, doc_id: docId })
    .onConflict((oc) => oc.column('tag_id').doUpdateSet({ doc_id: docId }))
    .execute();
}

export async function unmapTag(db: Db, tagId: number): Promise<void> {
  await db.deleteFrom('replica_tag_ids').where('tag_id', '=', tagId).execute();
}

export async function readUpdates(db: Db): Promise<Uint8Array[]> {
  const rows = await db.selectFrom('replica_updates').select('data').orderBy('seq').execute();
  return rows.map((r) => r.data);
}

export async function appendUpdates(db: Db, updates: Uint8Array[]): Promise<void> {
  if (updates.length === 0) return;
  await db
    .insertInto('replica_updates')
    .values(updates.map((data) => ({ data })))
    .execute();
}

export async function countUpdates(db: Db): Promise<number> {
  const row = await db
    .selectFrom('replica_updates')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Replace the log by one snapshot of the document (in a transaction). */
export async function replaceUpdates(db: Db, snapshot: Uint8Array): Promise<void> {
  await db.deleteFrom('replica_updates').execute();
  await db.insertInto('replica_updates').values({ data: snapshot }).execute();
}

export async function clearReplica(db: Db): Promise<void> {
  await db.deleteFrom('replica_updates').execute();
  await db.deleteFrom('replica_tag_ids').execute();
  await db.deleteFrom('replica_pending').execute();
  await db.deleteFrom('replica_state').execute();
}

export async function readPending(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom('replica_pending').select('paper_id').execute();
  return new Set(rows.map((r) => r.paper_id));
}

export async function setPending(db: Db, add: string[], remove: string[]): Promise<void> {
  if (remove.length > 0)
    await db.deleteFrom('replica_pending').where('paper_id', 'in', inJson(remove)).execute();
  if (add.length > 0)
    await db
      .insertInto('replica_pending')
      .values(add.map((paper_id) => ({ paper_id })))
      .onConflict((oc) => oc.doNothing())
      .execute();
}

export async function readState(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('replica_state').select(['key', 'value']).execute();
  return new Map(rows.map((r) => [r.key, r.value]));
}

export async function writeState(db: Db, values: Record<string, string | null>): Promise<void> {
  for (const [key, value] of Object.entries(values)) {
    if (value === null) await db.deleteFrom('replica_state').where('key', '=', key).execute();
    else
      await db
        .insertInto('replica_state')
        .values({ key, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute();
  }
}

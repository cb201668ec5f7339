import { sql, type Kysely, type Selectable } from 'kysely';
import type { View } from '../../shared/domain';
import type { Database, SavedSearchesTable } from '../db/schema';

/** Saved searches (migration 0007): plain rows, in sidebar order. */

export type SavedSearchRow = Selectable<SavedSearchesTable>;

export interface SavedSearchFields {
  name: string;
  query: string;
  view: View;
  tag: string | null;
}

export async function listSavedSearchRows(db: Kysely<Database>): Promise<SavedSearchRow[]> {
  return db.selectFrom('saved_searches').selectAll().orderBy('position').orderBy('id').execute();
}

export async function findSavedSearch(
  db: Kysely<Database>,
  by: { id: number } | { name: string },
): Promise<SavedSearchRow | undefined> {
  let q = db.selectFrom('saved_searches').selectAll();
  q =
    'id' in by
      ? q.where('id', '=', by.id)
      : q.where(sql<boolean>`name = ${by.name} collate nocase`);
  return q.executeTakeFirst();
}

/** Appended at the end of the sidebar list. */
export async function insertSavedSearch(
  db: Kysely<Database>,
  fields: SavedSearchFields,
  now: string,
  position?: number,
): Promise<number> {
  const last = await db
    .selectFrom('saved_searches')
    .select((eb) => eb.fn.max('position').as('max'))
    .executeTakeFirst();
  const row = await db
    .insertInto('saved_searches')
    .values({
      name: fields.name,
      query: fields.query,
      view: fields.view,
      tag: fields.tag,
      position: position ?? Number(last?.max ?? -1) + 1,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function renameSavedSearch(
  db: Kysely<Database>,
  id: number,
  name: string,
): Promise<void> {
  await db.updateTable('saved_searches').set({ name }).where('id', '=', id).execute();
}

/** A new query and scope under the same name and place. */
export async function updateSavedSearch(
  db: Kysely<Database>,
  id: number,
  search: Omit<SavedSearchFields, 'name'>,
): Promise<void> {
  await db
    .updateTable('saved_searches')
    .set({ query: search.query, view: search.view, tag: search.tag })
    .where('id', '=', id)
    .execute();
}

/** Put `id` at `position`; the others keep their order around it (positions become 0..n-1). */
export async function moveSavedSearch(
  db: Kysely<Database>,
  id: number,
  position: number,
): Promise<void> {
  const ids = (await listSavedSearchRows(db)).map((r) => r.id).filter((other) => other !== id);
  ids.splice(Math.min(position, ids.length), 0, id);
  await sql`update saved_searches set position = o.key
    from json_each(${JSON.stringify(ids)}) as o where saved_searches.id = o.value`.execute(db);
}

export async function deleteSavedSearch(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('saved_searches').where('id', '=', id).execute();
}

/** For the JSON backup: every saved search, in sidebar order. */
export async function readSavedSearchFields(db: Kysely<Database>): Promise<SavedSearchFields[]> {
  return (await listSavedSearchRows(db)).map((r) => ({
    name: r.name,
    query: r.query,
    view: r.view as View,
    tag: r.tag,
  }));
}

/** An import's saved searches, after the library's own; a name already taken keeps the library's. */
export async function addSavedSearches(
  db: Kysely<Database>,
  searches: SavedSearchFields[],
  now: string,
): Promise<number> {
  let added = 0;
  for (const search of searches) {
    if (await findSavedSearch(db, { name: search.name })) continue;
    await insertSavedSearch(db, search, now);
    added += 1;
  }
  return added;
}

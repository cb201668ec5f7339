import { sql, type Kysely, type Transaction } from 'kysely';
import { TAG_COLORS, type Tag } from '../../shared/domain';
import type { Database } from '../db/schema';

type Db = Kysely<Database> | Transaction<Database>;

const inJson = (ids: string[]) =>
  sql<string>`(select value from json_each(${JSON.stringify(ids)}))`;

export async function listTags(db: Db): Promise<Tag[]> {
  return db
    .selectFrom('tags')
    .leftJoin('paper_tags', 'paper_tags.tag_id', 'tags.id')
    .select([
      'tags.id',
      'tags.name',
      'tags.color',
      (eb) => eb.fn.count<number>('paper_tags.paper_id').as('count'),
    ])
    .groupBy('tags.id')
    .orderBy(sql`tags.name collate nocase`)
    .execute();
}

export async function getTag(db: Db, id: number): Promise<Tag | undefined> {
  return db
    .selectFrom('tags')
    .select([
      'id',
      'name',
      'color',
      (eb) =>
        eb
          .selectFrom('paper_tags')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('paper_tags.tag_id', '=', 'tags.id')
          .$asScalar()
          .as('count'),
    ])
    .where('id', '=', id)
    .executeTakeFirst()
    .then((row) => (row ? { ...row, count: Number(row.count ?? 0) } : undefined));
}

/** Tag names are unique without regard to case. */
export async function findTagByName(db: Db, name: string): Promise<{ id: number } | undefined> {
  return db
    .selectFrom('tags')
    .select('id')
    .where(sql`name`, '=', sql`${name} collate nocase`)
    .executeTakeFirst();
}

/** A stable default colour per name, so a tag keeps its colour across libraries. */
export function defaultTagColor(name: string): string {
  let hash = 0;
  for (const ch of name.toLowerCase()) hash = (hash * 31 + ch.codePointAt(0)!) >>> 0;
  return TAG_COLORS[hash % TAG_COLORS.length];
}

export async function insertTag(db: Db, name: string, color: string, now: string): Promise<number> {
  const row = await db
    .insertInto('tags')
    .values({ name, color, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function ensureTag(
  db: Db,
  name: string,
  now: string,
  color?: string,
): Promise<number> {
  const existing = await findTagByName(db, name);
  if (existing) return existing.id;
  return insertTag(db, name, color ?? defaultTagColor(name), now);
}

export async function renameTag(db: Db, id: number, name: string): Promise<void> {
  await db.updateTable('tags').set({ name }).where('id', '=', id).execute();
}

export async function recolorTag(db: Db, id: number, color: string): Promise<void> {
  await db.updateTable('tags').set({ color }).where('id', '=', id).execute();
}

/** Move every link of `fromId` onto `intoId`, then delete `fromId`. */
export async function mergeTag(db: Db, fromId: number, intoId: number): Promise<void> {
  await db
    .insertInto('paper_tags')
    .columns(['paper_id', 'tag_id', 'added_at'])
    .expression((eb) =>
      eb
        .selectFrom('paper_tags')
        .select(['paper_id', eb.val(intoId).as('tag_id'), 'added_at'])
        .where('tag_id', '=', fromId),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
  await db.deleteFrom('tags').where('id', '=', fromId).execute();
}

export async function taggedPaperIds(db: Db, tagId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('paper_tags')
    .select('paper_id')
    .where('tag_id', '=', tagId)
    .orderBy('paper_id')
    .execute();
  return rows.map((r) => r.paper_id);
}

/** Of `ids`, the papers that exist and do (`carrying`) or do not carry the tag. */
export async function papersByTag(
  db: Db,
  tagId: number,
  ids: string[],
  carrying: boolean,
): Promise<string[]> {
  const rows = await db
    .selectFrom('papers')
    .select('papers.id')
    .where('papers.id', 'in', inJson(ids))
    .where((eb) => {
      const linked = eb.exists(
        eb
          .selectFrom('paper_tags')
          .select(sql.lit(1).as('one'))
          .whereRef('paper_tags.paper_id', '=', 'papers.id')
          .where('paper_tags.tag_id', '=', tagId),
      );
      return carrying ? linked : eb.not(linked);
    })
    .orderBy('papers.id')
    .execute();
  return rows.map((r) => r.id);
}

export async function deleteTag(db: Db, id: number): Promise<void> {
  await db.deleteFrom('tags').where('id', '=', id).execute();
}

export async function linkPapers(
  db: Db,
  tagId: number,
  ids: string[],
  now: string,
): Promise<number> {
  const result = await db
    .insertInto('paper_tags')
    .columns(['paper_id', 'tag_id', 'added_at'])
    .expression((eb) =>
      eb
        .selectFrom('papers')
        .select(['id', eb.val(tagId).as('tag_id'), eb.val(now).as('added_at')])
        .where('id', 'in', inJson(ids)),
    )
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

export async function unlinkPapers(db: Db, tagId: number, ids: string[]): Promise<number> {
  const result = await db
    .deleteFrom('paper_tags')
    .where('tag_id', '=', tagId)
    .where('paper_id', 'in', inJson(ids))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

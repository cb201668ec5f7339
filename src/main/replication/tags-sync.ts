import * as Y from 'yjs';
import type { Kysely, Transaction } from 'kysely';
import { color as colorSchema, tagName } from '../../shared/api/common';
import type { Database } from '../db/schema';
import * as tagsRepo from '../library/tags-repo';
import { LOCAL, randomTagId, tagIdForName, type LibraryDoc } from './doc-model';
import * as repo from './replica-repo';

/**
 * Tags both ways: SQLite's tags (integer ids, unique names) and the document's
 * (stable ids; see doc-model.ts), joined by `replica_tag_ids`.
 */

/**
 * For tags a remote update renamed or recoloured and SQLite does not show yet:
 * name and colour as SQLite and the document agreed on them before (by document id).
 */
export type TagsBase = Map<string, { name: string; color: string }>;

/** Name and colour before an update, of the tags it changed (`before`: the old value of each key). */
export function tagsBefore(model: LibraryDoc, before: Map<string, string | undefined>): TagsBase {
  const out: TagsBase = new Map();
  const old = (key: string) => (before.has(key) ? before.get(key) : model.tags.get(key));
  for (const key of before.keys()) {
    const id = key.slice(0, key.lastIndexOf('|'));
    const name = old(`${id}|n`);
    if (out.has(id) || name === undefined) continue; // a new tag: nothing was agreed
    out.set(id, { name, color: old(`${id}|c`) ?? '' });
  }
  return out;
}

/**
 * Record local tag changes: new tags get a document id (or join a live one of
 * the same name), renames and recolours are written, and tags gone from SQLite
 * are marked deleted — or merged, when a rename merged them (`mergedTags`).
 * Where `base` holds a tag, only a name or colour SQLite changed since is written:
 * a remote rename not shown here yet is never written back over.
 */
export async function recordTags(
  db: Kysely<Database>,
  model: LibraryDoc,
  mergedTags: Map<number, number>,
  base: TagsBase,
  count: () => void,
): Promise<void> {
  const rows = await repo.readTagRows(db);
  const mapping = await repo.readTagMapping(db);
  const present = new Set(rows.map((r) => r.id));
  const goneDocIds = new Set(
    [...mapping].filter(([tagId]) => !present.has(tagId)).map(([, docId]) => docId),
  );
  const { canonical } = model.tagResolution();
  // A tag deleted here and made again under its name is a new tag, not the deleted one.
  const byName = new Map(
    [...canonical.values()]
      .filter((t) => !goneDocIds.has(t.id))
      .map((t) => [t.name.toLowerCase(), t.id]),
  );
  const newMappings: Array<[number, string]> = [];
  const gone: number[] = [];
  Y.transact(
    model.doc,
    () => {
      for (const row of rows) {
        let docId = mapping.get(row.id);
        if (!docId) {
          docId = byName.get(row.name.toLowerCase());
          if (!docId) {
            docId = tagIdForName(row.name);
            if (model.tag(docId)) docId = randomTagId();
          }
          newMappings.push([row.id, docId]);
        }
        const tag = model.tag(docId);
        if (!tag) {
          model.setTag(docId, { name: row.name, color: row.color, gone: '' });
          count();
        } else if (tag.gone === '') {
          const agreed = base.get(docId);
          // What SQLite holds now is what the next local edit is a change of.
          if (agreed) base.set(docId, { name: row.name, color: row.color });
          const name = tag.name !== row.name && row.name !== agreed?.name;
          const color = tag.color !== row.color && row.color !== agreed?.color;
          if (name || color) {
            model.setTag(docId, {
              ...(name ? { name: row.name } : {}),
              ...(color ? { color: row.color } : {}),
            });
            count();
          }
        }
      }
      for (const [tagId, docId] of mapping) {
        if (present.has(tagId)) continue;
        const into = mergedTags.get(tagId);
        const intoDoc = into === undefined ? undefined : mapping.get(into);
        model.setTag(docId, { gone: intoDoc ?? '-' });
        mergedTags.delete(tagId);
        gone.push(tagId);
        count();
      }
    },
    LOCAL,
  );
  await db.transaction().execute(async (trx) => {
    for (const [tagId, docId] of newMappings) await repo.mapTag(trx, tagId, docId);
    for (const tagId of gone) await repo.unmapTag(trx, tagId);
  });
}

/**
 * Make SQLite's tags the document's live tags: deleted ones go, merged ones
 * are merged (their links move), new ones are made, renamed and recoloured
 * ones follow. Returns the papers whose links a merge or delete may have moved.
 */
export async function projectTags(
  trx: Transaction<Database>,
  model: LibraryDoc,
  now: string,
): Promise<{ changed: boolean; papers: Set<string> }> {
  const papers = new Set<string>();
  let changed = false;
  const { canonical, resolve } = model.tagResolution();
  const mapping = await repo.readTagMapping(trx);
  const rows = await repo.readTagRows(trx);
  const live = new Set(rows.map((r) => r.id));
  const sqliteOf = new Map<string, number>();
  for (const [tagId, docId] of mapping) {
    if (!live.has(tagId)) continue; // deleted here; recorded by the next local job
    const target = resolve(docId);
    if (target === docId) {
      sqliteOf.set(docId, tagId);
      continue;
    }
    for (const paper of await tagsRepo.taggedPaperIds(trx, tagId)) papers.add(paper);
    const into = target === null ? undefined : sqliteOfMapped(mapping, target, live);
    if (target === null) {
      await tagsRepo.deleteTag(trx, tagId);
      await repo.unmapTag(trx, tagId);
    } else if (into !== undefined && into !== tagId) {
      await tagsRepo.mergeTag(trx, tagId, into);
      await repo.unmapTag(trx, tagId);
      live.delete(tagId);
    } else {
      await repo.mapTag(trx, tagId, target);
      sqliteOf.set(target, tagId);
    }
    changed = true;
  }
  for (const tag of canonical.values()) {
    // What came from the relay is checked like any input: a name the app would refuse is skipped.
    const name = tagName.safeParse(tag.name);
    if (!name.success || name.data !== tag.name) continue;
    if (!colorSchema.safeParse(tag.color).success) tag.color = tagsRepo.defaultTagColor(tag.name);
    let tagId = sqliteOf.get(tag.id);
    if (tagId === undefined) {
      const byName = await tagsRepo.findTagByName(trx, tag.name);
      tagId = byName?.id ?? (await tagsRepo.insertTag(trx, tag.name, tag.color, now));
      await repo.mapTag(trx, tagId, tag.id);
      sqliteOf.set(tag.id, tagId);
      changed = true;
    }
    const row = rows.find((r) => r.id === tagId);
    if (row && row.name !== tag.name) {
      const clash = await tagsRepo.findTagByName(trx, tag.name);
      if (clash && clash.id !== tagId) await tagsRepo.mergeTag(trx, clash.id, tagId);
      await tagsRepo.renameTag(trx, tagId, tag.name);
      changed = true;
    }
    if (row && row.color !== tag.color) {
      await tagsRepo.recolorTag(trx, tagId, tag.color);
      changed = true;
    }
  }
  return { changed, papers };
}

function sqliteOfMapped(
  mapping: Map<number, string>,
  docId: string,
  live: Set<number>,
): number | undefined {
  for (const [tagId, mapped] of mapping) if (mapped === docId && live.has(tagId)) return tagId;
  return undefined;
}

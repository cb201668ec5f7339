import type { LibraryOutputs } from '../../shared/api';
import { NOTE_MAX_CHARS } from '../../shared/api/common';
import { AppError } from '../../shared/errors';
import type { Handlers, ServiceContext } from '../context/service-context';
import { nowIso } from '../util/time';
import { getNote, upsertNote, deleteNote } from './notes-repo';
import {
  countPapers,
  countSamplePapers,
  dayCounts,
  existingIds,
  getPaper,
  getSummaries,
  listPaperIds,
  paperExists,
  removeSamplePapers,
  restoreStatuses,
  setStarred,
  setStatus,
  starsToFlip,
  statusesBefore,
  viewCounts,
} from './papers-repo';
import { restoreSamplePapers } from './sample';
import * as tags from './tags-repo';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import { transactionsDone } from '../db/transactions-done';

/** The user's own data: views, reading state, tags and notes. */
export function libraryHandlers(ctx: ServiceContext): Handlers<keyof LibraryOutputs> {
  const { db } = ctx.lib;
  const changed = (
    scope: 'papers' | 'tags' | 'notes' | 'library',
    paperIds?: string[],
    mergedTag?: { from: number; into: number },
  ) =>
    ctx.events.emit({
      type: 'library-changed',
      scope,
      ...(paperIds && paperIds.length <= 500 ? { paperIds } : {}),
      ...(mergedTag ? { mergedTag } : {}),
    });

  async function requireTag(id: number) {
    const tag = await tags.getTag(db, id);
    if (!tag) throw new AppError('not_found', `There is no tag with id ${id}`);
    return tag;
  }

  async function requirePapers(ids: string[]): Promise<void> {
    const unique = [...new Set(ids)];
    const found = await existingIds(db, unique);
    if (found.length !== unique.length) {
      const known = new Set(found);
      const missing = unique.filter((id) => !known.has(id));
      throw new AppError(
        'not_found',
        `No paper ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ` and ${missing.length - 3} more` : ''} in the library`,
      );
    }
  }

  return {
    async getLibraryInfo() {
      return {
        path: ctx.lib.path,
        paperCount: await countPapers(db, { view: 'all' }),
        samplePaperCount: await countSamplePapers(db),
        schemaVersion: LATEST_SCHEMA_VERSION,
        appVersion: ctx.appVersion,
      };
    },

    async listPapers(input) {
      const filter = { view: input.view, tag: input.tag, day: input.day };
      const [total, ids] = await Promise.all([
        countPapers(db, filter),
        listPaperIds(db, filter, input.sort, input.offset, input.limit),
      ]);
      return { total, offset: input.offset, papers: await getSummaries(db, ids) };
    },

    async getCounts() {
      const [views, tagList, days] = await Promise.all([
        viewCounts(db),
        tags.listTags(db),
        dayCounts(db),
      ]);
      return { views, tags: tagList, days };
    },

    async listFeaturedDays() {
      // One row per feed day: about 250 a year, so all of them is a small answer.
      return dayCounts(db, Number.MAX_SAFE_INTEGER);
    },

    async getPaper({ id }) {
      const paper = await getPaper(db, id);
      if (!paper) throw new AppError('not_found', `No paper ${id} in the library`);
      return paper;
    },

    async setStatus({ ids, status }) {
      await requirePapers(ids);
      const result = await db.transaction().execute(async (trx) => {
        const previous = await statusesBefore(trx, ids, status);
        const updated = await setStatus(trx, ids, status, nowIso());
        return { updated, previous };
      });
      changed('papers', ids);
      return result;
    },

    async restoreStatus({ papers }) {
      const ids = papers.map((p) => p.id);
      await requirePapers(ids);
      const updated = await restoreStatuses(db, papers);
      changed('papers', ids);
      return { updated };
    },

    async setStarred({ ids, starred }) {
      await requirePapers(ids);
      const result = await db.transaction().execute(async (trx) => {
        const changedIds = await starsToFlip(trx, ids, starred);
        const updated = await setStarred(trx, ids, starred);
        return { updated, changedIds };
      });
      changed('papers', ids);
      return result;
    },

    listTags: () => tags.listTags(db),

    async createTag({ name, color }) {
      if (await tags.findTagByName(db, name)) {
        throw new AppError('conflict', `A tag named “${name}” already exists`);
      }
      const id = await tags.insertTag(db, name, color ?? tags.defaultTagColor(name), nowIso());
      changed('tags');
      return requireTag(id);
    },

    async renameTag({ id, name }) {
      const from = await requireTag(id);
      const { target, merged } = await db.transaction().execute(async (trx) => {
        const other = await tags.findTagByName(trx, name);
        if (other && other.id !== id) {
          const paperIds = await tags.taggedPaperIds(trx, id);
          const addedIds = await tags.papersByTag(trx, other.id, paperIds, false);
          await tags.mergeTag(trx, id, other.id);
          return { target: other.id, merged: { from, paperIds, addedIds } };
        }
        await tags.renameTag(trx, id, name);
        return { target: id, merged: null };
      });
      changed('tags', undefined, merged ? { from: id, into: target } : undefined);
      return { ...(await requireTag(target)), merged };
    },

    async recolorTag({ id, color }) {
      await requireTag(id);
      await tags.recolorTag(db, id, color);
      changed('tags');
      return requireTag(id);
    },

    async deleteTag({ id }) {
      const tag = await requireTag(id);
      const paperIds = await db.transaction().execute(async (trx) => {
        const linked = await tags.taggedPaperIds(trx, id);
        await tags.deleteTag(trx, id);
        return linked;
      });
      changed('tags', paperIds);
      return { tag, paperIds };
    },

    async restoreTag({ name, color, paperIds }) {
      const id = await db.transaction().execute(async (trx) => {
        const tagId = await tags.ensureTag(trx, name, nowIso(), color);
        if (paperIds.length > 0) await tags.linkPapers(trx, tagId, paperIds, nowIso());
        return tagId;
      });
      changed('tags', paperIds);
      return requireTag(id);
    },

    async tagPapers({ ids, tag }) {
      await requirePapers(ids);
      const result = await db.transaction().execute(async (trx) => {
        const createdTag = (await tags.findTagByName(trx, tag)) === undefined;
        const tagId = await tags.ensureTag(trx, tag, nowIso());
        const linkedIds = await tags.papersByTag(trx, tagId, ids, false);
        const updated = await tags.linkPapers(trx, tagId, ids, nowIso());
        return { tagId, updated, linkedIds, createdTag };
      });
      changed('tags', ids);
      return {
        tag: await requireTag(result.tagId),
        updated: result.updated,
        linkedIds: result.linkedIds,
        createdTag: result.createdTag,
      };
    },

    async untagPapers({ ids, tag }) {
      const found = await tags.findTagByName(db, tag);
      if (!found) throw new AppError('not_found', `There is no tag named “${tag}”`);
      const result = await db.transaction().execute(async (trx) => {
        const unlinkedIds = await tags.papersByTag(trx, found.id, ids, true);
        const updated = await tags.unlinkPapers(trx, found.id, ids);
        return { updated, unlinkedIds };
      });
      changed('tags', ids);
      return result;
    },

    getNote: ({ id }) => getNote(db, id),

    async saveNote({ id, markdown }) {
      if (!(await paperExists(db, id)))
        throw new AppError('not_found', `No paper ${id} in the library`);
      // One transaction: the note and its links (note_links) change together.
      const note = await db.transaction().execute(async (trx) => {
        if (markdown.trim() !== '') return upsertNote(trx, id, markdown, nowIso());
        await deleteNote(trx, id);
        return null;
      });
      changed('notes', [id]);
      return note;
    },

    async appendToNote({ id, markdown }) {
      if (!(await paperExists(db, id)))
        throw new AppError('not_found', `No paper ${id} in the library`);
      const note = await db.transaction().execute(async (trx) => {
        const text = ((await getNote(trx, id))?.markdown ?? '') + markdown;
        if (text.length > NOTE_MAX_CHARS)
          throw new AppError('invalid_input', 'A note is at most 1,000,000 characters');
        return text.trim() === '' ? null : upsertNote(trx, id, text, nowIso());
      });
      changed('notes', [id]);
      return note;
    },

    async removeSample() {
      const ids = await removeSamplePapers(db);
      changed('library');
      return { removed: ids.length, ids };
    },

    async restoreSample({ ids }) {
      await transactionsDone(ctx.lib.sqlite);
      const restored = restoreSamplePapers(ctx.lib.sqlite, ids);
      changed('library');
      return { restored };
    },
  };
}

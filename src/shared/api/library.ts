import { z } from 'zod';
import { READING_STATUSES, SORT_KEYS, VIEWS } from '../domain';
import type {
  DayCount,
  Note,
  Paper,
  PaperSummary,
  ReadingStatus,
  Tag,
  ViewCounts,
} from '../domain';
import {
  color,
  empty,
  featuredPeriod,
  iso,
  markdown,
  paperId,
  paperIds,
  tagId,
  tagName,
} from './common';

/** The user's own library: views, papers, reading state, tags, notes. */
export const libraryInputs = {
  getLibraryInfo: empty,
  listPapers: z.strictObject({
    view: z.enum(VIEWS).default('all'),
    tag: tagName.optional(),
    /** A feed day, or a range of days (a week, a month). */
    day: featuredPeriod.optional(),
    sort: z.enum(SORT_KEYS).default('featured'),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(5_000).default(200),
  }),
  getCounts: empty,
  /** Every featured day with its paper count, newest first (getCounts has only the recent ones). */
  listFeaturedDays: empty,
  getPaper: z.strictObject({ id: paperId }),
  setStatus: z.strictObject({ ids: paperIds, status: z.enum(READING_STATUSES) }),
  /** Undo of setStatus: puts back each paper's status and when it was set, as setStatus reported them. */
  restoreStatus: z.strictObject({
    papers: z
      .array(
        z.strictObject({
          id: paperId,
          status: z.enum(READING_STATUSES),
          changedAt: iso.nullable(),
        }),
      )
      .min(1)
      .max(50_000),
  }),
  setStarred: z.strictObject({ ids: paperIds, starred: z.boolean() }),
  listTags: empty,
  createTag: z.strictObject({ name: tagName, color: color.optional() }),
  /** Renaming onto an existing name merges the two tags. */
  renameTag: z.strictObject({ id: tagId, name: tagName }),
  recolorTag: z.strictObject({ id: tagId, color }),
  deleteTag: z.strictObject({ id: tagId }),
  /** Undo of deleteTag: recreates the tag and its links to papers that still exist. */
  restoreTag: z.strictObject({
    name: tagName,
    color,
    paperIds: z.array(paperId).max(50_000),
  }),
  tagPapers: z.strictObject({ ids: paperIds, tag: tagName }),
  untagPapers: z.strictObject({ ids: paperIds, tag: tagName }),
  getNote: z.strictObject({ id: paperId }),
  /** An empty note deletes the note. */
  saveNote: z.strictObject({ id: paperId, markdown }),
  /**
   * Adds text at the end of the stored note (starting one if there is none), in
   * one step: for words typed before the app had read the note.
   */
  appendToNote: z.strictObject({ id: paperId, markdown }),
  removeSample: empty,
  /** Undo of removeSample: puts these bundled sample papers back (ids as removeSample reported them). */
  restoreSample: z.strictObject({ ids: z.array(paperId).max(10_000) }),
};

export interface LibraryInfo {
  path: string;
  paperCount: number;
  samplePaperCount: number;
  schemaVersion: number;
  appVersion: string;
}

export interface PaperPage {
  total: number;
  offset: number;
  papers: PaperSummary[];
}

export interface Counts {
  views: ViewCounts;
  tags: Tag[];
  days: DayCount[];
}

/** A paper's status before a change, so the change can be undone exactly. */
export interface StatusBefore {
  id: string;
  status: ReadingStatus;
  changedAt: string | null;
}

/** A rename onto an existing name merges: what the merge moved, so it can be undone. */
export interface MergedTag {
  /** The tag that was merged away (it no longer exists). */
  from: Tag;
  /** The papers that carried it. */
  paperIds: string[];
  /** The papers that gained the surviving tag through the merge. */
  addedIds: string[];
}

export interface DeletedTag {
  tag: Tag;
  /** The papers that carried it, so the deletion can be undone. */
  paperIds: string[];
}

export interface LibraryOutputs {
  getLibraryInfo: LibraryInfo;
  listPapers: PaperPage;
  getCounts: Counts;
  listFeaturedDays: DayCount[];
  getPaper: Paper;
  /** `previous`: the papers that changed, as they were. */
  setStatus: { updated: number; previous: StatusBefore[] };
  restoreStatus: { updated: number };
  /** `changedIds`: the papers whose star flipped. */
  setStarred: { updated: number; changedIds: string[] };
  listTags: Tag[];
  createTag: Tag;
  /** The tag under its new name; `merged` when the name was taken and the two tags became one. */
  renameTag: Tag & { merged: MergedTag | null };
  recolorTag: Tag;
  deleteTag: DeletedTag;
  restoreTag: Tag;
  /** `linkedIds`: papers that did not carry the tag before; `createdTag`: the tag is new. */
  tagPapers: { tag: Tag; updated: number; linkedIds: string[]; createdTag: boolean };
  /** `unlinkedIds`: papers that carried the tag. */
  untagPapers: { updated: number; unlinkedIds: string[] };
  getNote: Note | null;
  saveNote: Note | null;
  appendToNote: Note | null;
  /** `ids`: the papers removed. */
  removeSample: { removed: number; ids: string[] };
  restoreSample: { restored: number };
}

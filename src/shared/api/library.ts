import { z } from 'zod';
import { READING_STATUSES, SORT_KEYS, VIEWS } from '../domain';
import type { DayCount, Note, Paper, PaperSummary, Tag, ViewCounts } from '../domain';
import {
  color,
  empty,
  featuredPeriod,
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
  removeSample: empty,
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
  setStatus: { updated: number };
  setStarred: { updated: number };
  listTags: Tag[];
  createTag: Tag;
  renameTag: Tag;
  recolorTag: Tag;
  deleteTag: DeletedTag;
  restoreTag: Tag;
  tagPapers: { tag: Tag; updated: number };
  untagPapers: { updated: number };
  getNote: Note | null;
  saveNote: Note | null;
  removeSample: { removed: number };
}

import { z } from 'zod';
import {
  COLOR_PATTERN,
  DAY_PATTERN,
  PAPER_SOURCES,
  READING_STATUSES,
  VIEWS,
} from '../../shared/domain';
import { paperId, tagName } from '../../shared/api/common';
import { savedSearchName } from '../../shared/api/daily';

/**
 * The Papershelf backup, version 1 (documented in docs/backup-format.md).
 * Objects are loose: a field this version does not know is ignored, so a
 * later minor addition stays readable. A breaking change bumps `version`,
 * and a reader refuses versions above its own.
 */
export const BACKUP_FORMAT = 'papershelf-backup';
export const BACKUP_VERSION = 1;

const iso = z.string().min(1).max(64);
const nullableText = z.string().nullable().default(null);
const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const backupTagSchema = z.looseObject({
  name: tagName,
  color: z.string().regex(COLOR_PATTERN, 'a colour is written #rrggbb'),
  createdAt: iso.optional(),
});

export const backupPaperSchema = z.looseObject({
  id: paperId,
  title: z.string().trim().min(1, 'a paper needs a title').max(10_000),
  /** All authors in order, as displayed. */
  authors: z.array(z.string().trim().min(1).max(1_000)).max(10_000).default([]),
  /** Positions (0-based) in `authors` that the feed marks hidden. */
  hiddenAuthors: z.array(z.number().int().min(0)).default([]),
  abstract: z.string().default(''),
  publishedAt: nullableText,
  upvotes: count.default(0),
  numComments: count.default(0),
  aiSummary: nullableText,
  aiKeywords: z.array(z.string()).default([]),
  githubRepo: nullableText,
  githubStars: count.nullable().default(null),
  projectPage: nullableText,
  thumbnail: nullableText,
  source: z.enum(PAPER_SOURCES).default('import'),
  firstSeenAt: iso.optional(),
  updatedAt: iso.optional(),
  /** Featured days, newest first. */
  days: z.array(z.string().regex(DAY_PATTERN, 'a day is written YYYY-MM-DD')).default([]),
  /** The paper's rank on each featured day (position in that day's feed). */
  dayRanks: z.record(z.string(), z.number().int().min(0)).default({}),
  status: z.enum(READING_STATUSES).default('inbox'),
  statusChangedAt: iso.nullable().default(null),
  starred: z.boolean().default(false),
  tags: z.array(tagName).default([]),
  note: z.string().max(1_000_000).nullable().default(null),
  noteCreatedAt: iso.nullable().default(null),
  noteUpdatedAt: iso.nullable().default(null),
  addedAt: iso.optional(),
  /**
   * The PDF was saved for offline reading where the backup was made. Informational:
   * a restored library downloads it again when the paper is first read.
   */
  pdfCached: z.boolean().default(false),
});

export const syncedDaySchema = z.looseObject({
  day: z.string().regex(DAY_PATTERN),
  fetchedAt: iso,
  count: count,
  skipped: count.default(0),
});

/** A saved search (issue 17): a named query with its scope. */
export const backupSavedSearchSchema = z.looseObject({
  name: savedSearchName,
  query: z.string().trim().min(1).max(2_000),
  view: z.enum(VIEWS).default('all'),
  tag: tagName.nullable().default(null),
});

/** Only the fields every version shares; read first to give a clear version error. */
export const backupHeaderSchema = z.looseObject({
  format: z.literal(BACKUP_FORMAT),
  version: z.number().int().min(1),
});

export const backupSchema = z.looseObject({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  exportedAt: iso.optional(),
  app: z.looseObject({ name: z.string(), version: z.string() }).optional(),
  /** True for a whole-library backup; false for a scoped export (a view, a tag...). */
  complete: z.boolean().default(false),
  tags: z.array(backupTagSchema).default([]),
  papers: z.array(z.unknown()),
  syncedDays: z.array(syncedDaySchema).default([]),
  /** Settings, whole-library backups only; unknown or invalid keys are ignored on import. */
  settings: z.record(z.string(), z.unknown()).optional(),
  /** Saved searches in sidebar order; added on import unless one of that name exists. */
  savedSearches: z.array(backupSavedSearchSchema).default([]),
});

export type BackupPaper = z.output<typeof backupPaperSchema>;
export type BackupTag = z.output<typeof backupTagSchema>;
export type Backup = Omit<z.output<typeof backupSchema>, 'papers'> & { papers: BackupPaper[] };

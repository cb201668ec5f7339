import { BACKUP_FORMAT, BACKUP_VERSION } from './backup-schema';
import type { SavedSearchFields } from '../library/saved-searches-repo';
import type { ExportPaper, SyncedDayRow, TagRow } from './export-repo';

/**
 * Serializes the library as a Papershelf backup (docs/backup-format.md).
 * Deterministic: papers by id, tags by name, days newest first, so two
 * backups of the same library differ only in `exportedAt`.
 */
export interface BackupInput {
  papers: ExportPaper[];
  tags: TagRow[];
  /** Whole-library backups carry sync state and settings; scoped exports do not. */
  complete: boolean;
  syncedDays: SyncedDayRow[];
  settings: Record<string, unknown> | null;
  /** Whole-library backups carry the saved searches (issue 17). */
  savedSearches?: SavedSearchFields[];
  exportedAt: string;
  appVersion: string;
  /** Papers whose PDF is saved for offline reading (the bytes are not in the backup). */
  cachedPdfIds: ReadonlySet<string>;
}

export function renderBackup(input: BackupInput): string {
  const papers = [...input.papers].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const backup = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: input.exportedAt,
    app: { name: 'Papershelf', version: input.appVersion },
    complete: input.complete,
    tags: input.tags.map((t) => ({ name: t.name, color: t.color, createdAt: t.createdAt })),
    papers: papers.map((p) => paperJson(p, input.cachedPdfIds.has(p.id))),
    ...(input.complete ? { syncedDays: input.syncedDays } : {}),
    ...(input.complete && input.settings ? { settings: input.settings } : {}),
    ...(input.complete && input.savedSearches?.length
      ? { savedSearches: input.savedSearches }
      : {}),
  };
  return `${JSON.stringify(backup, null, 2)}\n`;
}

function paperJson(p: ExportPaper, pdfCached: boolean) {
  const hiddenAuthors = p.authors.flatMap((a, i) => (a.hidden ? [i] : []));
  return {
    id: p.id,
    title: p.title,
    authors: p.authors.map((a) => a.name),
    ...(hiddenAuthors.length > 0 ? { hiddenAuthors } : {}),
    abstract: p.abstract,
    publishedAt: p.publishedAt,
    upvotes: p.upvotes,
    numComments: p.numComments,
    aiSummary: p.aiSummary,
    aiKeywords: p.aiKeywords,
    githubRepo: p.githubRepo,
    githubStars: p.githubStars,
    projectPage: p.projectPage,
    thumbnail: p.thumbnail,
    source: p.source,
    firstSeenAt: p.firstSeenAt,
    updatedAt: p.updatedAt,
    days: p.days.map((d) => d.day),
    dayRanks: Object.fromEntries(p.days.map((d) => [d.day, d.rank])),
    status: p.status,
    statusChangedAt: p.statusChangedAt,
    starred: p.starred,
    tags: p.tags,
    note: p.note?.markdown ?? null,
    noteCreatedAt: p.note?.createdAt ?? null,
    noteUpdatedAt: p.note?.updatedAt ?? null,
    addedAt: p.addedAt,
    pdfCached,
  };
}

import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { AppError } from '../../shared/errors';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  backupHeaderSchema,
  backupPaperSchema,
  backupSchema,
  type BackupPaper,
} from './backup-schema';
import { httpUrlOrNull } from '../library/feed-paper';
import { importedLine } from './clean-text';
import type { ImportPaper, ImportPlan } from '../library/import-plan';

/**
 * Reads a Papershelf backup into an import plan. Everything is checked before
 * anything is written; errors name the file and the paper (index and id).
 */
export function parseBackup(content: string, fileName: string): ImportPlan {
  const json = parseJson(content, fileName);
  const header = backupHeaderSchema.safeParse(json);
  if (!header.success) {
    if (Array.isArray(json)) {
      throw new AppError(
        'unsupported',
        `${fileName} is a JSON list, not a Papershelf backup (CSL-JSON cannot be imported; use BibTeX or a backup)`,
      );
    }
    throw new AppError(
      'bad_file',
      `${fileName} is not a Papershelf backup (it needs "format": "${BACKUP_FORMAT}" and a "version")`,
    );
  }
  if (header.data.version > BACKUP_VERSION) {
    throw new AppError(
      'unsupported',
      `${fileName} is a version ${header.data.version} backup, written by a newer Papershelf; this version reads version ${BACKUP_VERSION}. Update Papershelf to import it.`,
    );
  }
  const parsed = backupSchema.safeParse(json);
  if (!parsed.success) throw new AppError('bad_file', `${fileName}: ${describe(parsed.error)}`);
  const backup = parsed.data;
  const seen = new Set<string>();
  const papers: ImportPaper[] = [];
  backup.papers.forEach((raw, index) => {
    const result = backupPaperSchema.safeParse(raw);
    if (!result.success) {
      const id =
        raw && typeof raw === 'object' && 'id' in raw && typeof raw.id === 'string'
          ? ` (${raw.id.slice(0, 60)})`
          : '';
      throw new AppError(
        'bad_file',
        `${fileName}: paper ${index + 1}${id}: ${describe(result.error)}`,
      );
    }
    const paper = result.data;
    if (seen.has(paper.id)) {
      throw new AppError(
        'bad_file',
        `${fileName}: paper ${index + 1}: ${paper.id} is listed twice`,
      );
    }
    seen.add(paper.id);
    papers.push(toImportPaper(paper));
  });
  return {
    papers,
    tags: backup.tags.map((t) => ({ name: t.name, color: t.color, createdAt: t.createdAt })),
    syncedDays: backup.syncedDays.map((d) => ({
      day: d.day,
      fetchedAt: d.fetchedAt,
      count: d.count,
      skipped: d.skipped,
    })),
    settings: backup.settings ?? null,
    savedSearches: backup.savedSearches.map((v) => ({
      name: v.name,
      query: v.query,
      view: v.view,
      tag: v.tag,
    })),
    defaultSource: 'import',
  };
}

function toImportPaper(p: BackupPaper): ImportPaper {
  const hidden = new Set(p.hiddenAuthors);
  return {
    id: p.id,
    feed: {
      id: p.id,
      title: importedLine(p.title) || p.id,
      abstract: p.abstract,
      authors: p.authors.map((name, i) => ({ name: importedLine(name), hidden: hidden.has(i) })),
      publishedAt: p.publishedAt,
      upvotes: p.upvotes,
      numComments: p.numComments,
      aiSummary: p.aiSummary,
      aiKeywords: p.aiKeywords,
      // Links are checked as the feed's are: http(s) only (a `javascript:` link
      // would otherwise reach the exports and the app's link buttons).
      githubRepo: httpUrlOrNull(p.githubRepo),
      githubStars: p.githubStars,
      projectPage: httpUrlOrNull(p.projectPage),
      thumbnail: httpUrlOrNull(p.thumbnail),
    },
    refresh: 'if-newer',
    source: p.source,
    firstSeenAt: p.firstSeenAt,
    updatedAt: p.updatedAt,
    addedAt: p.addedAt,
    status: p.status,
    statusChangedAt: p.statusChangedAt,
    starred: p.starred,
    tags: p.tags,
    note:
      p.note === null
        ? null
        : { markdown: p.note, createdAt: p.noteCreatedAt, updatedAt: p.noteUpdatedAt },
    days: [...new Set(p.days)].map((day, i) => ({ day, rank: p.dayRanks[day] ?? i })),
  };
}

/** JSON.parse with the failure located: line and column, or "ends too early". */
export function parseJson(content: string, fileName: string): unknown {
  try {
    return JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (content.trim() === '') throw new AppError('bad_file', `${fileName} is empty`);
    if (/end of (JSON )?input|Unterminated/i.test(message)) {
      throw new AppError(
        'bad_file',
        `${fileName} ends too early: the file is truncated or incomplete`,
      );
    }
    const where = locateJsonError(content, message);
    const what = message.replace(/ in JSON at position \d+.*$/, '').replace(/, ".*$/s, '');
    throw new AppError(
      'bad_file',
      `${fileName} is not valid JSON: ${where ? `line ${where.line}, column ${where.column}: ` : ''}${what}`,
    );
  }
}

/**
 * V8 gives a position for some JSON errors only ("Unexpected token" has
 * none). JSON is YAML, so the YAML parser's located error fills the gap.
 */
function locateJsonError(
  content: string,
  message: string,
): { line: number; column: number } | null {
  const position = /position (\d+)/.exec(message);
  if (position) {
    const before = content.slice(0, Number(position[1]));
    return { line: before.split('\n').length, column: before.length - before.lastIndexOf('\n') };
  }
  const pos = parseDocument(content, { prettyErrors: true }).errors[0]?.linePos?.[0];
  return pos ? { line: pos.line, column: pos.col } : null;
}

function describe(error: z.ZodError): string {
  const first = error.issues[0];
  const where = first.path.length > 0 ? `${first.path.join('.')}: ` : '';
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problems)` : '';
  return `${where}${first.message}${more}`;
}

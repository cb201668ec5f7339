import {
  parsePaperRef,
  type CiteResult,
  type ExportResult,
  type ImportFormat,
  type ImportResult,
  type IoOutputs,
  type IoProgressEvent,
} from '../../shared/api/io';
import type { ReadingStatus } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { createIngester } from '../library/ingest-repo';
import { existingIds, getPaper } from '../library/papers-repo';
import type { Handlers, ServiceContext } from '../context/service-context';
import { readSavedSearchFields } from '../library/saved-searches-repo';
import { readSettings } from '../library/settings-repo';
import { resolveFeedSource } from '../library/feed-source';
import { normalizeBaseUrl } from '../net/base-url';
import { createArxivClient, DEFAULT_ARXIV_URL } from './arxiv';
import { renderBackup } from './backup-export';
import { parseBackup } from './backup-import';
import { parseBibtex } from './bibtex-import';
import { renderBibtex } from './bibtex-export';
import { assignCitationKeys } from './citation-keys';
import { renderReferences } from './cite';
import { renderCslJson, toCslItem } from './csl-export';
import { citationKeySources, readExportPapers, readSyncedDays, readTags } from './export-repo';
import { detectImportFormat, EXPORT_FILES } from './formats';
import { parseIdList } from './id-list-import';
import type { ImportPaper, ImportPlan } from '../library/import-plan';
import { applyImport } from '../library/import-writer';
import {
  ARXIV_INTERVAL_MS,
  createIntervalLimiter,
  HUB_LOOKUP_INTERVAL_MS,
  type IntervalLimiter,
} from '../net/interval-limiter';
import { lookupPapers, MAX_LOOKUPS_PER_IMPORT } from './lookup';
import { renderVault } from './markdown-export';
import { importVault } from './vault-import';
import { resolveScope, type SearchIds } from './scope';

export interface IoOptions {
  /** Spaces arXiv requests (default: one per 3 s, shared by every call of this service). */
  arxivLimiter?: IntervalLimiter;
  /** Spaces the Hub's per-paper lookups of an id list (default: HUB_LOOKUP_INTERVAL_MS). */
  hubLimiter?: IntervalLimiter;
  fetch?: typeof globalThis.fetch;
  now?: () => Date;
  /** Resolves `scope.query` for exports; wired to the search module by the service. */
  searchIds?: SearchIds;
  /**
   * The ids of papers with a PDF kept offline (the JSON backup records them);
   * wired to the pdf module by the service. Without it the backup records none.
   */
  cachedPdfIds?: (libraryPath: string) => ReadonlySet<string>;
}

/** Exports, imports and add-by-id. */
export function ioHandlers(
  ctx: ServiceContext,
  options: IoOptions = {},
): Handlers<keyof IoOutputs> {
  const { db } = ctx.lib;
  const ingester = createIngester(ctx.lib.sqlite);
  const limiter = options.arxivLimiter ?? createIntervalLimiter({ intervalMs: ARXIV_INTERVAL_MS });
  const hubLimiter =
    options.hubLimiter ??
    createIntervalLimiter({
      // $PAPERSHELF_LOOKUP_INTERVAL_MS: tests against a local stand-in need no pauses.
      intervalMs: wholeNumber(ctx.env.PAPERSHELF_LOOKUP_INTERVAL_MS) ?? HUB_LOOKUP_INTERVAL_MS,
    });
  /** The import running now, if it is looking papers up online (cancelImport stops it). */
  let lookup: AbortController | null = null;
  const clock = options.now ?? (() => new Date());
  const progress = (event: Omit<IoProgressEvent, 'type'>) =>
    ctx.events.emit({ type: 'io-progress', ...event });

  /** `source` > $PAPERSHELF_FEED_URL > the feed URL setting > huggingface.co (as sync does). */
  async function hfBase(explicit: string | undefined): Promise<string> {
    const setting = (await readSettings(db)).feedUrl;
    return resolveFeedSource({ explicit, env: ctx.env.PAPERSHELF_FEED_URL, setting });
  }

  function arxivClient() {
    const chosen = ctx.env.PAPERSHELF_ARXIV_URL?.trim() || DEFAULT_ARXIV_URL;
    let baseUrl: string;
    try {
      baseUrl = normalizeBaseUrl(chosen);
    } catch {
      throw new AppError('invalid_input', `PAPERSHELF_ARXIV_URL “${chosen}” is not an http(s) URL`);
    }
    return createArxivClient({ baseUrl, limiter, fetch: options.fetch });
  }

  function libraryChanged(ids: string[]) {
    ctx.events.emit({
      type: 'library-changed',
      scope: 'library',
      ...(ids.length > 0 && ids.length <= 500 ? { paperIds: ids } : {}),
    });
  }

  /** The user's choice of status and tags for every paper of a BibTeX file or id list. */
  function withUserChoice(
    papers: ImportPaper[],
    status: ReadingStatus | undefined,
    tags: string[],
    now: string,
  ): ImportPaper[] {
    return papers.map((p) => ({
      ...p,
      tags: [...p.tags, ...tags],
      ...(status ? { status, statusChangedAt: now } : {}),
    }));
  }

  function emptyPlan(papers: ImportPaper[], source: 'import' | 'manual'): ImportPlan {
    return { papers, tags: [], syncedDays: [], settings: null, defaultSource: source };
  }

  async function planIdList(content: string, fileName: string): Promise<ImportPaper[]> {
    const ids = parseIdList(content, fileName);
    const known = new Set(await existingIds(db, ids));
    const wanted = ids.filter((id) => !known.has(id));
    if (wanted.length > MAX_LOOKUPS_PER_IMPORT) {
      throw new AppError(
        'invalid_input',
        `${fileName} lists ${wanted.length} papers to look up online; one import looks up at most ${MAX_LOOKUPS_PER_IMPORT}. Split the list; nothing was imported`,
      );
    }
    progress({ operation: 'import', fileName, phase: 'fetching', done: 0, total: wanted.length });
    const controller = new AbortController();
    lookup?.abort(); // one import at a time looks papers up; a newer one replaces it
    lookup = controller;
    const { found, missing } = await lookupPapers(wanted, {
      hfBase: await hfBase(undefined),
      arxiv: arxivClient(),
      fetch: options.fetch,
      signal: controller.signal,
      hubLimiter,
      onProgress: (done, total) =>
        progress({ operation: 'import', fileName, phase: 'fetching', done, total }),
    })
      .catch((error: unknown) => {
        // Say which file the failed lookup came from; nothing has been written.
        if (error instanceof AppError) {
          throw new AppError(error.code, `${fileName}: ${error.message}; nothing was imported`);
        }
        throw error;
      })
      .finally(() => {
        if (lookup === controller) lookup = null;
      });
    if (missing.length > 0) {
      throw new AppError(
        'not_found',
        `${fileName}: neither Hugging Face nor arXiv knows ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}; nothing was imported`,
      );
    }
    return ids.map((id) => ({
      id,
      feed: found.get(id)?.paper ?? null,
      refresh: 'never' as const,
      tags: [],
      days: [],
    }));
  }

  return {
    async citePapers({ ids, style }): Promise<CiteResult> {
      // In the order given (the reader's selection), each paper once.
      const found = new Map((await readExportPapers(db, [...new Set(ids)])).map((p) => [p.id, p]));
      const papers = [...new Set(ids)].flatMap((id) => (found.has(id) ? [found.get(id)!] : []));
      if (papers.length === 0)
        throw new AppError('not_found', 'None of these papers is in the library');
      // Keys over the whole library, as the BibTeX export gives them, so a copied key matches an exported one.
      const keys = assignCitationKeys(await citationKeySources(db));
      const text =
        style === 'bibtex'
          ? renderBibtex(papers, keys).trimEnd()
          : await renderReferences(
              papers.map((p) => toCslItem(p, keys.get(p.id) ?? p.id)),
              style,
            );
      return { style, count: papers.length, text };
    },

    async exportPapers({ format, scope }): Promise<ExportResult> {
      const { ids, complete } = await resolveScope(db, scope, options.searchIds);
      progress({ operation: 'export', phase: 'reading', done: 0, total: ids.length });
      const papers = await readExportPapers(db, ids);
      progress({ operation: 'export', phase: 'reading', done: ids.length, total: ids.length });
      const now = clock();
      const stamp = now.toISOString().slice(0, 10);
      if (format === 'markdown') {
        return {
          format,
          count: papers.length,
          folderName: `papershelf-vault`,
          files: renderVault(papers),
        };
      }
      let content: string;
      let fileName = `papershelf-${stamp}.${EXPORT_FILES[format].extension}`;
      if (format === 'json') {
        const usedTags = [...new Set(papers.flatMap((p) => p.tags))];
        content = renderBackup({
          papers,
          tags: await readTags(db, complete ? undefined : usedTags),
          complete,
          syncedDays: complete ? await readSyncedDays(db) : [],
          settings: complete ? { ...(await readSettings(db)) } : null,
          savedSearches: complete ? await readSavedSearchFields(db) : [],
          exportedAt: now.toISOString(),
          appVersion: ctx.appVersion,
          cachedPdfIds: options.cachedPdfIds?.(ctx.lib.path) ?? new Set<string>(),
        });
        fileName = `papershelf-backup-${stamp}.json`;
      } else {
        const keys = assignCitationKeys(await citationKeySources(db));
        if (format === 'bibtex') content = renderBibtex(papers, keys);
        else {
          content = renderCslJson(papers, keys);
          fileName = `papershelf-${stamp}.csl.json`;
        }
      }
      return {
        format,
        count: papers.length,
        fileName,
        mimeType: EXPORT_FILES[format].mimeType,
        content,
      };
    },

    async importVault({ files }) {
      const result = await importVault(db, files, clock().toISOString());
      const ids = [...result.updated, ...result.conflicts].map((f) => f.id);
      if (ids.length > 0)
        ctx.events.emit({
          type: 'library-changed',
          scope: 'notes',
          ...(ids.length <= 500 ? { paperIds: ids } : {}),
        });
      return result;
    },

    async importFile({ fileName, content, format, status, tags }): Promise<ImportResult> {
      const kind: ImportFormat = format ?? detectImportFormat(fileName, content);
      const now = clock().toISOString();
      progress({ operation: 'import', fileName, phase: 'reading', done: 0, total: 1 });
      let plan: ImportPlan;
      let warnings: string[] = [];
      if (kind === 'json') {
        if (status || tags.length > 0) {
          throw new AppError(
            'invalid_input',
            'A backup carries its own status and tags: import it without --status or --tag',
          );
        }
        plan = parseBackup(content, fileName);
      } else if (kind === 'bibtex') {
        const parsed = await parseBibtex(content, fileName);
        warnings = parsed.warnings;
        plan = emptyPlan(withUserChoice(parsed.papers, status, tags, now), 'import');
      } else {
        const papers = await planIdList(content, fileName);
        plan = emptyPlan(withUserChoice(papers, status, tags, now), 'import');
      }
      const total = plan.papers.length;
      progress({ operation: 'import', fileName, phase: 'reading', done: 1, total: 1 });
      const applied = await applyImport(ctx.lib, ingester, plan, {
        now,
        onProgress: (done) =>
          progress({ operation: 'import', fileName, phase: 'writing', done, total }),
      });
      libraryChanged(applied.changedIds);
      if (applied.restored && plan.settings) {
        ctx.events.emit({ type: 'settings-changed', settings: await readSettings(db) });
      }
      return {
        format: kind,
        fileName,
        mode: applied.restored && kind === 'json' ? 'restore' : 'merge',
        total,
        papers: { added: applied.added, updated: applied.updated, unchanged: applied.unchanged },
        tagsCreated: applied.tagsCreated,
        notes: { added: applied.notesAdded, merged: applied.notesMerged },
        warnings,
        skippedSettings: applied.skippedSettings,
      };
    },

    async cancelImport() {
      const running = lookup;
      running?.abort();
      return { cancelled: running !== null };
    },

    async addPaper({ idOrUrl, status, tags, source }) {
      const ref = parsePaperRef(idOrUrl);
      if (!ref) {
        throw new AppError(
          'invalid_input',
          `“${idOrUrl.slice(0, 100)}” is not an arXiv id or URL (for example 2509.04664, arXiv:2509.04664 or https://arxiv.org/abs/2509.04664)`,
        );
      }
      const now = clock().toISOString();
      let paper: ImportPaper = { id: ref.id, feed: null, refresh: 'never', tags: [], days: [] };
      let from: 'library' | 'huggingface' | 'arxiv' = 'library';
      const exists = (await existingIds(db, [ref.id])).length > 0;
      if (!exists) {
        progress({ operation: 'add', phase: 'fetching', done: 0, total: 1 });
        const { found } = await lookupPapers([ref.id], {
          hfBase: await hfBase(source),
          arxiv: arxivClient(),
          fetch: options.fetch,
        });
        const hit = found.get(ref.id);
        if (!hit) {
          throw new AppError(
            'not_found',
            `Neither Hugging Face nor arXiv knows the paper ${ref.id}`,
          );
        }
        paper = { ...paper, feed: hit.paper };
        from = hit.from;
        progress({ operation: 'add', phase: 'fetching', done: 1, total: 1 });
      }
      const [withChoice] = withUserChoice([paper], status, tags, now);
      const applied = await applyImport(ctx.lib, ingester, emptyPlan([withChoice], 'manual'), {
        now,
      });
      if (applied.changedIds.length > 0) libraryChanged(applied.changedIds);
      const stored = await getPaper(db, ref.id);
      if (!stored) throw new AppError('internal', `The paper ${ref.id} was not saved`);
      return { paper: stored, added: !exists, from };
    },
  };
}

function wholeNumber(value: string | undefined): number | null {
  return value !== undefined && /^\s*\d+\s*$/.test(value) ? Number(value) : null;
}

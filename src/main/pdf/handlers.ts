import fs from 'node:fs';
import { hasArxivPdf, type PdfOutputs, type PdfStatus } from '../../shared/api/pdf';
import { AppError } from '../../shared/errors';
import { existingIds, listPaperIds } from '../library/papers-repo';
import type { Handlers, ServiceContext } from '../context/service-context';
import { nowIso } from '../util/time';
import { startAutoDownload } from './auto-download';
import { PDF_DEFAULTS, pdfUrlFor, resolvePdfConfig } from './config';
import { PdfDownloader } from './downloader';
import { PdfStore } from './store';
import { userAgent } from '../net/user-agent';

/** The largest view a bulk download takes in one call (the library is designed for 50k papers). */
const MAX_BULK = 50_000;

/** Keeping PDFs offline and reading them: see src/shared/api/pdf.ts for the contract. */
export function pdfHandlers(ctx: ServiceContext): Handlers<keyof PdfOutputs> {
  const { db } = ctx.lib;
  const config = resolvePdfConfig(ctx.env);
  const store = new PdfStore(ctx.lib.path);
  store.tidy(Date.now(), PDF_DEFAULTS.stalePartialMs);
  const downloader = new PdfDownloader({
    store,
    events: ctx.events,
    ...config,
    userAgent: userAgent(ctx.appVersion),
  });
  const stopAuto = startAutoDownload(ctx, (ids) => {
    for (const id of ids) {
      if (hasArxivPdf(id) && !store.kept(id)) downloader.enqueue(id, { keep: true, auto: true });
    }
  });
  ctx.onClose(async () => {
    await stopAuto();
    await downloader.close();
    store.closeSession();
  });

  async function requirePapers(ids: string[]): Promise<void> {
    const found = new Set(await existingIds(db, ids));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length > 0) {
      throw new AppError(
        'not_found',
        `No paper ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ` and ${missing.length - 3} more` : ''} in the library`,
      );
    }
  }

  const cacheChanged = (ids: string[], cached: boolean) => {
    if (ids.length > 0) ctx.events.emit({ type: 'pdf-cache-changed', ids, cached });
  };

  return {
    async downloadPdfs({ ids, view, tag, day, keep }) {
      let targets: string[];
      if (ids) {
        targets = [...new Set(ids)];
        await requirePapers(targets);
      } else {
        const filter = { view: view ?? 'all', tag, day };
        targets = await listPaperIds(db, filter, 'featured', 0, MAX_BULK);
      }
      const result: PdfOutputs['downloadPdfs'] = { queued: [], alreadyCached: [], unavailable: [] };
      const promoted: string[] = [];
      for (const id of targets) {
        if (!hasArxivPdf(id)) result.unavailable.push(id);
        else if (store.kept(id) || (!keep && store.readable(id))) result.alreadyCached.push(id);
        else if (keep && !downloader.isActive(id) && store.promoteReading(id)) {
          promoted.push(id); // read online first, now kept: no second download
          result.alreadyCached.push(id);
        } else {
          downloader.enqueue(id, { keep });
          result.queued.push(id);
        }
      }
      cacheChanged(promoted, true);
      return result;
    },

    async cancelPdfDownloads({ ids }) {
      return { cancelled: downloader.cancel(ids) };
    },

    async getPdfDownloads() {
      return { downloads: downloader.list() };
    },

    async getPdfStatus({ ids }) {
      const pages = store.lastPages(ids);
      const papers = ids.map((id): PdfStatus => {
        const kept = store.kept(id);
        const readable = store.readable(id);
        return {
          id,
          cached: kept !== null,
          readable: readable !== null,
          sizeBytes: readable?.size ?? null,
          savedAt: kept?.savedAt ?? null,
          lastPage: pages.get(id) ?? null,
          url: hasArxivPdf(id) ? pdfUrlFor(config.baseUrl, id) : null,
          download: downloader.get(id),
        };
      });
      return { papers };
    },

    async listCachedPdfs() {
      return { ids: store.listKept() };
    },

    async removePdfs({ ids }) {
      downloader.cancel(ids.filter((id) => downloader.isActive(id)));
      const { removed, freedBytes } = store.remove(ids);
      cacheChanged(removed, false);
      return { removed: removed.length, freedBytes };
    },

    async readPdf({ id, offset, length }) {
      const found = store.readable(id);
      if (!found) {
        throw new AppError(
          'not_found',
          `The PDF of ${id} is not saved on this computer; download it first`,
        );
      }
      const size = found.size;
      const n = Math.max(0, Math.min(length, size - offset));
      const buffer = Buffer.alloc(n);
      if (n > 0) {
        const handle = await fs.promises.open(found.file, 'r');
        try {
          await handle.read(buffer, 0, n, offset);
        } finally {
          await handle.close();
        }
      }
      return { id, size, offset, data: buffer.toString('base64'), version: found.version };
    },

    async setPdfPosition({ id, page }) {
      await requirePapers([id]);
      store.setLastPage(id, page, nowIso());
      return { id, page };
    },

    async getStorageUsage() {
      const libraryBytes = ['', '-wal', '-shm'].reduce(
        (sum, suffix) => sum + fileSize(`${ctx.lib.path}${suffix}`),
        0,
      );
      const { pdfBytes, pdfCount, partialBytes } = store.usage();
      return {
        libraryPath: ctx.lib.path,
        libraryBytes,
        pdfFolder: store.folder,
        pdfBytes,
        pdfCount,
        partialBytes,
        totalBytes: libraryBytes + pdfBytes + partialBytes,
      };
    },
  };
}

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

import { z } from 'zod';
import { VIEWS } from '../domain';
import type { ApiErrorData } from '../errors';
import { PDF_READ_CHUNK_DEFAULT, PDF_READ_CHUNK_MAX } from '../pdf';
import { day, empty, paperId, paperIds, tagName } from './common';

// Plain helpers live in ../pdf (no zod, so the renderer can use them cheaply).
export { hasArxivPdf, PDF_READ_CHUNK_DEFAULT, PDF_READ_CHUNK_MAX } from '../pdf';

/**
 * Papers read offline: PDFs kept in a `pdfs/` folder beside the library file,
 * downloaded in the background (politely paced, resumable, size-capped and
 * checked to be a PDF before they are kept), and read in the app.
 *
 * Progress arrives as `pdf-download` events (the whole {@link PdfDownload}
 * each time); `pdf-cache-changed` says which papers became (un)available offline.
 */

export const pdfInputs = {
  /**
   * Queue downloads and return at once. Give `ids` (a selection) or `view`
   * (optionally narrowed by `tag` and `day`, as the list shows it). Papers
   * already kept are skipped.
   * `keep: false` fetches a PDF to read now without keeping it offline
   * ("read online"); it is dropped when the app closes.
   */
  downloadPdfs: z
    .strictObject({
      ids: paperIds.optional(),
      view: z.enum(VIEWS).optional(),
      tag: tagName.optional(),
      day: day.optional(),
      keep: z.boolean().default(true),
    })
    .refine((input) => (input.ids === undefined) !== (input.view === undefined), {
      message: 'Give either `ids` or `view`',
      path: ['ids'],
    })
    .refine(
      (input) => (input.tag === undefined && input.day === undefined) || input.view !== undefined,
      { message: '`tag` and `day` narrow a `view`; give `view` with them', path: ['tag'] },
    ),
  /** Stop queued or running downloads (all of them when `ids` is absent); partial files are removed. */
  cancelPdfDownloads: z.strictObject({ ids: paperIds.optional() }),
  /** This session's downloads: running and queued first, then finished ones (newest first). */
  getPdfDownloads: empty,
  /** Per paper: kept offline?, size, last page read, download in progress. In the order given. */
  getPdfStatus: z.strictObject({ ids: paperIds }),
  /** Every paper with a PDF kept offline (for the list's "available offline" mark). */
  listCachedPdfs: empty,
  /** Delete kept PDFs (one action; the papers stay in the library). */
  removePdfs: z.strictObject({ ids: paperIds }),
  /**
   * A chunk of a paper's PDF (kept, or fetched for reading), base64 encoded so it
   * crosses every door (IPC, HTTP JSON, in-process) the same way.
   */
  readPdf: z.strictObject({
    id: paperId,
    offset: z.number().int().min(0).default(0),
    length: z.number().int().min(1).max(PDF_READ_CHUNK_MAX).default(PDF_READ_CHUNK_DEFAULT),
  }),
  /** Remember the page the reader was on, so the paper reopens there. */
  setPdfPosition: z.strictObject({
    id: paperId,
    page: z.number().int().min(1).max(100_000),
  }),
  /** The library's size on disk: the library file and the PDFs beside it. */
  getStorageUsage: empty,
};

/**
 * `queued` (waiting its turn: downloads go one at a time, a few seconds apart),
 * `downloading`, then one of: `done` (verified and kept), `failed` (see `error`;
 * nothing is kept), `cancelled`, or `interrupted` (the app closed mid-way: the
 * partial file stays and the next download of that paper resumes from it).
 */
export const PDF_DOWNLOAD_STATES = [
  'queued',
  'downloading',
  'done',
  'failed',
  'cancelled',
  'interrupted',
] as const;
export type PdfDownloadState = (typeof PDF_DOWNLOAD_STATES)[number];

export interface PdfDownload {
  id: string;
  /** False for "read online" fetches, which are not kept offline. */
  keep: boolean;
  /** Queued by the "download when moved to To read or Reading" setting. */
  auto: boolean;
  state: PdfDownloadState;
  receivedBytes: number;
  /** From the server's Content-Length / Content-Range; null while unknown. */
  totalBytes: number | null;
  /** Bytes already on disk from an earlier, interrupted download (resumed with HTTP Range). */
  resumedFromBytes: number;
  /** HTTP requests sent for this download (retries included). */
  attempts: number;
  /** Set while waiting (polite pacing, backoff after a failure, or the server's Retry-After). */
  waitUntil: string | null;
  error: ApiErrorData | null;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface PdfStatus {
  id: string;
  /** Kept offline in the pdfs folder. */
  cached: boolean;
  /** Can be opened now: kept, or fetched for reading without being kept ("read online"). */
  readable: boolean;
  /** Size of the kept (or fetched) file. */
  sizeBytes: number | null;
  /** When the kept file was saved. */
  savedAt: string | null;
  /** The page the reader was last on. */
  lastPage: number | null;
  /** Where the PDF is downloaded from; null when the paper has no arXiv PDF (e.g. an imported local entry). */
  url: string | null;
  /** The running, queued or last download of this paper this session. */
  download: PdfDownload | null;
}

export interface StorageUsage {
  libraryPath: string;
  /** The library file with its WAL and shared-memory files. */
  libraryBytes: number;
  pdfFolder: string;
  /** PDFs kept offline. */
  pdfBytes: number;
  pdfCount: number;
  /** Unfinished downloads and PDFs fetched for reading only. */
  partialBytes: number;
  totalBytes: number;
}

export interface PdfChunk {
  id: string;
  /** Size of the whole file. */
  size: number;
  offset: number;
  /** Base64 of bytes [offset, offset + n); empty at or past the end. */
  data: string;
  /** Changes when the file is replaced; a reader seeing it change mid-way starts over. */
  version: string;
}

export interface PdfOutputs {
  downloadPdfs: {
    /** Papers queued now (or already queued or running). */
    queued: string[];
    /** Papers already kept offline: nothing to do. */
    alreadyCached: string[];
    /** Papers without an arXiv PDF. */
    unavailable: string[];
  };
  cancelPdfDownloads: { cancelled: number };
  getPdfDownloads: { downloads: PdfDownload[] };
  getPdfStatus: { papers: PdfStatus[] };
  listCachedPdfs: { ids: string[] };
  removePdfs: { removed: number; freedBytes: number };
  readPdf: PdfChunk;
  setPdfPosition: { id: string; page: number };
  getStorageUsage: StorageUsage;
}

/** Every change of a download (throttled while bytes flow). */
export interface PdfDownloadEvent {
  type: 'pdf-download';
  download: PdfDownload;
}

/** Papers whose PDF became available offline (`cached: true`) or was removed. */
export interface PdfCacheChangedEvent {
  type: 'pdf-cache-changed';
  ids: string[];
  cached: boolean;
}

import { arxivPdfUrl } from '../../shared/arxiv-id';
/**
 * Where PDFs come from and how politely they are fetched. The defaults are for
 * real use against arxiv.org; tests and power users override them through the
 * environment (a local test server, no pacing, a small size cap).
 */

/** arXiv serves `https://arxiv.org/pdf/<id>` (old-style ids keep their slash: `/pdf/hep-th/9901001`). */
export const DEFAULT_PDF_BASE_URL = 'https://arxiv.org/pdf';

export const PDF_DEFAULTS = {
  /** arXiv asks automated clients for no more than one request every few seconds. */
  minIntervalMs: 3_000,
  /** Papers are a few MB; a 100 MB cap stops a wrong answer (or a huge thesis) filling the disk. */
  maxBytes: 100 * 1024 * 1024,
  /** Until the response headers arrive. */
  headersTimeoutMs: 30_000,
  /** Longest silence while the body flows; a stalled transfer is retried (and resumed). */
  idleTimeoutMs: 30_000,
  /** Attempts in a row that bring no new bytes before a download is given up. */
  maxAttemptsWithoutProgress: 3,
  /** Hard ceiling on requests for one download, progress or not. */
  maxAttempts: 10,
  /** Retries wait the polite interval, doubled after each failure, up to this. */
  backoffMaxMs: 60_000,
  /** A server asking us to wait longer than this ends the download (`rate_limited`). */
  maxRetryAfterMs: 10 * 60_000,
  /** Progress events at most this often per download. */
  progressIntervalMs: 200,
  /** Unfinished downloads older than this are removed when the library opens. */
  stalePartialMs: 14 * 24 * 60 * 60 * 1000,
} as const;

export interface PdfConfig {
  baseUrl: string;
  minIntervalMs: number;
  maxBytes: number;
}

/**
 * `PAPERSHELF_PDF_URL` (base URL), `PAPERSHELF_PDF_INTERVAL_MS` (pacing) and
 * `PAPERSHELF_PDF_MAX_BYTES` (size cap); anything unreadable falls back to the default.
 */
export function resolvePdfConfig(env: NodeJS.ProcessEnv): PdfConfig {
  return {
    baseUrl: httpUrl(env.PAPERSHELF_PDF_URL) ?? DEFAULT_PDF_BASE_URL,
    minIntervalMs: wholeNumber(env.PAPERSHELF_PDF_INTERVAL_MS) ?? PDF_DEFAULTS.minIntervalMs,
    maxBytes: wholeNumber(env.PAPERSHELF_PDF_MAX_BYTES) || PDF_DEFAULTS.maxBytes,
  };
}

/** The PDF's address for a bare arXiv id. */
export function pdfUrlFor(baseUrl: string, id: string): string {
  return arxivPdfUrl(id, baseUrl);
}

function httpUrl(value: string | undefined): string | null {
  if (!value || value.trim() === '') return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

function wholeNumber(value: string | undefined): number | null {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return null;
  return Number(value);
}

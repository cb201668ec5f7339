/**
 * Pure checks on what a PDF server answers. Kept apart from the transfer so
 * each rule can be tested with hostile input on its own.
 */

const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');
const EOF_MARK = Buffer.from('%%EOF', 'latin1');

/**
 * The PDF header must sit in the first 1024 bytes (ISO 32000 allows leading
 * junk there, and readers accept it). An HTML error page or a captcha fails here.
 */
export const PDF_HEADER_WINDOW = 1024;

export function hasPdfHeader(head: Uint8Array): boolean {
  return (
    Buffer.from(head.buffer, head.byteOffset, Math.min(head.length, PDF_HEADER_WINDOW)).indexOf(
      PDF_MAGIC,
    ) !== -1
  );
}

/** Readers look for `%%EOF` near the end; a file cut short has none. */
export const PDF_EOF_WINDOW = 2048;

export function hasEofMarker(tail: Uint8Array): boolean {
  const start = Math.max(0, tail.length - PDF_EOF_WINDOW);
  return (
    Buffer.from(tail.buffer, tail.byteOffset + start, tail.length - start).indexOf(EOF_MARK) !== -1
  );
}

/** A web page where a PDF was expected (arXiv answers some missing papers and throttling with HTML). */
export function isWebPage(contentType: string | null): boolean {
  if (!contentType) return false;
  const type = contentType.split(';')[0].trim().toLowerCase();
  return type === 'text/html' || type === 'application/xhtml+xml';
}

export type ContentRange =
  | { kind: 'range'; start: number; end: number; total: number | null }
  | { kind: 'unsatisfied'; total: number };

/** `bytes 100-199/1000`, `bytes 100-199/*`, `bytes *\/1000`; null when unreadable. */
export function parseContentRange(value: string | null): ContentRange | null {
  if (!value) return null;
  const range = /^\s*bytes\s+(\d+)-(\d+)\/(\d+|\*)\s*$/i.exec(value);
  if (range) {
    const start = Number(range[1]);
    const end = Number(range[2]);
    const total = range[3] === '*' ? null : Number(range[3]);
    if (end < start || (total !== null && end >= total)) return null;
    return { kind: 'range', start, end, total };
  }
  const unsatisfied = /^\s*bytes\s+\*\/(\d+)\s*$/i.exec(value);
  return unsatisfied ? { kind: 'unsatisfied', total: Number(unsatisfied[1]) } : null;
}

/** A non-negative whole Content-Length, else null (absent, chunked, or nonsense). */
export function parseContentLength(value: string | null): number | null {
  if (value === null || !/^\s*\d+\s*$/.test(value)) return null;
  return Number(value);
}

/** Retry-After (seconds or an HTTP date) in ms: the one reading of it is net/rate-limit.ts. */
export { parseRetryAfter } from '../net/rate-limit';

/**
 * The validator a resume may rely on: a strong ETag, else Last-Modified. A weak
 * ETag (`W/...`) promises equivalent content, not identical bytes, so it is
 * useless for splicing byte ranges (RFC 9110 §13.1.5).
 */
export function resumeValidator(etag: string | null, lastModified: string | null): string | null {
  if (etag && !etag.trim().startsWith('W/')) return etag.trim();
  return lastModified?.trim() || null;
}

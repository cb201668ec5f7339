/**
 * PDF helpers and limits without the API's schemas: the renderer imports them,
 * and importing src/shared/api/pdf.ts would pull zod into its start-up bundle.
 */

/** Reads are chunked so a 100 MB PDF never travels as one message over IPC or HTTP. */
export const PDF_READ_CHUNK_MAX = 8 * 1024 * 1024;
export const PDF_READ_CHUNK_DEFAULT = 4 * 1024 * 1024;

const NEW_ARXIV_ID = /^\d{4}\.\d{4,5}$/;
const OLD_ARXIV_ID = /^[a-z]+(?:-[a-z]+)*\/\d{7}$/;

/** arXiv ids have a PDF at arxiv.org/pdf/<id>; local ids (imported entries) do not. */
export function hasArxivPdf(id: string): boolean {
  return NEW_ARXIV_ID.test(id) || OLD_ARXIV_ID.test(id);
}

/** `1.5 MB`: sizes as people read them (decimal units, like the OS file managers). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${units[unit]}`;
}

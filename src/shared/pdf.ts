/**
 * PDF helpers and limits without the API's schemas: the renderer imports them,
 * and importing src/shared/api/pdf.ts would pull zod into its start-up bundle.
 */
import { isArxivId } from './arxiv-id';

/** Reads are chunked so a 100 MB PDF never travels as one message over IPC or HTTP. */
export const PDF_READ_CHUNK_MAX = 8 * 1024 * 1024;
export const PDF_READ_CHUNK_DEFAULT = 4 * 1024 * 1024;

/** arXiv ids have a PDF at arxiv.org/pdf/<id>; local ids (imported entries) do not. */
export function hasArxivPdf(id: string): boolean {
  return isArxivId(id);
}

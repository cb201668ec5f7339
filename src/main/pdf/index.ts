import { PdfStore } from './store';

/**
 * For other domains (the JSON backup records which papers had a PDF kept
 * offline, without the bytes): the ids with a saved PDF beside this library.
 * Read from the pdfs/ folder, the source of truth, so it is always current.
 */
export function cachedPdfIds(libraryPath: string): Set<string> {
  return new Set(new PdfStore(libraryPath).listKept());
}

import { parsePaperRef } from '../../shared/api/io';
import type { Author } from '../../shared/domain';
import { httpUrlOrNull } from '../library/feed-paper';
import { paperYear } from './citation-keys';

/** Papers imported from a BibTeX entry without an arXiv id get `local:<key>` ids. */
export const LOCAL_ID_PREFIX = 'local:';

export function isArxivPaper(id: string): boolean {
  return !id.startsWith(LOCAL_ID_PREFIX) && parsePaperRef(id)?.id === id;
}

/**
 * The paper's page: arXiv abs for arXiv papers, else the link it was imported
 * with, if it is http(s) (a library written before imports checked links may
 * hold another scheme; exports never pass it on).
 */
export function paperUrl(p: { id: string; projectPage: string | null }): string | null {
  return isArxivPaper(p.id) ? `https://arxiv.org/abs/${p.id}` : httpUrlOrNull(p.projectPage);
}

export function pdfUrl(id: string): string | null {
  return isArxivPaper(id) ? `https://arxiv.org/pdf/${id}` : null;
}

/** Every arXiv paper has a DataCite DOI under arXiv's prefix. */
export function arxivDoi(id: string): string | null {
  return isArxivPaper(id) ? `10.48550/arXiv.${id}` : null;
}

/** Authors to cite: the visible ones (as the app shows them), or all if every one is hidden. */
export function citedAuthors(authors: Author[]): string[] {
  const visible = authors.filter((a) => !a.hidden);
  return (visible.length > 0 ? visible : authors).map((a) => a.name);
}

export function yearOf(p: { id: string; publishedAt: string | null }): string | null {
  return paperYear(p.publishedAt, p.id);
}

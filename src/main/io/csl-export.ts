import type { ExportPaper } from './export-repo';
import { splitName } from './names';
import { citedDateParts } from './cited-date';
import { arxivDoi, citedAuthors, isArxivPaper, paperUrl } from './paper-links';

/**
 * CSL-JSON (the input format of citeproc-js, Zotero, Pandoc, Mendeley...).
 * arXiv papers are written the way Zotero writes preprints: type `article`,
 * publisher arXiv, number `arXiv:<id>`, arXiv's DOI.
 */
export interface CslName {
  family?: string;
  given?: string;
  'non-dropping-particle'?: string;
  suffix?: string;
  literal?: string;
}

export interface CslItem {
  id: string;
  type: string;
  title: string;
  author?: CslName[];
  issued?: { 'date-parts': number[][] };
  URL?: string;
  DOI?: string;
  number?: string;
  publisher?: string;
  abstract?: string;
  keyword?: string;
}

export function cslName(display: string): CslName {
  const name = splitName(display);
  if (name.isLiteral) return { literal: name.family };
  return {
    family: name.family,
    ...(name.given ? { given: name.given } : {}),
    ...(name.particle ? { 'non-dropping-particle': name.particle } : {}),
    ...(name.suffix ? { suffix: name.suffix } : {}),
  };
}

export function toCslItem(p: ExportPaper, key: string): CslItem {
  const arxiv = isArxivPaper(p.id);
  const parts = citedDateParts(p.publishedAt, p.id);
  const url = paperUrl(p);
  const item: CslItem = {
    id: key,
    type: 'article',
    title: p.title,
    author: citedAuthors(p.authors).map(cslName),
  };
  if (parts) item.issued = { 'date-parts': [parts] };
  if (url) item.URL = url;
  if (arxiv) {
    item.DOI = arxivDoi(p.id)!;
    item.number = `arXiv:${p.id}`;
    item.publisher = 'arXiv';
  }
  if (p.abstract) item.abstract = p.abstract;
  if (p.tags.length > 0) item.keyword = p.tags.join(', ');
  return item;
}

export function renderCslJson(papers: ExportPaper[], keys: Map<string, string>): string {
  const items = papers
    .map((p) => toCslItem(p, keys.get(p.id) ?? p.id))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return `${JSON.stringify(items, null, 2)}\n`;
}

import type { ExportPaper } from './export-repo';
import { escapeLatex, escapeUrl, protectTitle } from './latex';
import { splitName } from './names';
import { arxivDoi, citedAuthors, isArxivPaper, paperUrl, yearOf } from './paper-links';

/**
 * BibTeX as arXiv itself exports it (`@misc` with eprint, archivePrefix,
 * primaryClass), readable by BibTeX, biber and reference managers.
 */
export function renderBibtex(papers: ExportPaper[], keys: Map<string, string>): string {
  const entries = papers
    .map((p) => ({ key: keys.get(p.id) ?? p.id, paper: p }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ key, paper }) => renderEntry(key, paper));
  return entries.join('\n');
}

function renderEntry(key: string, p: ExportPaper): string {
  const fields: Array<[string, string]> = [['title', protectTitle(p.title)]];
  const authors = citedAuthors(p.authors);
  if (authors.length > 0) fields.push(['author', authors.map(bibtexName).join(' and ')]);
  const year = yearOf(p);
  if (year) fields.push(['year', year]);
  if (isArxivPaper(p.id)) {
    fields.push(['eprint', p.id], ['archivePrefix', 'arXiv']);
    // primaryClass: the library does not store arXiv categories yet.
    fields.push(['doi', arxivDoi(p.id)!]);
  }
  const url = paperUrl(p);
  if (url) fields.push(['url', escapeUrl(url)]);
  // Keywords get the titles' escaping: a tag is any text, and `%`, `\` or a
  // lone brace written raw would end the field or run as a TeX command.
  if (p.tags.length > 0) fields.push(['keywords', p.tags.map(escapeLatex).join(', ')]);
  const width = Math.max(...fields.map(([name]) => name.length));
  const body = fields.map(([name, value]) => `  ${name.padEnd(width)} = {${value}},`).join('\n');
  return `@misc{${key},\n${body}\n}\n`;
}

/**
 * "Family, Given" (or "von Family, Jr, Given"). Parts holding " and " or a
 * comma are braced so BibTeX does not split them; one-word names and
 * organisations are braced whole.
 */
export function bibtexName(display: string): string {
  const name = splitName(display);
  const part = (text: string) => {
    const escaped = escapeLatex(text);
    return /\band\b|,/i.test(text) ? `{${escaped}}` : escaped;
  };
  if (name.isLiteral) return `{${escapeLatex(name.family)}}`;
  const family = [name.particle, part(name.family)].filter(Boolean).join(' ');
  if (!name.given) return name.suffix ? `${family}, ${part(name.suffix)},` : family;
  return name.suffix
    ? `${family}, ${part(name.suffix)}, ${part(name.given)}`
    : `${family}, ${part(name.given)}`;
}

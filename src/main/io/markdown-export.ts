import { parseDocument, stringify } from 'yaml';
import type { VaultFile } from '../../shared/api/io';
import type { ExportPaper } from './export-repo';
import { assignFileNames } from './file-names';
import { citedAuthors, paperUrl, pdfUrl, yearOf } from './paper-links';

/**
 * The Markdown vault (Obsidian, Logseq, plain folders): one file per paper,
 * YAML front matter with the paper's facts, then the user's note.
 */
export interface FrontMatter {
  id: string;
  title: string;
  authors: string[];
  year: number | null;
  tags: string[];
  status: string;
  starred: boolean;
  url: string | null;
  pdf: string | null;
}

export function frontMatterOf(p: ExportPaper): FrontMatter {
  const year = yearOf(p);
  return {
    id: p.id,
    title: p.title,
    authors: citedAuthors(p.authors),
    year: year ? Number(year) : null,
    tags: p.tags,
    status: p.status,
    starred: p.starred,
    url: paperUrl(p),
    pdf: pdfUrl(p.id),
  };
}

/** `---\n<yaml>---\n\n<note>\n` */
export function renderMarkdown(p: ExportPaper): string {
  const note = p.note?.markdown.replace(/\s+$/, '') ?? '';
  return withFrontMatter({ ...frontMatterOf(p) }, note ? `\n${note}\n` : '');
}

function withFrontMatter(data: Record<string, unknown>, body: string): string {
  // lineWidth 0: never fold long titles over several lines.
  return `---\n${stringify(data, { lineWidth: 0 })}---\n${body}`;
}

/**
 * `---`, YAML lines, then a line that is `---` and nothing else: a `---` inside
 * a value (a title "Before --- after", a dash in a URL) never ends it.
 */
const FRONT_MATTER = /^---\r?\n((?:.*\r?\n)*?)---[ \t]*(?:\r?\n|$)/;

/**
 * Re-exporting over a file the user has touched: our keys are rewritten, keys
 * the user added (aliases, cssclasses...) are kept after ours.
 */
export function keepUserKeys(fresh: string, existing: string): string {
  const old = readFrontMatter(existing);
  const ours = readFrontMatter(fresh);
  if (!old || !ours) return fresh;
  const extra = Object.entries(old).filter(([key]) => !(key in ours));
  if (extra.length === 0) return fresh;
  const body = fresh.replace(FRONT_MATTER, '');
  return withFrontMatter({ ...ours, ...Object.fromEntries(extra) }, body);
}

export function renderVault(papers: ExportPaper[]): VaultFile[] {
  const names = assignFileNames(papers);
  return papers.map((p) => ({
    fileName: names.get(p.id)!,
    paperId: p.id,
    content: renderMarkdown(p),
  }));
}

/** The front matter of a Markdown file, or null when it has none (or it is not YAML). */
export function readFrontMatter(text: string): Record<string, unknown> | null {
  const m = FRONT_MATTER.exec(text);
  if (!m) return null;
  const doc = parseDocument(m[1] ?? '');
  if (doc.errors.length > 0) return null;
  const value: unknown = doc.toJS();
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

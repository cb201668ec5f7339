import { parseDocument, stringify } from 'yaml';
import type { VaultFile } from '../../shared/api/io';
import type { ExportPaper } from './export-repo';
import { assignFileNames } from './file-names';
import { citedAuthors, paperUrl, pdfUrl, yearOf } from './paper-links';
import { linksToVault, noteHash } from './vault-links';

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
  /**
   * The library's note as exported (a hash): an import tells from it whether
   * the note changed in the vault, in the library, or both. Absent: no note.
   */
  note_sha256?: string;
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

/**
 * `---\n<yaml>---\n\n<note>\n`, the note's links to papers of the vault written
 * as Obsidian links to their files (`stemById`: file names without `.md`).
 */
export function renderMarkdown(
  p: ExportPaper,
  stemById: ReadonlyMap<string, string> = new Map(),
): string {
  const markdown = p.note?.markdown.replace(/\s+$/, '') ?? '';
  const note = linksToVault(markdown, stemById);
  const front: FrontMatter = { ...frontMatterOf(p) };
  if (markdown.trim() !== '') front.note_sha256 = noteHash(markdown);
  return withFrontMatter({ ...front }, note ? `\n${note}\n` : '');
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

const OWN_KEYS = new Set(['note_sha256']);

/**
 * Re-exporting over a file the user has touched: our keys are rewritten, keys
 * the user added (aliases, cssclasses...) are kept after ours.
 */
export function keepUserKeys(fresh: string, existing: string): string {
  const old = readFrontMatter(existing);
  const ours = readFrontMatter(fresh);
  if (!old || !ours) return fresh;
  // Keys we write are never the user's, even when this export leaves one out (no note now).
  const extra = Object.entries(old).filter(([key]) => !(key in ours) && !OWN_KEYS.has(key));
  if (extra.length === 0) return fresh;
  const body = fresh.replace(FRONT_MATTER, '');
  return withFrontMatter({ ...ours, ...Object.fromEntries(extra) }, body);
}

export function renderVault(papers: ExportPaper[]): VaultFile[] {
  const names = assignFileNames(papers);
  const stems = new Map([...names].map(([id, name]) => [id, name.slice(0, -3)]));
  return papers.map((p) => ({
    fileName: names.get(p.id)!,
    paperId: p.id,
    content: renderMarkdown(p, stems),
  }));
}

/** A file's body: what follows the front matter, without the blank line the export puts first. */
export function bodyOf(text: string): string {
  const m = FRONT_MATTER.exec(text);
  return m ? text.slice(m[0].length) : text;
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

import { parseArxivId } from './arxiv-id';

/**
 * Links between papers in notes: `[[2509.04664]]`, `[[2509.04664|a label]]`,
 * old-style `[[hep-th/9901001]]`, versions and `arXiv:` prefixes
 * (`[[arXiv:2509.04664v2]]`, stored as the bare key), and the library's local
 * ids (`[[local:smith2020]]`). Text inside code (inline code spans and fenced
 * or indented code blocks) is not a link. Pure: the note editor, the preview,
 * the backlinks table and the vault all read links through here.
 */
export interface NoteLink {
  /** The linked paper's key, as the library stores it. */
  id: string;
  /** The text after `|`, trimmed; null when there is none (or it is blank). */
  label: string | null;
  /** Offsets of the whole `[[...]]` in the note. */
  start: number;
  end: number;
}

/** `local:` + a BibTeX-like key (what imports give papers without an arXiv id). */
const LOCAL_ID = /^local:[A-Za-z0-9][A-Za-z0-9._\-:/]{0,190}$/;
/** `[[target]]` or `[[target|label]]`: no brackets or line breaks inside. */
const WIKI_LINK = /\[\[([^[\]|\n]{1,200})(?:\|([^[\]\n]{0,500}))?\]\]/g;

/** The key a link target names, or null when it names no paper. */
export function linkTarget(raw: string): string | null {
  const text = raw.trim();
  if (LOCAL_ID.test(text)) return text;
  const bare = text.replace(/^arxiv:\s*/i, '');
  return parseArxivId(bare)?.id ?? null;
}

/**
 * Ranges of the note that are code, as [start, end) pairs in order: fenced
 * blocks (``` or ~~~, to the matching fence or the end), indented blocks (four
 * spaces or a tab, after a blank line) and inline code spans (a run of
 * backticks to the next run of the same length).
 */
export function codeRanges(markdown: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const lines = markdown.split('\n');
  let offset = 0;
  let fence: { char: string; length: number; start: number } | null = null;
  let previousBlank = true;
  let inIndented = false;
  const proseLines: Array<[number, number]> = [];
  for (const line of lines) {
    const lineEnd = offset + line.length;
    const next = lineEnd + 1;
    if (fence) {
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
      if (close && close[1][0] === fence.char && close[1].length >= fence.length) {
        ranges.push([fence.start, Math.min(next, markdown.length)]);
        fence = null;
      }
    } else {
      const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
      const isBlank = line.trim() === '';
      if (open) {
        fence = { char: open[1][0], length: open[1].length, start: offset };
        inIndented = false;
      } else if (!isBlank && /^(?: {4}|\t)/.test(line) && (previousBlank || inIndented)) {
        ranges.push([offset, Math.min(next, markdown.length)]);
        inIndented = true;
      } else {
        if (!isBlank) inIndented = false;
        proseLines.push([offset, lineEnd]);
      }
      previousBlank = isBlank;
    }
    offset = next;
  }
  if (fence) ranges.push([fence.start, markdown.length]);
  // Inline code spans, within the prose (a span may run over lines of one paragraph).
  for (const [start, end] of mergeAdjacent(proseLines)) {
    const text = markdown.slice(start, end);
    const ticks = /`+/g;
    let m: RegExpExecArray | null;
    while ((m = ticks.exec(text))) {
      const run = m[0];
      const closeAt = findRun(text, run.length, m.index + run.length);
      if (closeAt < 0) continue; // an unmatched run is literal backticks
      ranges.push([start + m.index, start + closeAt + run.length]);
      ticks.lastIndex = closeAt + run.length;
    }
  }
  return ranges.sort((a, b) => a[0] - b[0]);
}

function findRun(text: string, length: number, from: number): number {
  const ticks = /`+/g;
  ticks.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = ticks.exec(text))) if (m[0].length === length) return m.index;
  return -1;
}

/** Consecutive prose lines joined into paragraphs (a blank line ends one). */
function mergeAdjacent(lines: Array<[number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const [start, end] of lines) {
    const last = out[out.length - 1];
    if (last && last[1] + 1 === start && end > start) last[1] = end;
    else out.push([start, end]);
  }
  return out;
}

function isInside(ranges: Array<[number, number]>, at: number): boolean {
  return ranges.some(([s, e]) => at >= s && at < e);
}

/** Every link in the note, in order (a target that names no paper is not a link). */
export function parseNoteLinks(markdown: string): NoteLink[] {
  if (!markdown.includes('[[')) return [];
  const code = codeRanges(markdown);
  const links: NoteLink[] = [];
  for (const m of markdown.matchAll(WIKI_LINK)) {
    const start = m.index;
    if (isInside(code, start)) continue;
    const id = linkTarget(m[1]);
    if (!id) continue;
    const label = m[2]?.trim() || null;
    links.push({ id, label, start, end: start + m[0].length });
  }
  return links;
}

/** The distinct ids a note links to, in first-mention order (a note linking to itself aside). */
export function linkedIds(markdown: string, selfId?: string): string[] {
  const ids: string[] = [];
  for (const link of parseNoteLinks(markdown)) {
    if (link.id !== selfId && !ids.includes(link.id)) ids.push(link.id);
  }
  return ids;
}

const CONTEXT_MAX = 240;

/**
 * The sentence around a link, as plain text for the "Linked from" list: from
 * the previous sentence end (or line start) to the next, other links shown by
 * their labels or ids, cut to about 240 characters around the link.
 */
export function linkContext(markdown: string, link: NoteLink): string {
  const lineStart = markdown.lastIndexOf('\n', link.start - 1) + 1;
  const lineEndAt = markdown.indexOf('\n', link.end);
  const lineEnd = lineEndAt < 0 ? markdown.length : lineEndAt;
  let start = lineStart;
  const before = markdown.slice(lineStart, link.start);
  const stop = /[.!?]\s+(?=\S)/g;
  let m: RegExpExecArray | null;
  while ((m = stop.exec(before))) start = lineStart + m.index + m[0].length;
  const after = markdown.slice(link.end, lineEnd);
  const endMatch = /[.!?](?=\s|$)/.exec(after);
  const end = endMatch ? link.end + endMatch.index + 1 : lineEnd;
  let text = plainText(markdown.slice(start, end));
  if (text.length > CONTEXT_MAX) text = `${text.slice(0, CONTEXT_MAX - 1).trimEnd()}…`;
  return text;
}

/** Links shown as their labels (or ids), list and heading marks dropped, spaces collapsed. */
function plainText(text: string): string {
  return text
    .replace(WIKI_LINK, (_all, target: string, label: string | undefined) =>
      label?.trim() ? label.trim() : target.trim(),
    )
    .replace(/^\s*(?:[-*+]|\d+[.)]|#{1,6}|>)\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Each distinct link target with the context of its first mention. */
export function linksWithContext(
  markdown: string,
  selfId?: string,
): Array<{ id: string; context: string }> {
  const seen = new Set<string>();
  const out: Array<{ id: string; context: string }> = [];
  for (const link of parseNoteLinks(markdown)) {
    if (link.id === selfId || seen.has(link.id)) continue;
    seen.add(link.id);
    out.push({ id: link.id, context: linkContext(markdown, link) });
  }
  return out;
}

/**
 * An open `[[` just before the caret, with what has been typed after it (for
 * the editor's completion): null when the caret is not in an unfinished link.
 */
export function openLinkAt(text: string, caret: number): { start: number; query: string } | null {
  const lineStart = text.lastIndexOf('\n', caret - 1) + 1;
  const before = text.slice(lineStart, caret);
  const open = before.lastIndexOf('[[');
  if (open < 0) return null;
  const query = before.slice(open + 2);
  if (/[[\]|]/.test(query) || query.length > 100) return null;
  const start = lineStart + open;
  if (isInside(codeRanges(text), start)) return null;
  return { start, query };
}

import { z } from 'zod';
import type { Author, Paper } from '../../shared/domain';
import { canonicalArxivId } from '../../shared/arxiv-id';

/**
 * The Daily Papers item, as the feed sends it. Unknown fields are ignored
 * (zod strips them); optional fields may be missing or null. Only `paper.id`
 * and `paper.title` are required: without them an item is skipped and counted.
 */
const nullableString = z.string().nullish();
const count = z.number().finite().nullish();

/**
 * Only the fields Papershelf stores are described; everything else is dropped
 * unread (`z.object` strips), which also keeps validation cheap at 50k items.
 * `authors` and `ai_keywords` are lists whose bad entries are left out one by
 * one rather than failing the item, so they are checked below, not here.
 */
export const feedPaperSchema = z.object({
  id: z.string(),
  title: z.string(),
  summary: nullableString,
  authors: z.unknown().optional(),
  publishedAt: nullableString,
  upvotes: count,
  ai_summary: nullableString,
  ai_keywords: z.unknown().optional(),
  githubRepo: nullableString,
  githubStars: count,
  projectPage: nullableString,
});

export const feedItemSchema = z.object({
  paper: feedPaperSchema,
  numComments: count,
  thumbnail: nullableString,
  summary: nullableString,
});

/**
 * A paper's feed-owned fields, normalized and ready to upsert: the domain's
 * Paper (src/shared/domain.ts) narrowed to what the feed says about it. The
 * columns that store them are listed in paper-columns.ts.
 */
export type FeedPaper = Pick<
  Paper,
  | 'id'
  | 'title'
  | 'abstract'
  | 'authors'
  | 'publishedAt'
  | 'upvotes'
  | 'numComments'
  | 'aiSummary'
  | 'aiKeywords'
  | 'githubRepo'
  | 'githubStars'
  | 'projectPage'
  | 'thumbnail'
>;

/**
 * A paper known only by its bibliographic fields (an arXiv lookup, a BibTeX
 * entry): what the feed adds (votes, comments, AI summary, links) is empty.
 */
export function paperFromMetadata(
  fields: Pick<FeedPaper, 'id' | 'title' | 'abstract' | 'authors' | 'publishedAt'> &
    Partial<FeedPaper>,
): FeedPaper {
  return {
    upvotes: 0,
    numComments: 0,
    aiSummary: null,
    aiKeywords: [],
    githubRepo: null,
    githubStars: null,
    projectPage: null,
    thumbnail: null,
    ...fields,
  };
}

export type ParsedItem = { ok: true; paper: FeedPaper } | { ok: false; reason: string };

/** Collapse runs of white space; used for titles and names. */
export function cleanLine(text: string): string {
  return collapseWhitespace(text, false);
}

/**
 * Abstracts arrive with hard line breaks from the PDF. Single breaks become
 * spaces; blank lines stay as paragraph breaks.
 */
export function normalizeAbstract(text: string): string {
  return collapseWhitespace(text, true);
}

/**
 * One pass over the text: every run of white space (as `\s` defines it)
 * becomes one space, or with `keepParagraphs` a blank line when the run holds
 * two or more line breaks (`\n`, `\r\n` or `\r`); runs at either end go.
 * Equal to `text.replace(/\s+/g, ' ').trim()` (and to splitting paragraphs on
 * `/\n\s*\n/` first), which tests check. Sync runs it over every abstract
 * (50,000 in a long backfill): the usual hard-wrapped abstract takes the native
 * path below (about 2.3 µs), anything else this loop (about 9 µs for 1,500
 * characters; the regular expressions took about 17 µs).
 */
function collapseWhitespace(text: string, keepParagraphs: boolean): string {
  if (text.length >= NATIVE_SCAN_MIN_LENGTH) {
    const simple = joinSimpleLines(text);
    if (simple !== null) return simple;
  }
  const n = text.length;
  let out = '';
  let copied = 0; // text[copied..i) has not been appended to `out` yet
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if ((c > 32 && c < 0xa0) || !isSpace(c)) {
      i += 1;
      continue;
    }
    if (c === 32 && i > 0) {
      // The usual case: one plain space between words.
      const next = text.charCodeAt(i + 1);
      if (next > 32 && next < 0xa0) {
        i += 2;
        continue;
      }
    }
    let j = i;
    let breaks = 0;
    for (; j < n; j += 1) {
      const d = text.charCodeAt(j);
      if (!isSpace(d)) break;
      if (d === 10 || (d === 13 && text.charCodeAt(j + 1) !== 10)) breaks += 1;
    }
    const inside = i > 0 && j < n;
    if (inside && c === 32 && j === i + 1) {
      i = j; // a single plain space stays as it is
      continue;
    }
    out += text.slice(copied, i);
    if (inside) out += keepParagraphs && breaks >= 2 ? '\n\n' : ' ';
    copied = j;
    i = j;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Shorter text (titles, names, keywords) stays with the loop, about as fast there. */
const NATIVE_SCAN_MIN_LENGTH = 256;

/** The white space `\s` matches other than the plain space and `\n`. */
const OTHER_SPACE = /[\t\v\f\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;

/**
 * The usual abstract: hard-wrapped lines joined by single `\n`s, words by
 * single spaces, nothing at either end. Its normal form is every `\n` turned
 * into a space, found with native string scans (about 2.3 µs for a 1,500
 * character abstract against 9 µs for the loop). The lines are joined into
 * one flat string, which SQLite then takes as it is (a string built piece by
 * piece, as `replaceAll` builds it, is copied flat again when bound).
 * Returns null for any other text, which the loop handles.
 */
function joinSimpleLines(text: string): string | null {
  // ASCII text (the usual case) is checked with `includes`, other text with one regex pass.
  const other =
    Buffer.byteLength(text, 'utf8') === text.length
      ? text.includes('\t') || text.includes('\r') || text.includes('\v') || text.includes('\f')
      : OTHER_SPACE.test(text);
  if (other) return null;
  // Now the only white space is spaces and \n: none may start or end the text, nor
  // follow another.
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  if (first === 32 || first === 10 || last === 32 || last === 10 || text.includes('  ')) {
    return null;
  }
  const lines: string[] = [];
  let from = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    const before = text.charCodeAt(i - 1);
    const after = text.charCodeAt(i + 1);
    if (before === 32 || after === 32 || after === 10) return null;
    lines.push(text.slice(from, i));
    from = i + 1;
  }
  if (from === 0) return text;
  lines.push(text.slice(from));
  return lines.join(' ');
}

/** The characters `\s` matches in JavaScript regular expressions. */
function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * A link (GitHub repository, project page, thumbnail) in the form the URL
 * parser gives back: http(s), a lowercase host name whose last label is
 * letters (so never an IP address), and a path of plain characters with no
 * segment starting with a dot. Nearly every link in the feed looks like this,
 * and such text parses to itself, so it is taken as it is; anything else goes
 * through `new URL` (three times per paper adds up over a 50,000-paper
 * backfill). Tests check the two agree.
 */
const PLAIN_URL = /^https?:\/\/(?:[a-z0-9]+(?:-[a-z0-9]+)*\.)+[a-z]{2,63}(?:\/(?!\.)[\w~.-]*)+$/;

/** The link as the URL parser writes it, or null when it is not an http(s) URL. */
export function httpUrlOrNull(value: string | null | undefined): string | null {
  if (!value) return null;
  if (PLAIN_URL.test(value)) return value;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

function nonNegativeInt(value: number | null | undefined): number {
  return value && value > 0 ? Math.round(value) : 0;
}

function parseAuthors(raw: unknown): Author[] {
  const authors: Author[] = [];
  if (!Array.isArray(raw)) return authors;
  for (const entry of raw as unknown[]) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { name, hidden } = entry as { name?: unknown; hidden?: unknown };
    if (typeof name !== 'string') continue;
    const clean = cleanLine(name);
    if (clean !== '') authors.push({ name: clean, hidden: hidden === true });
  }
  return authors;
}

function parseKeywords(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  const keywords: string[] = [];
  for (const k of raw as unknown[]) {
    if (typeof k !== 'string') continue;
    const clean = cleanLine(k);
    if (clean !== '') keywords.push(clean);
  }
  return keywords;
}

/** Validate and normalize one feed item. Never throws. */
export function parseFeedItem(raw: unknown): ParsedItem {
  const parsed = feedItemSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `${issue.path.join('.') || 'item'}: ${issue.message}` };
  }
  const item = parsed.data;
  const paper = item.paper;
  const id = canonicalArxivId(paper.id);
  if (!id) return { ok: false, reason: `paper.id: not an arXiv id (${paper.id.slice(0, 40)})` };
  const title = cleanLine(paper.title);
  if (title === '') return { ok: false, reason: 'paper.title: empty' };
  return {
    ok: true,
    paper: {
      id,
      title,
      abstract: normalizeAbstract(paper.summary ?? item.summary ?? ''),
      authors: parseAuthors(paper.authors),
      publishedAt: paper.publishedAt ?? null,
      upvotes: nonNegativeInt(paper.upvotes),
      numComments: nonNegativeInt(item.numComments),
      aiSummary: paper.ai_summary ? paper.ai_summary.trim() : null,
      aiKeywords: parseKeywords(paper.ai_keywords),
      githubRepo: httpUrlOrNull(paper.githubRepo),
      githubStars: paper.githubStars == null ? null : nonNegativeInt(paper.githubStars),
      projectPage: httpUrlOrNull(paper.projectPage),
      thumbnail: httpUrlOrNull(item.thumbnail),
    },
  };
}

import { z } from 'zod';
import type { Author } from '../../shared/domain';

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

/** A paper's feed-owned fields, normalized and ready to upsert. */
export interface FeedPaper {
  id: string;
  title: string;
  abstract: string;
  authors: Author[];
  publishedAt: string | null;
  upvotes: number;
  numComments: number;
  aiSummary: string | null;
  aiKeywords: string[];
  githubRepo: string | null;
  githubStars: number | null;
  projectPage: string | null;
  thumbnail: string | null;
}

export type ParsedItem = { ok: true; paper: FeedPaper } | { ok: false; reason: string };

/** New-style (`2509.04664`, optional `v2`) and old-style (`hep-th/9901001`) arXiv ids. */
const NEW_ID = /^(\d{4}\.\d{4,5})(v\d+)?$/;
const OLD_ID = /^([a-z-]+(?:\.[A-Z]{2})?\/\d{7})(v\d+)?$/;

/** The bare arXiv id (no version), or null when the text is not an arXiv id. */
export function bareArxivId(raw: string): string | null {
  const text = raw.trim();
  const match = NEW_ID.exec(text) ?? OLD_ID.exec(text);
  return match ? match[1] : null;
}

/** Collapse runs of white space; used for titles and names. */
export function cleanLine(text: string): string {
  // Matching only what must change (runs, and tabs or newlines) leaves single spaces alone: 2x faster.
  return text.replace(/\s{2,}|[^\S ]/g, ' ').trim();
}

/**
 * Abstracts arrive with hard line breaks from the PDF. Single breaks become
 * spaces; blank lines stay as paragraph breaks.
 */
export function normalizeAbstract(text: string): string {
  if (!/\n\s*\n/.test(text)) return cleanLine(text); // the usual case: one paragraph
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((para) => cleanLine(para))
    .filter((para) => para !== '')
    .join('\n\n');
}

function httpUrlOrNull(value: string | null | undefined): string | null {
  if (!value) return null;
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
  const id = bareArxivId(paper.id);
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

import { z } from 'zod';
import type { Author } from '../../shared/domain';

/**
 * The Daily Papers item, as the feed sends it. Unknown fields are ignored
 * (zod strips them); optional fields may be missing or null. Only `paper.id`
 * and `paper.title` are required: without them an item is skipped and counted.
 */
const nullableString = z.string().nullish();
const count = z.number().finite().nullish();

const authorSchema = z.looseObject({
  name: z.string().nullish(),
  hidden: z.boolean().nullish(),
});

export const feedPaperSchema = z.looseObject({
  id: z.string(),
  title: z.string(),
  summary: nullableString,
  authors: z.array(z.unknown()).nullish(),
  publishedAt: nullableString,
  upvotes: count,
  ai_summary: nullableString,
  ai_keywords: z.array(z.unknown()).nullish(),
  githubRepo: nullableString,
  githubStars: count,
  projectPage: nullableString,
  withdrawnAt: nullableString,
});

export const feedItemSchema = z.looseObject({
  paper: feedPaperSchema,
  numComments: count,
  thumbnail: nullableString,
  title: nullableString,
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
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Abstracts arrive with hard line breaks from the PDF. Single breaks become
 * spaces; blank lines stay as paragraph breaks.
 */
export function normalizeAbstract(text: string): string {
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

function parseAuthors(raw: unknown[] | null | undefined): Author[] {
  const authors: Author[] = [];
  for (const entry of raw ?? []) {
    const parsed = authorSchema.safeParse(entry);
    if (!parsed.success || !parsed.data.name) continue;
    const name = cleanLine(parsed.data.name);
    if (name !== '') authors.push({ name, hidden: parsed.data.hidden === true });
  }
  return authors;
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
  const keywords = (paper.ai_keywords ?? []).filter(
    (k): k is string => typeof k === 'string' && k.trim() !== '',
  );
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
      aiKeywords: keywords.map((k) => cleanLine(k)),
      githubRepo: httpUrlOrNull(paper.githubRepo),
      githubStars: paper.githubStars == null ? null : nonNegativeInt(paper.githubStars),
      projectPage: httpUrlOrNull(paper.projectPage),
      thumbnail: httpUrlOrNull(item.thumbnail),
    },
  };
}

import type { RelatedPaper } from '../../shared/api/discovery';
import { FIELD_BITS, toSummary } from '../search/index/documents';
import { SLOT_SHIFT, type SearchIndex } from '../search/index/search-index';
import {
  type Accumulator,
  dot,
  idf,
  sharedTerms,
  type TermVector,
  type VectorCache,
} from './vectors';

/** The paper's heaviest terms that go looking for neighbours. */
const QUERY_TERMS = 25;
/** A term in more papers than this share of the library is too common to tell topics apart. */
const COMMON_SHARE = 0.1;
/** Papers scored exactly (cosine) after the posting walk picked them. */
const TEXT_CANDIDATES = 30;
/** Papers per shared author and per shared tag considered besides. */
const AUTHOR_CANDIDATES = 5;
/** An author name whose rarest word is in more papers than this is too common to follow. */
const MAX_AUTHOR_DF = 200;
const TAG_CANDIDATES = 10;
/** What a shared author and a shared tag add to the cosine (each, up to three). */
const AUTHOR_BONUS = 0.12;
const TAG_BONUS = 0.08;

/**
 * "More like this": the papers most like the one with `id`, from the index alone.
 *
 * Its vector's heaviest terms (common words left out) walk their posting lists,
 * summing tf-idf products into a score per paper; the best few, plus papers by
 * the same authors or under the same tags, are then scored exactly: the cosine
 * of the two vectors, plus a bonus per shared author and per shared tag.
 */
export function relatedPapers(
  index: SearchIndex,
  vectors: VectorCache,
  acc: Accumulator,
  id: string,
  limit: number,
): RelatedPaper[] | null {
  const slot = index.slotOf(id);
  if (slot === undefined) return null;
  const doc = index.doc(slot);
  const query = vectors.vector(index, slot);

  acc.reset(index.slotCount);
  const maxDf = Math.max(20, index.size * COMMON_SHARE);
  for (const [term, weight] of heaviest(index, query, QUERY_TERMS, maxDf))
    acc.walk(index, term, weight * idf(index, term), slot);
  const candidates = new Set(acc.top(TEXT_CANDIDATES));

  const authorKeys = new Set(doc.authors.map((a) => a.toLowerCase()));
  for (const author of doc.authors.slice(0, 12)) {
    for (const other of authorCandidates(index, author, slot)) candidates.add(other);
  }
  const tagKeys = index.tagKeys[slot];
  if (tagKeys.length > 0) {
    const tagged: number[] = [];
    for (let s = 0; s < index.slotCount; s++) {
      if (s === slot || !index.alive[s]) continue;
      const keys = index.tagKeys[s];
      if (keys.length > 0 && keys.some((k) => tagKeys.includes(k))) tagged.push(s);
    }
    const { scores } = acc;
    tagged.sort((a, b) => scores[b] - scores[a] || b - a);
    for (const s of tagged.slice(0, TAG_CANDIDATES)) candidates.add(s);
  }

  const slots = [...candidates];
  const others = vectors.vectors(index, slots);
  const scored = slots.map((other, i) => {
    const otherDoc = index.doc(other);
    const authors = otherDoc.authors.filter((a) => authorKeys.has(a.toLowerCase()));
    const tags = otherDoc.tags.filter((t) => tagKeys.includes(t.toLowerCase()));
    const cosine = dot(query, others[i]);
    const score =
      cosine + AUTHOR_BONUS * Math.min(authors.length, 3) + TAG_BONUS * Math.min(tags.length, 3);
    return { other, otherDoc, authors, tags, vector: others[i], score };
  });
  scored.sort((a, b) => b.score - a.score || a.otherDoc.id.localeCompare(b.otherDoc.id));
  return scored
    .filter((s) => s.score > 0.02)
    .slice(0, limit)
    .map((s) => ({
      paper: toSummary(s.otherDoc),
      score: round(s.score),
      reasons: reasons(index, query, s.vector, s.authors, s.tags),
    }));
}

function reasons(
  index: SearchIndex,
  a: TermVector,
  b: TermVector,
  authors: string[],
  tags: string[],
): string[] {
  const out: string[] = [];
  const terms = sharedTerms(a, b, 4).map((t) => index.vocab.terms[t]);
  if (terms.length > 0) out.push(`Shared terms: ${terms.join(', ')}`);
  if (authors.length > 0) out.push(`Shared ${plural(authors.length, 'author')}: ${list(authors)}`);
  if (tags.length > 0) out.push(`Shared ${plural(tags.length, 'tag')}: ${list(tags)}`);
  return out;
}

/** The `k` heaviest terms of a vector that are in 2..maxDf papers (rarer ones find nobody). */
export function heaviest(
  index: SearchIndex,
  vector: TermVector,
  k: number,
  maxDf: number,
): Array<[number, number]> {
  const picked: Array<[number, number]> = [];
  for (let i = 0; i < vector.terms.length; i++) {
    const df = index.termCount(vector.terms[i]);
    if (df >= 2 && df <= maxDf) picked.push([vector.terms[i], vector.weights[i]]);
  }
  return picked.sort((x, y) => y[1] - x[1]).slice(0, k);
}

/**
 * Papers whose author list holds a word of this author's name: the name's rarest
 * word, in author fields only (the exact name is checked by the caller).
 */
function authorCandidates(index: SearchIndex, author: string, self: number): number[] {
  let rarest = -1;
  index.vocab.forEachWordId(author, (id) => {
    if (id >= 0 && (rarest < 0 || index.termCount(id) < index.termCount(rarest))) rarest = id;
    return true;
  });
  if (rarest < 0 || index.termCount(rarest) > MAX_AUTHOR_DF) return [];
  const list = index.list(rarest);
  if (!list) return [];
  const out: number[] = [];
  // Newest slots first: the latest papers by an author are the likeliest to matter.
  for (let i = list.length - 1; i >= 0 && out.length < AUTHOR_CANDIDATES; i--) {
    const packed = list.data[i];
    if ((packed & FIELD_BITS.authors) === 0) continue;
    const slot = packed >>> SLOT_SHIFT;
    if (slot !== self && index.alive[slot]) out.push(slot);
  }
  return out;
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

function list(items: string[]): string {
  return items.length <= 3 ? items.join(', ') : `${items.slice(0, 3).join(', ')}, …`;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

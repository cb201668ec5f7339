import { FIELD_BITS } from '../search/index/documents';
import { STOP_WORDS } from '../search/query/variants';
import { SLOT_SHIFT, type SearchIndex } from '../search/index/search-index';
import type { Vocabulary } from '../search/index/vocabulary';

/**
 * Term vectors read from the search index: no second copy of the text.
 *
 * A paper's vector is its words (title and abstract, looked up in the index's
 * vocabulary) weighted by tf-idf, with the index's document frequencies for idf,
 * and scaled to unit length. Author names and tags are not terms here: they are
 * separate signals (shared authors, shared tags), and tags are what the models
 * learn, so they must not also be what they read.
 */

/** Fields whose words make up a paper's vector. */
export const TEXT_MASK = FIELD_BITS.title | FIELD_BITS.abstract;
/** A title word counts as this many abstract words. */
const TITLE_WEIGHT = 2;
/** Words shorter than this carry no topic (a, of, 3d aside, short words are stop words). */
const MIN_TERM_LENGTH = 3;

/** A sparse vector: term ids ascending, weights parallel, unit length. */
export interface TermVector {
  terms: Uint32Array;
  weights: Float32Array;
}

/** BM25's idf: rare words weigh more; a word in most papers weighs almost nothing. */
export function idf(index: SearchIndex, term: number): number {
  const n = Math.max(index.size, 1);
  const df = Math.min(index.termCount(term), n);
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** Term weight for `count` occurrences (sublinear: the tenth "model" adds little). */
export function tfWeight(count: number): number {
  return count > 0 ? 1 + Math.log(count) : 0;
}

/** True for a word that can stand for a topic (long enough, not a bare number). */
export function isTopicTerm(term: string): boolean {
  return term.length >= MIN_TERM_LENGTH && !STOP_WORDS.has(term) && !/^\d+$/.test(term);
}

/**
 * Vectors of papers by slot, cached while the paper's text is unchanged (a text
 * change gives a paper a new slot; the cache is keyed by id and text hash).
 */
export class VectorCache {
  private readonly cache = new Map<string, { hash: number; vector: TermVector }>();
  // Per term id: occurrences in the paper being read, valid where stamp === gen (no clearing).
  private counts = new Float32Array(1024);
  private stamps = new Uint32Array(1024);
  private gen = 0;
  private vocab: Vocabulary | null = null;
  private readonly seen: number[] = [];
  private weight = 1;
  /** Whether a term can stand for a topic, by term id (0 unknown, 1 yes, 2 no). */
  private topical = new Uint8Array(1024);

  constructor(private readonly capacity = 20_000) {}

  /** The vector of the paper in `slot` (its document is loaded if the index has it on disk). */
  vector(index: SearchIndex, slot: number): TermVector {
    this.follow(index);
    const id = index.idOf[slot];
    const hash = index.textHashes[slot];
    const held = this.cache.get(id);
    if (held && held.hash === hash) return held.vector;
    const vector = this.read(index, slot);
    this.cache.set(id, { hash, vector });
    if (this.cache.size > this.capacity) this.cache.delete(this.cache.keys().next().value!);
    return vector;
  }

  /** Vectors of many slots, their documents read from the library in one go. */
  vectors(index: SearchIndex, slots: number[]): TermVector[] {
    this.follow(index);
    const missing = slots.filter((slot) => {
      const held = this.cache.get(index.idOf[slot]);
      return !held || held.hash !== index.textHashes[slot];
    });
    for (let i = 0; i < missing.length; i += 500) index.prefetch(missing.slice(i, i + 500));
    return slots.map((slot) => this.vector(index, slot));
  }

  /** A rebuilt index numbers its terms anew: vectors of the old one mean nothing in it. */
  private follow(index: SearchIndex): void {
    if (this.vocab === index.vocab) return;
    this.vocab = index.vocab;
    this.cache.clear();
    this.topical.fill(0);
  }

  private readonly visit = (id: number): boolean => {
    if (id < 0) return true;
    if (id >= this.stamps.length) this.grow(id + 1);
    if (this.stamps[id] !== this.gen) {
      this.stamps[id] = this.gen;
      this.counts[id] = 0;
      this.seen.push(id);
    }
    this.counts[id] += this.weight;
    return true;
  };

  private grow(size: number): void {
    const n = Math.max(size, this.stamps.length * 2);
    const stamps = new Uint32Array(n);
    stamps.set(this.stamps);
    this.stamps = stamps;
    const counts = new Float32Array(n);
    counts.set(this.counts);
    this.counts = counts;
    const topical = new Uint8Array(n);
    topical.set(this.topical);
    this.topical = topical;
  }

  private read(index: SearchIndex, slot: number): TermVector {
    const doc = index.doc(slot);
    this.gen++;
    this.seen.length = 0;
    this.weight = TITLE_WEIGHT;
    index.vocab.forEachWordId(doc.title, this.visit);
    this.weight = 1;
    index.vocab.forEachWordId(doc.abstract, this.visit);
    const terms: number[] = [];
    for (const id of this.seen) {
      if (this.topical[id] === 0) this.topical[id] = isTopicTerm(index.vocab.terms[id]) ? 1 : 2;
      if (this.topical[id] === 1) terms.push(id);
    }
    terms.sort((a, b) => a - b);
    const weights = new Float32Array(terms.length);
    let norm = 0;
    for (let i = 0; i < terms.length; i++) {
      const w = tfWeight(this.counts[terms[i]]) * idf(index, terms[i]);
      weights[i] = w;
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < weights.length; i++) weights[i] /= norm;
    return { terms: Uint32Array.from(terms), weights };
  }
}

/** Dot product of two sparse vectors (both sorted by term id). */
export function dot(a: TermVector, b: TermVector): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < a.terms.length && j < b.terms.length) {
    const ta = a.terms[i];
    const tb = b.terms[j];
    if (ta === tb) sum += a.weights[i++] * b.weights[j++];
    else if (ta < tb) i++;
    else j++;
  }
  return sum;
}

/** The terms two vectors share, heaviest product first. */
export function sharedTerms(a: TermVector, b: TermVector, limit: number): number[] {
  const shared: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < a.terms.length && j < b.terms.length) {
    const ta = a.terms[i];
    const tb = b.terms[j];
    if (ta === tb) shared.push([ta, a.weights[i++] * b.weights[j++]]);
    else if (ta < tb) i++;
    else j++;
  }
  return shared
    .sort((x, y) => y[1] - x[1])
    .slice(0, limit)
    .map(([t]) => t);
}

/**
 * Scratch scores per slot, reused across calls: the slots touched are listed so
 * only they are read and cleared (no 50,000-slot sweep per query).
 */
export class Accumulator {
  scores = new Float32Array(1024);
  touched: number[] = [];

  reset(slots: number): void {
    if (this.scores.length < slots)
      this.scores = new Float32Array(Math.max(slots, this.scores.length * 2));
    for (const slot of this.touched) this.scores[slot] = 0;
    this.touched.length = 0;
  }

  add(slot: number, value: number): void {
    if (this.scores[slot] === 0) this.touched.push(slot);
    this.scores[slot] += value;
    // A sum that cancels to exactly 0 would be listed twice; nudge it off zero.
    if (this.scores[slot] === 0) this.scores[slot] = Number.MIN_VALUE;
  }

  /**
   * Walk a term's posting list: every live paper holding it in its title or
   * abstract gains `weight` times the term's weight in that paper (idf aside:
   * the caller folds idf into `weight`).
   */
  walk(index: SearchIndex, term: number, weight: number, skipSlot = -1): void {
    const list = index.list(term);
    if (!list) return;
    const { data, counts } = list;
    const { alive } = index;
    for (let i = 0; i < list.length; i++) {
      const packed = data[i];
      if ((packed & TEXT_MASK) === 0) continue;
      const slot = packed >>> SLOT_SHIFT;
      if (slot === skipSlot || alive[slot] === 0) continue;
      this.add(slot, weight * tfWeight(counts[i]));
    }
  }

  /** The `k` touched slots with the highest scores, best first. */
  top(k: number, keep: (slot: number) => boolean = () => true): number[] {
    const { scores } = this;
    const slots = this.touched.filter(keep);
    return slots.sort((a, b) => scores[b] - scores[a]).slice(0, k);
  }
}

/** A short name for a paper in a reason: the part of its title before a colon, or its start. */
export function shortTitle(title: string): string {
  const colon = title.indexOf(':');
  const head = colon > 1 && colon <= 40 ? title.slice(0, colon) : title;
  return head.length <= 40 ? head.trim() : `${head.slice(0, 37).trimEnd()}…`;
}

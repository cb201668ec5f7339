import {
  ASCII_FOLD,
  editDistanceWithin,
  foldWord,
  hasDigit,
  isWordCodePoint,
  MAX_WORD_LENGTH,
} from './text';

/** A growable array of unsigned 32-bit integers (posting lists, id lists). */
export class U32List {
  data: Uint32Array;
  length = 0;

  constructor(capacity = 4) {
    this.data = new Uint32Array(capacity);
  }

  /** Make room for `capacity` values without growing again. */
  reserve(capacity: number): void {
    if (capacity <= this.data.length) return;
    const next = new Uint32Array(capacity);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Uint32Array(Math.max(4, this.data.length * 2));
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }

  /** Keep only the values `keep` accepts (in place). */
  filter(keep: (value: number) => boolean): void {
    let w = 0;
    for (let r = 0; r < this.length; r++) {
      const v = this.data[r];
      if (keep(v)) this.data[w++] = v;
    }
    this.length = w;
  }
}

// Local copies: some module formats (esbuild's CommonJS, used by tsx) turn imported
// bindings into getters, which the per-character loop below cannot afford.
const FOLD = ASCII_FOLD;
const MAX_WORD = MAX_WORD_LENGTH;

/** See `Vocabulary.wordFilter`: one byte per hash bucket. */
export type WordFilter = Uint8Array;
const FILTER_MASK = 4095;

/** Terms shorter than this are never typo targets (a query word needs 5 letters to forgive one typo). */
const MIN_FUZZY_TERM = 4;
/** A word has at most 64 letters; 255 keeps the shared-bigram counts in a byte. */
const MAX_FUZZY_TERM = 64;
/** Bigram markers for the start and end of a word (never inside one). */
const START = 1;
const END = 2;
/** FNV-1a offset basis, as a signed 32-bit integer (hashes stay small integers in V8). */
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/**
 * Every distinct word of the library, with two lookups besides exact: by prefix
 * (a sorted array, merged lazily when words are added) and by similarity (a
 * bigram index over the words, so a typo search counts shared bigrams in a few
 * posting lists instead of comparing against every word).
 *
 * Exact lookup is an open-addressing hash table keyed by the word's characters,
 * so a word can be looked up straight from the text it sits in (`lookupSlice`)
 * without cutting a string out of it: indexing 50,000 abstracts allocates a
 * string only for words it has not seen before.
 */
export class Vocabulary {
  readonly terms: string[] = [];
  private hashes = new Int32Array(1024);
  private table = new Int32Array(1 << 12).fill(-1);
  private sorted: Uint32Array<ArrayBufferLike> = new Uint32Array(0);
  private sortedUpTo = 0;
  private readonly bigrams = new Map<number, U32List>();
  private bigramsUpTo = 0;
  private counts = new Uint8Array(0);
  private touched = new Uint32Array(0);

  get size(): number {
    return this.terms.length;
  }

  /** The id of a folded word, if the library has it. */
  id(term: string): number | undefined {
    const hash = hashString(term);
    const mask = this.table.length - 1;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const id = this.table[i];
      if (id === -1) return undefined;
      if (this.hashes[id] === hash && this.terms[id] === term) return id;
    }
  }

  intern(term: string): number {
    return this.id(term) ?? this.add(term, hashString(term));
  }

  /**
   * Visit every word of `text` with its term id (-1 when unknown, unless `add`),
   * its [start, end) offsets and whether it is pure ASCII; stop when `visit`
   * returns false. One pass: ASCII words are folded and hashed as they are read,
   * so the common case allocates nothing.
   */
  forEachWordId(
    text: string,
    visit: (id: number, start: number, end: number, ascii: boolean) => boolean,
    add = false,
    only: WordFilter | null = null,
  ): void {
    const n = text.length;
    let i = 0;
    while (i < n) {
      let code = text.charCodeAt(i);
      if (code < 128) {
        if (FOLD[code] === 0) {
          i++;
          continue;
        }
      } else if (!isWordCodePoint(code, text, i)) {
        i += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
        continue;
      }
      const start = i;
      let ascii = true;
      let hash = FNV_OFFSET;
      while (i < n) {
        code = text.charCodeAt(i);
        if (code < 128) {
          const folded = FOLD[code];
          if (folded === 0) break;
          hash = Math.imul(hash ^ folded, FNV_PRIME);
          i++;
        } else if (isWordCodePoint(code, text, i)) {
          ascii = false;
          i += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
        } else break;
      }
      if (i - start > MAX_WORD) continue;
      let id: number;
      if (ascii) {
        id =
          only !== null && only[hash & FILTER_MASK] === 0 ? -1 : this.probe(hash, text, start, i);
        if (id === -1 && add) id = this.add(text.slice(start, i).toLowerCase(), hash);
      } else {
        const folded = foldWord(text.slice(start, i));
        id = add ? this.intern(folded) : (this.id(folded) ?? -1);
      }
      if (!visit(id, start, i, ascii)) return;
    }
  }

  /**
   * For `forEachWordId` when only a few terms matter (a query's marks): an ASCII word
   * whose hash cannot be one of theirs is reported unknown without a table lookup,
   * which is most words of a page of abstracts.
   */
  wordFilter(ids: Iterable<number>): WordFilter {
    const filter = new Uint8Array(FILTER_MASK + 1);
    for (const id of ids)
      if (id >= 0 && id < this.terms.length) filter[this.hashes[id] & FILTER_MASK] = 1;
    return filter;
  }

  private probe(hash: number, text: string, start: number, end: number): number {
    const mask = this.table.length - 1;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const id = this.table[i];
      if (id === -1) return -1;
      if (this.hashes[id] === hash && equalsAsciiLower(this.terms[id], text, start, end)) return id;
    }
  }

  private add(term: string, hash: number): number {
    const id = this.terms.length;
    this.terms.push(term);
    if (id >= this.hashes.length) {
      const grown = new Int32Array(this.hashes.length * 2);
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.hashes[id] = hash;
    if (this.terms.length * 2 > this.table.length) this.rehash(this.table.length * 2);
    else this.place(id, hash);
    return id;
  }

  /**
   * A vocabulary read back from a stored index: the terms in id order and their
   * ids in sorted order. The hash table is rebuilt (a few milliseconds); the
   * bigrams wait for the first typo lookup.
   */
  static restore(terms: string[], sorted: Uint32Array): Vocabulary {
    const vocab = new Vocabulary();
    const size = Math.max(1024, terms.length);
    vocab.hashes = new Int32Array(size);
    let table = 1 << 12;
    while (table < terms.length * 2) table *= 2;
    vocab.table = new Int32Array(table).fill(-1);
    for (let id = 0; id < terms.length; id++) {
      const hash = hashString(terms[id]);
      vocab.terms.push(terms[id]);
      vocab.hashes[id] = hash;
      vocab.place(id, hash);
    }
    if (sorted.length === terms.length) {
      vocab.sorted = sorted;
      vocab.sortedUpTo = terms.length;
    }
    return vocab;
  }

  /** Term ids in sorted order (what a stored index keeps so a restore need not sort). */
  sortedIds(): Uint32Array<ArrayBufferLike> {
    this.ensureSorted();
    return this.sorted;
  }

  /**
   * Index the bigrams of terms added since the last typo lookup. Lazy: most
   * queries never need them, and a build or a restore does not pay for them.
   */
  private ensureBigrams(): void {
    const { terms } = this;
    for (let id = this.bigramsUpTo; id < terms.length; id++) {
      const term = terms[id];
      if (term.length < MIN_FUZZY_TERM || term.length > MAX_FUZZY_TERM || hasDigit(term)) continue;
      for (const gram of distinctBigrams(term)) {
        const key = gram * 128 + term.length;
        let list = this.bigrams.get(key);
        if (!list) this.bigrams.set(key, (list = new U32List(2)));
        list.push(id);
      }
    }
    this.bigramsUpTo = terms.length;
  }

  private place(id: number, hash: number): void {
    const mask = this.table.length - 1;
    let i = hash & mask;
    while (this.table[i] !== -1) i = (i + 1) & mask;
    this.table[i] = id;
  }

  private rehash(size: number): void {
    this.table = new Int32Array(size).fill(-1);
    for (let id = 0; id < this.terms.length; id++) this.place(id, this.hashes[id]);
  }

  /** Visit the ids of every term that starts with `prefix` (the term itself included). */
  forEachWithPrefix(prefix: string, visit: (id: number) => void): void {
    this.ensureSorted();
    const { sorted, terms } = this;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (terms[sorted[mid]] < prefix) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < sorted.length; i++) {
      const id = sorted[i];
      if (!terms[id].startsWith(prefix)) break;
      visit(id);
    }
  }

  /**
   * Terms within `maxEdits` edits of `word` (not the word itself). A term within k
   * edits keeps all but at most 3k of the word's distinct bigrams (an adjacent swap
   * breaks three), so only terms sharing enough bigrams are compared in full. The
   * bigram lists are kept per term length, so only terms of a possible length are
   * counted at all.
   */
  similar(word: string, maxEdits: number): Array<{ id: number; edits: number }> {
    const grams = distinctBigrams(word);
    const needed = grams.length - 3 * maxEdits;
    if (maxEdits <= 0 || needed < 1) return [];
    this.ensureBigrams();
    if (this.counts.length < this.terms.length) {
      this.counts = new Uint8Array(Math.max(this.terms.length, this.counts.length * 2, 1024));
    }
    const counts = this.counts;
    if (this.touched.length < this.terms.length) {
      this.touched = new Uint32Array(Math.max(this.terms.length, this.touched.length * 2, 1024));
    }
    const touched = this.touched;
    let touchedCount = 0;
    const reached: number[] = [];
    const from = Math.max(MIN_FUZZY_TERM, word.length - maxEdits);
    for (let length = from; length <= word.length + maxEdits; length++) {
      for (const gram of grams) {
        const list = this.bigrams.get(gram * 128 + length);
        if (!list) continue;
        const data = list.data;
        for (let i = 0; i < list.length; i++) {
          const id = data[i];
          const c = counts[id];
          if (c === 0) touched[touchedCount++] = id;
          counts[id] = c + 1;
          if (c + 1 === needed) reached.push(id);
        }
      }
    }
    for (let i = 0; i < touchedCount; i++) counts[touched[i]] = 0;
    const out: Array<{ id: number; edits: number }> = [];
    for (const id of reached) {
      const term = this.terms[id];
      if (term === word) continue;
      const edits = editDistanceWithin(word, term, maxEdits);
      if (edits <= maxEdits) out.push({ id, edits });
    }
    return out;
  }

  /** Merge terms added since the last prefix lookup into the sorted array. */
  private ensureSorted(): void {
    const total = this.terms.length;
    if (this.sortedUpTo === total) return;
    const { terms } = this;
    const added = Array.from({ length: total - this.sortedUpTo }, (_, i) => this.sortedUpTo + i);
    added.sort((a, b) => (terms[a] < terms[b] ? -1 : terms[a] > terms[b] ? 1 : 0));
    const old = this.sorted;
    const merged = new Uint32Array(total);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < old.length && j < added.length) {
      merged[k++] = terms[old[i]] <= terms[added[j]] ? old[i++] : added[j++];
    }
    while (i < old.length) merged[k++] = old[i++];
    while (j < added.length) merged[k++] = added[j++];
    this.sorted = merged;
    this.sortedUpTo = total;
  }
}

/** The word's distinct bigrams, start and end marked, each as one number. */
function distinctBigrams(word: string): number[] {
  const out = new Set<number>();
  let prev = START;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    out.add(prev * 65536 + code);
    prev = code;
  }
  out.add(prev * 65536 + END);
  return [...out];
}

/** FNV-1a over UTF-16 code units. */
function hashString(term: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < term.length; i++) h = Math.imul(h ^ term.charCodeAt(i), FNV_PRIME);
  return h;
}

function equalsAsciiLower(term: string, text: string, start: number, end: number): boolean {
  if (term.length !== end - start) return false;
  for (let i = 0; i < term.length; i++) {
    let c = text.charCodeAt(start + i);
    if (c >= 65 && c <= 90) c += 32;
    if (c !== term.charCodeAt(i)) return false;
  }
  return true;
}

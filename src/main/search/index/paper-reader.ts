import { FIELD_BITS, TEXT_FIELDS, type SearchDocument } from './documents';
import {
  MAX_OCCURRENCES as MAX,
  POSITION_BITS as BITS,
  POSITION_UNKNOWN as UNKNOWN,
} from './postings';
import type { Vocabulary } from './vocabulary';

// Local copies: imported bindings can be getters (esbuild CommonJS), read per word here.
const MAX_OCCURRENCES = MAX;
const POSITION_BITS = BITS;
const POSITION_UNKNOWN = UNKNOWN;

/** Positions skipped between list items (authors, tags), so no phrase spans two. */
const ITEM_GAP = 8;

/**
 * Reads one paper's words into what its postings need: each distinct word's
 * id, the fields it occurs in, how often, and its position codes grouped by word.
 * Working memory is per term id and reused for every paper (generation stamps,
 * no clearing), so reading 50,000 papers allocates only for new words.
 */
export class PaperReader {
  /** Distinct term ids of the last paper read, in first-occurrence order. */
  readonly terms: number[] = [];
  /** Bits of the fields whose words are all ASCII, in the last paper. */
  asciiFields = 0;
  /** The last paper's position codes, grouped by word: see `start` and `count`. */
  codes = new Uint16Array(1024);
  private seen = new Uint32Array(1024);
  private maskOf = new Uint8Array(1024);
  private countOf = new Uint16Array(1024);
  private startOf = new Uint32Array(1024);
  private gen = 0;
  // The words in reading order, before grouping.
  private seqIds = new Uint32Array(1024);
  private seqCodes = new Uint16Array(1024);
  private seqLength = 0;
  // The field being read (fields, not closures: the visitor runs per word).
  private bit = 0;
  private fieldCode = 0;
  private position = 0;
  private fieldAscii = true;

  constructor(private readonly vocab: Vocabulary) {}

  mask(id: number): number {
    return this.maskOf[id];
  }

  /** Occurrences kept (at most MAX_OCCURRENCES, which then means "at least"). */
  count(id: number): number {
    return Math.min(this.countOf[id], MAX_OCCURRENCES);
  }

  start(id: number): number {
    return this.startOf[id];
  }

  read(doc: SearchDocument): void {
    this.gen++;
    this.terms.length = 0;
    this.seqLength = 0;
    this.asciiFields = 0;
    for (let f = 0; f < TEXT_FIELDS.length; f++) {
      const field = TEXT_FIELDS[f];
      const value = doc[field];
      this.bit = FIELD_BITS[field];
      this.fieldCode = f << POSITION_BITS;
      this.position = 0;
      this.fieldAscii = true;
      if (typeof value === 'string') this.vocab.forEachWordId(value, this.visit, true);
      else {
        for (let i = 0; i < value.length; i++) {
          this.vocab.forEachWordId(value[i], this.visit, true);
          this.position += ITEM_GAP;
        }
      }
      if (this.fieldAscii) this.asciiFields |= this.bit;
    }
    this.group();
  }

  private readonly visit = (id: number, _start: number, _end: number, ascii: boolean) => {
    if (!ascii) this.fieldAscii = false;
    if (id >= this.seen.length) this.growTerms(id);
    if (this.seen[id] !== this.gen) {
      this.seen[id] = this.gen;
      this.maskOf[id] = this.bit;
      this.countOf[id] = 0;
      this.terms.push(id);
    } else this.maskOf[id] |= this.bit;
    if (this.countOf[id] < 0xffff) this.countOf[id]++;
    if (this.seqLength === this.seqIds.length) this.growSequence();
    this.seqIds[this.seqLength] = id;
    this.seqCodes[this.seqLength++] = this.fieldCode | Math.min(this.position, POSITION_UNKNOWN);
    this.position++;
    return true;
  };

  /** Lay the codes out word by word (each word's codes stay in reading order: ascending). */
  private group(): void {
    let at = 0;
    for (const id of this.terms) {
      this.startOf[id] = at;
      at += this.count(id);
    }
    if (this.codes.length < at) this.codes = new Uint16Array(Math.max(at, this.codes.length * 2));
    // countOf doubles as the fill cursor: reset, then count up again while placing.
    for (const id of this.terms) this.countOf[id] = 0;
    for (let i = 0; i < this.seqLength; i++) {
      const id = this.seqIds[i];
      const n = this.countOf[id];
      if (n < MAX_OCCURRENCES) this.codes[this.startOf[id] + n] = this.seqCodes[i];
      if (n < 0xffff) this.countOf[id] = n + 1;
    }
  }

  private growTerms(id: number): void {
    const size = Math.max(id + 1, this.seen.length * 2);
    const grow = <T extends Uint8Array | Uint16Array | Uint32Array>(
      a: T,
      make: (n: number) => T,
    ) => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.seen = grow(this.seen, (n) => new Uint32Array(n));
    this.maskOf = grow(this.maskOf, (n) => new Uint8Array(n));
    this.countOf = grow(this.countOf, (n) => new Uint16Array(n));
    this.startOf = grow(this.startOf, (n) => new Uint32Array(n));
  }

  private growSequence(): void {
    const ids = new Uint32Array(this.seqIds.length * 2);
    ids.set(this.seqIds);
    this.seqIds = ids;
    const codes = new Uint16Array(this.seqCodes.length * 2);
    codes.set(this.seqCodes);
    this.seqCodes = codes;
  }
}

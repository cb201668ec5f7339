import { FIELD_BITS, TEXT_FIELDS, recencyDay, textChanged, type SearchDocument } from './documents';
import { U32List, Vocabulary } from './vocabulary';

/** Postings pack a document slot and a 5-bit field mask into one uint32. */
export const SLOT_SHIFT = 5;
export const MASK_BITS = (1 << SLOT_SHIFT) - 1;
const MAX_SLOTS = 2 ** (32 - SLOT_SHIFT);

/**
 * The in-memory inverted index: for every word, the papers (slots) that contain it
 * and in which fields. Pure data: no database, no events.
 *
 * Updates never rewrite posting lists. A changed paper gets a new slot and its old
 * slot is marked dead; queries skip dead slots, and the lists are rebuilt once dead
 * slots pile up (`compactIfNeeded`). A change that leaves the words alone (status,
 * star, upvotes, days) updates the document in place.
 */
export class SearchIndex {
  readonly vocab = new Vocabulary();
  /** Posting list per term id. */
  readonly postings: U32List[] = [];
  /** Document per slot; null once dead. */
  docs: Array<SearchDocument | null> = [];
  /** Per slot: the tie-break key (recency, then upvotes) as one number; see `tieKey`. */
  tieKeys = new Float64Array(1024);
  /** Per slot: bits of the fields whose words are all ASCII (phrase checks take a fast path). */
  asciiFields = new Uint8Array(1024);
  /** Bumped on every change, so caches derived from the index know when to refresh. */
  version = 0;
  private readonly slotById = new Map<string, number>();
  private dead = 0;
  private sortedIds: string[] | null = null;
  // Working memory for reading one paper's words.
  private seen = new Uint32Array(1024);
  private seenMask = new Uint8Array(1024);
  private seenGen = 0;
  private readonly docTerms: number[] = [];

  get size(): number {
    return this.slotById.size;
  }

  get slotCount(): number {
    return this.docs.length;
  }

  get deadSlots(): number {
    return this.dead;
  }

  get(id: string): SearchDocument | undefined {
    const slot = this.slotById.get(id);
    return slot === undefined ? undefined : (this.docs[slot] ?? undefined);
  }

  slotOf(id: string): number | undefined {
    return this.slotById.get(id);
  }

  /**
   * Add many papers at once (the first build). Two passes: count each word's
   * papers, then fill exactly sized posting lists, instead of growing 100,000 lists.
   */
  addAll(docs: Iterable<SearchDocument>): void {
    const pending = new U32List(1 << 16);
    const counts: number[] = [];
    for (const doc of docs) {
      const slot = this.place(doc);
      if (slot < 0) continue;
      const packed = slot << SLOT_SHIFT;
      for (const id of this.readWords(doc, slot)) {
        pending.push(id);
        pending.push((packed | this.seenMask[id]) >>> 0);
        counts[id] = (counts[id] ?? 0) + 1;
      }
    }
    for (let id = 0; id < counts.length; id++) {
      if (!counts[id]) continue;
      const list = this.postings[id];
      if (!list) this.postings[id] = new U32List(counts[id]);
      else list.reserve(list.length + counts[id]);
    }
    for (let i = 0; i < pending.length; i += 2)
      this.postings[pending.data[i]].push(pending.data[i + 1]);
    this.version++;
  }

  /** Add a paper, or replace the paper with the same id. */
  upsert(doc: SearchDocument): void {
    const slot = this.slotById.get(doc.id);
    if (slot !== undefined) {
      const old = this.docs[slot];
      if (old && !textChanged(old, doc)) {
        this.docs[slot] = doc;
        this.tieKeys[slot] = tieKey(doc);
        this.version++;
        return;
      }
    }
    this.addAll([doc]);
  }

  remove(id: string): boolean {
    const slot = this.slotById.get(id);
    if (slot === undefined) return false;
    this.kill(slot);
    this.slotById.delete(id);
    this.sortedIds = null;
    this.version++;
    return true;
  }

  /** Rebuild the posting lists without dead slots once they are a fifth of the index. */
  compactIfNeeded(): boolean {
    if (this.dead < 1_000 || this.dead * 5 < this.docs.length) return false;
    this.compact();
    return true;
  }

  compact(): void {
    const live = this.docs.filter((d): d is SearchDocument => d !== null);
    this.docs = [];
    this.slotById.clear();
    for (const list of this.postings) if (list) list.length = 0;
    this.dead = 0;
    this.addAll(live);
  }

  /** Live ids in sorted order (for id-prefix lookups), cached until the id set changes. */
  sortedLiveIds(): string[] {
    if (!this.sortedIds) this.sortedIds = [...this.slotById.keys()].sort();
    return this.sortedIds;
  }

  /** Give the paper a fresh slot (killing its old one); -1 if the index is full. */
  private place(doc: SearchDocument): number {
    if (this.docs.length >= MAX_SLOTS) return -1;
    const previous = this.slotById.get(doc.id);
    if (previous !== undefined) this.kill(previous);
    else this.sortedIds = null;
    const slot = this.docs.length;
    this.docs.push(doc);
    this.slotById.set(doc.id, slot);
    if (this.tieKeys.length <= slot) {
      const size = this.tieKeys.length * 2;
      const keys = new Float64Array(size);
      keys.set(this.tieKeys);
      this.tieKeys = keys;
      const ascii = new Uint8Array(size);
      ascii.set(this.asciiFields);
      this.asciiFields = ascii;
    }
    this.tieKeys[slot] = tieKey(doc);
    return slot;
  }

  private kill(slot: number): void {
    if (this.docs[slot] !== null) {
      this.docs[slot] = null;
      this.dead++;
    }
  }

  /**
   * The distinct term ids of a paper, with the fields each occurs in left in
   * `seenMask[id]`. Also records which fields are pure ASCII.
   */
  private readWords(doc: SearchDocument, slot: number): number[] {
    const gen = ++this.seenGen;
    const terms = this.docTerms;
    terms.length = 0;
    let ascii = 0;
    for (const field of TEXT_FIELDS) {
      const bit = FIELD_BITS[field];
      const value = doc[field];
      let fieldAscii = true;
      const texts = typeof value === 'string' ? [value] : value;
      for (const text of texts) {
        this.vocab.forEachWordId(
          text,
          (id, _start, _end, isAscii) => {
            if (!isAscii) fieldAscii = false;
            if (id >= this.seen.length) this.growSeen(id);
            if (this.seen[id] !== gen) {
              this.seen[id] = gen;
              this.seenMask[id] = bit;
              terms.push(id);
            } else this.seenMask[id] |= bit;
            return true;
          },
          true,
        );
      }
      if (fieldAscii) ascii |= bit;
    }
    this.asciiFields[slot] = ascii;
    return terms;
  }

  private growSeen(id: number): void {
    const size = Math.max(id + 1, this.seen.length * 2);
    const seen = new Uint32Array(size);
    seen.set(this.seen);
    this.seen = seen;
    const mask = new Uint8Array(size);
    mask.set(this.seenMask);
    this.seenMask = mask;
  }
}

const DAY_MS = 86_400_000;

/**
 * Newer first, then more upvotes: days since 1970 times 10^4 plus upvotes (capped),
 * so one number compares both and leaves room above it for the relevance score.
 */
export function tieKey(doc: SearchDocument): number {
  const days = Math.floor(Date.parse(`${recencyDay(doc)}T00:00:00Z`) / DAY_MS);
  return (Number.isFinite(days) ? Math.max(0, days) : 0) * 1e4 + Math.min(doc.upvotes, 9_999);
}

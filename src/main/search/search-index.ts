import { FIELD_BITS, TEXT_FIELDS, recencyDay, textChanged, type SearchDocument } from './documents';
import { READING_STATUSES } from '../../shared/domain';
import { Vocabulary } from './vocabulary';

/** Postings pack a document slot and a 5-bit field mask into one uint32. */
export const SLOT_SHIFT = 5;
export const MASK_BITS = (1 << SLOT_SHIFT) - 1;
const MAX_SLOTS = 2 ** (32 - SLOT_SHIFT);

/**
 * Where a word first occurs in a paper, as one uint16: the field's index (in
 * TEXT_FIELDS order) in the top 4 bits, the word's position in the paper (all
 * fields in order, with gaps between fields and between authors or tags) in the
 * low 12. Two words whose first occurrences are adjacent certainly form that
 * phrase, which settles most phrase checks without reading any text.
 */
export const POSITION_BITS = 12;
export const POSITION_UNKNOWN = (1 << POSITION_BITS) - 1;
/** Positions between fields and between list items, so no phrase spans them. */
const POSITION_GAP = 8;

/** One word's postings: packed slot and field mask, and the first position in that paper. */
export class PostingList {
  data: Uint32Array;
  first: Uint16Array;
  length = 0;

  constructor(capacity = 2) {
    this.data = new Uint32Array(capacity);
    this.first = new Uint16Array(capacity);
  }

  /** Room for `capacity` entries; `grow` rounds up by half again, for repeated small additions. */
  reserve(capacity: number, grow = false): void {
    if (capacity <= this.data.length) return;
    if (grow) capacity = Math.max(capacity, Math.ceil(this.data.length * 1.5));
    const data = new Uint32Array(capacity);
    data.set(this.data.subarray(0, this.length));
    const first = new Uint16Array(capacity);
    first.set(this.first.subarray(0, this.length));
    this.data = data;
    this.first = first;
  }

  push(packed: number, first: number): void {
    if (this.length === this.data.length) this.reserve(Math.max(4, this.length * 2));
    this.data[this.length] = packed;
    this.first[this.length++] = first;
  }
}

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
  readonly postings: PostingList[] = [];
  /** Document per slot; null once dead. */
  docs: Array<SearchDocument | null> = [];
  /** Per slot: the tie-break key (recency, then upvotes) as one number; see `tieKey`. */
  tieKeys = new Float64Array(1024);
  /**
   * Per slot: the status's index in READING_STATUSES (low 3 bits) and STARRED_FLAG,
   * so status and star filters test a byte instead of following a pointer.
   */
  flags = new Uint8Array(1024);
  /** Per slot: 1 while the paper is live, 0 once the slot is dead (read per posting). */
  alive = new Uint8Array(1024);
  /** Per slot: the tags in lower case, for tag filters (built once, not per query). */
  tagKeys: string[][] = [];
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
  private seenFirst = new Uint16Array(1024);
  private seenGen = 0;
  private readonly docTerms: number[] = [];
  /** State of the paper being read (fields rather than closures: the loop runs per word). */
  private readonly reading = { gen: 0, bit: 0, fieldCode: 0, position: 0, ascii: true };
  /** Per term id: papers staged for it during addAll. */
  private counts = new Uint32Array(1024);

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

  /** Ids of the live papers. */
  ids(): IterableIterator<string> {
    return this.slotById.keys();
  }

  /**
   * Add many papers at once (the first build). Two passes: stage every (word,
   * paper) pair in fixed-size blocks while counting each word's papers, then
   * fill exactly sized posting lists — no list grows 17 times, nothing is copied.
   */
  addAll(docs: Iterable<SearchDocument>): void {
    const bulk = this.bulk();
    for (const doc of docs) bulk.add(doc);
    bulk.finish();
  }

  /**
   * The same in steps, so a caller can yield between papers (the service builds
   * 50,000 papers in slices without blocking other requests). The index must not
   * be searched or changed otherwise until `finish`.
   */
  bulk(): { add(doc: SearchDocument): void; finish(): void } {
    const blocks: Array<Uint32Array<ArrayBufferLike>> = [];
    // Small first block: a single changed paper must not allocate megabytes.
    let block = new Uint32Array(3 * 1024);
    let fill = 0;
    const add = (doc: SearchDocument) => {
      const slot = this.place(doc);
      if (slot < 0) return;
      const packed = slot << SLOT_SHIFT;
      const terms = this.readWords(doc, slot);
      if (this.counts.length < this.vocab.size) this.counts = grow(this.counts, this.vocab.size);
      const { seenMask, seenFirst, counts } = this;
      for (let i = 0; i < terms.length; i++) {
        const id = terms[i];
        if (fill + 3 > block.length) {
          blocks.push(block);
          block = new Uint32Array(STAGE_BLOCK);
          fill = 0;
        }
        block[fill++] = id;
        block[fill++] = (packed | seenMask[id]) >>> 0;
        block[fill++] = seenFirst[id];
        counts[id]++;
      }
    };
    const finish = () => {
      blocks.push(block.subarray(0, fill));
      const { counts, postings } = this;
      // Size each touched list once (counts go back to zero for the next call)...
      for (const staged of blocks) {
        for (let i = 0; i < staged.length; i += 3) {
          const id = staged[i];
          if (counts[id] === 0) continue;
          const list = postings[id];
          if (!list) postings[id] = new PostingList(counts[id]);
          else list.reserve(list.length + counts[id], true);
          counts[id] = 0;
        }
      }
      // ...then fill them.
      for (const staged of blocks) {
        for (let i = 0; i < staged.length; i += 3) {
          postings[staged[i]].push(staged[i + 1], staged[i + 2]);
        }
      }
      this.version++;
    };
    return { add, finish };
  }

  /** Add a paper, or replace the paper with the same id. */
  upsert(doc: SearchDocument): void {
    const slot = this.slotById.get(doc.id);
    if (slot !== undefined) {
      const old = this.docs[slot];
      if (old && !textChanged(old, doc)) {
        this.docs[slot] = doc;
        this.tieKeys[slot] = tieKey(doc);
        this.tagKeys[slot] = lowerTags(doc);
        this.flags[slot] = flagsOf(doc);
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
    this.tagKeys = [];
    this.alive.fill(0);
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
      const alive = new Uint8Array(size);
      alive.set(this.alive);
      this.alive = alive;
      const flags = new Uint8Array(size);
      flags.set(this.flags);
      this.flags = flags;
    }
    this.tieKeys[slot] = tieKey(doc);
    this.tagKeys[slot] = lowerTags(doc);
    this.flags[slot] = flagsOf(doc);
    this.alive[slot] = 1;
    return slot;
  }

  private kill(slot: number): void {
    if (this.docs[slot] !== null) {
      this.docs[slot] = null;
      this.alive[slot] = 0;
      this.tagKeys[slot] = NO_TAGS;
      this.dead++;
    }
  }

  /**
   * The distinct term ids of a paper, with the fields each occurs in left in
   * `seenMask[id]`. Also records which fields are pure ASCII.
   */
  private readWords(doc: SearchDocument, slot: number): number[] {
    const w = this.reading;
    w.gen = ++this.seenGen;
    this.docTerms.length = 0;
    w.position = 0;
    let ascii = 0;
    for (let f = 0; f < TEXT_FIELDS.length; f++) {
      const field = TEXT_FIELDS[f];
      const value = doc[field];
      w.bit = FIELD_BITS[field];
      w.fieldCode = f << POSITION_BITS;
      w.ascii = true;
      if (typeof value === 'string') this.readText(value);
      else for (let i = 0; i < value.length; i++) this.readText(value[i]);
      if (w.ascii) ascii |= w.bit;
    }
    this.asciiFields[slot] = ascii;
    return this.docTerms;
  }

  private readText(text: string): void {
    this.vocab.forEachWordId(text, this.visitWord, true);
    this.reading.position += POSITION_GAP;
  }

  /** Called for every word of every paper: kept allocation-free. */
  private readonly visitWord = (id: number, _start: number, _end: number, ascii: boolean) => {
    const w = this.reading;
    if (!ascii) w.ascii = false;
    if (id >= this.seen.length) this.growSeen(id);
    if (this.seen[id] !== w.gen) {
      this.seen[id] = w.gen;
      this.seenMask[id] = w.bit;
      this.seenFirst[id] = w.fieldCode | Math.min(w.position, POSITION_UNKNOWN);
      this.docTerms.push(id);
    } else this.seenMask[id] |= w.bit;
    w.position++;
    return true;
  };

  private growSeen(id: number): void {
    const size = Math.max(id + 1, this.seen.length * 2);
    const seen = new Uint32Array(size);
    seen.set(this.seen);
    this.seen = seen;
    const mask = new Uint8Array(size);
    mask.set(this.seenMask);
    this.seenMask = mask;
    const first = new Uint16Array(size);
    first.set(this.seenFirst);
    this.seenFirst = first;
  }
}

/** Staging block for addAll: (term, packed posting, first position) triples. */
const STAGE_BLOCK = 3 * (1 << 18);

function grow(array: Uint32Array, atLeast: number): Uint32Array<ArrayBuffer> {
  const next = new Uint32Array(Math.max(atLeast, array.length * 2));
  next.set(array);
  return next;
}

export const STARRED_FLAG = 8;

function flagsOf(doc: SearchDocument): number {
  return Math.max(0, READING_STATUSES.indexOf(doc.status)) | (doc.starred ? STARRED_FLAG : 0);
}

const NO_TAGS: string[] = [];

function lowerTags(doc: SearchDocument): string[] {
  return doc.tags.length === 0 ? NO_TAGS : doc.tags.map((t) => t.toLowerCase());
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

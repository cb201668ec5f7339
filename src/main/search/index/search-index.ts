import { READING_STATUSES } from '../../../shared/domain';
import { recencyDay, textChanged, type SearchDocument } from './documents';
import { PaperReader } from './paper-reader';
import { PostingList } from './postings';
import { Vocabulary } from './vocabulary';

export { POSITION_BITS, POSITION_UNKNOWN, PostingList } from './postings';

/** Postings pack a document slot and a 5-bit field mask into one uint32. */
export const SLOT_SHIFT = 5;
export const MASK_BITS = (1 << SLOT_SHIFT) - 1;
const MAX_SLOTS = 2 ** (32 - SLOT_SHIFT);

/**
 * The in-memory inverted index: for every word, the papers (slots) that contain it,
 * in which fields and at which positions. Pure data: no database, no events.
 *
 * Updates never rewrite posting lists. A changed paper gets a new slot and its old
 * slot is marked dead; queries skip dead slots, and the lists are rebuilt once dead
 * slots pile up (`compactIfNeeded`). A change that leaves the words alone (status,
 * star, upvotes, days) updates the document in place.
 */
export class SearchIndex {
  readonly vocab: Vocabulary;
  /**
   * Posting list per term id; read them through `list(id)`. For an index read
   * back from disk this is a cache: lists are loaded on first use, and those no
   * change has touched are dropped again when the cache outgrows its budget.
   */
  readonly postings: Array<PostingList | undefined> = [];
  /**
   * Document per slot, when held in memory; null once dead. An index read back
   * from disk holds none of its stored papers here: `doc(slot)` reads them from
   * the library (a page of results, not 50,000 abstracts).
   */
  docs: Array<SearchDocument | null | undefined> = [];
  /** Per slot: the paper's id (stored slots included). */
  idOf: string[] = [];
  /** Per slot: the arXiv year, 0 when unknown (year filters read it without the document). */
  years = new Int16Array(1024);
  /** Per slot: the featured days (day filters and scopes read them without the document). */
  daysOf: string[][] = [];
  /** Per slot: a hash of the searchable text, to tell a text change from a status change. */
  textHashes = new Uint32Array(1024);
  /** Per slot: the tie-break key (recency, then upvotes) as one number; see `tieKey`. */
  tieKeys = new Float64Array(1024);
  /**
   * Per slot: the status's index in READING_STATUSES (low 3 bits), STARRED_FLAG and NOTE_FLAG,
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
  private readonly reader: PaperReader;
  /** Per term id, during a bulk add: papers and position codes staged for it. */
  private counts = new Uint32Array(1024);
  private positionCounts = new Uint32Array(1024);
  private readonly base: StoredBase | null;
  /** Stored lists held in memory and not changed since: term id -> bytes, oldest first. */
  private readonly cachedLists = new Map<number, number>();
  private cachedBytes = 0;
  /** Stored papers read for this query or the last few: slot -> document, oldest first. */
  private readonly cachedDocs = new Map<number, SearchDocument>();

  constructor(base: StoredBase | null = null) {
    this.base = base;
    this.vocab = base ? base.vocab : new Vocabulary();
    this.reader = new PaperReader(this.vocab);
    if (base) this.restoreSlots(base.slots);
  }

  /** True when this index was read back from disk (its papers and lists load on use). */
  get isStored(): boolean {
    return this.base !== null;
  }

  /** The posting list of a term, loading it from disk if need be; undefined when it has none. */
  list(id: number): PostingList | undefined {
    const held = this.postings[id];
    if (held !== undefined || !this.base || id >= this.base.terms) return held;
    const list = this.base.loadList(id) ?? new PostingList(0, 0);
    this.postings[id] = list;
    const bytes = list.data.byteLength + list.counts.byteLength + list.positions.byteLength + 64;
    this.cachedLists.set(id, bytes);
    this.cachedBytes += bytes;
    if (this.cachedBytes > this.base.cacheBytes) this.trimLists(id);
    return list;
  }

  /** How many papers a term's list holds (dead slots included), without loading it. */
  termCount(id: number): number {
    const held = this.postings[id];
    if (held !== undefined) return held.length;
    return this.base && id < this.base.terms ? this.base.counts[id] : 0;
  }

  /** The document in a slot (live or not: a query never asks for a dead one). */
  doc(slot: number): SearchDocument {
    const held = this.docs[slot];
    if (held) return held;
    let doc = this.cachedDocs.get(slot);
    if (doc) return doc;
    doc = this.base?.loadDocs([this.idOf[slot]])[0];
    if (!doc) throw new Error(`search index: paper ${this.idOf[slot]} is not in the library`);
    this.remember(slot, doc);
    return doc;
  }

  /** Read the documents of these slots in one go (a page of results), before `doc` asks. */
  prefetch(slots: ArrayLike<number>): void {
    if (!this.base) return;
    const wanted: number[] = [];
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i];
      if (!this.docs[slot] && !this.cachedDocs.has(slot)) wanted.push(slot);
    }
    if (wanted.length === 0) return;
    const byId = new Map(this.base.loadDocs(wanted.map((s) => this.idOf[s])).map((d) => [d.id, d]));
    for (const slot of wanted) {
      const doc = byId.get(this.idOf[slot]);
      if (doc) this.remember(slot, doc);
    }
  }

  private remember(slot: number, doc: SearchDocument): void {
    this.cachedDocs.set(slot, doc);
    if (this.cachedDocs.size > DOC_CACHE) {
      const oldest = this.cachedDocs.keys().next().value!;
      this.cachedDocs.delete(oldest);
    }
  }

  /** Drop the oldest unchanged stored lists until the cache fits its budget again. */
  private trimLists(keep: number): void {
    for (const [id, bytes] of this.cachedLists) {
      if (this.cachedBytes <= this.base!.cacheBytes / 2) break;
      if (id === keep) continue;
      this.cachedLists.delete(id);
      this.postings[id] = undefined;
      this.cachedBytes -= bytes;
    }
  }

  /** A list about to change: from now on it lives in memory only (never dropped). */
  private pin(id: number): PostingList | undefined {
    const list = this.list(id);
    const bytes = this.cachedLists.get(id);
    if (bytes !== undefined) {
      this.cachedLists.delete(id);
      this.cachedBytes -= bytes;
    }
    return list;
  }

  private restoreSlots(slots: StoredSlots): void {
    const n = slots.ids.length;
    const size = Math.max(1024, n);
    this.idOf = slots.ids;
    this.docs = new Array<undefined>(n);
    this.tieKeys = copyInto(new Float64Array(size), slots.tieKeys);
    this.flags = copyInto(new Uint8Array(size), slots.flags);
    this.alive = copyInto(new Uint8Array(size), slots.alive);
    this.asciiFields = copyInto(new Uint8Array(size), slots.asciiFields);
    this.years = copyInto(new Int16Array(size), slots.years);
    this.textHashes = copyInto(new Uint32Array(size), slots.textHashes);
    this.tagKeys = slots.tagKeys;
    this.daysOf = slots.days;
    for (let slot = 0; slot < n; slot++) {
      if (this.alive[slot]) this.slotById.set(slots.ids[slot], slot);
      else this.dead++;
    }
  }

  get size(): number {
    return this.slotById.size;
  }

  get slotCount(): number {
    return this.idOf.length;
  }

  get deadSlots(): number {
    return this.dead;
  }

  get(id: string): SearchDocument | undefined {
    const slot = this.slotById.get(id);
    return slot === undefined ? undefined : this.doc(slot);
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
    // Staged postings: (term, packed slot and mask, count) triples; their position
    // codes go to a parallel stream, a posting's codes always within one block.
    const stage = new StagedPostings();
    const add = (doc: SearchDocument) => {
      const slot = this.place(doc);
      if (slot < 0) return;
      const { reader } = this;
      reader.read(doc);
      this.asciiFields[slot] = reader.asciiFields;
      if (this.counts.length < this.vocab.size) {
        this.counts = grow(this.counts, this.vocab.size);
        this.positionCounts = grow(this.positionCounts, this.vocab.size);
      }
      const packed = slot << SLOT_SHIFT;
      for (const id of reader.terms) {
        const count = reader.count(id);
        stage.add(id, (packed | reader.mask(id)) >>> 0, count, reader.codes, reader.start(id));
        this.counts[id]++;
        this.positionCounts[id] += count;
      }
    };
    const finish = () => {
      const { counts, positionCounts, postings } = this;
      // Size each touched list once (the counts go back to zero for the next call)...
      stage.forEachTerm((id) => {
        if (counts[id] === 0) return;
        const list = this.base ? this.pin(id) : postings[id];
        if (!list) postings[id] = new PostingList(counts[id], positionCounts[id]);
        else
          list.reserve(list.length + counts[id], list.positionsLength + positionCounts[id], true);
        counts[id] = 0;
        positionCounts[id] = 0;
      });
      // ...then fill them, straight from the staging blocks (millions of postings).
      stage.copyInto(postings as PostingList[]);
      this.version++;
    };
    return { add, finish };
  }

  /** Add a paper, or replace the paper with the same id. */
  upsert(doc: SearchDocument): void {
    const slot = this.slotById.get(doc.id);
    if (slot !== undefined) {
      const old = this.docs[slot];
      const same = old ? !textChanged(old, doc) : this.textHashes[slot] === textHash(doc);
      if (same) {
        if (old) this.docs[slot] = doc;
        else this.cachedDocs.set(slot, doc);
        this.tieKeys[slot] = tieKey(doc);
        this.tagKeys[slot] = lowerTags(doc);
        this.flags[slot] = flagsOf(doc);
        this.years[slot] = doc.year ?? 0;
        this.daysOf[slot] = doc.days;
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
    // A stored index is compacted by writing a new one (search/freshness/stored-index.ts).
    if (this.base) return false;
    if (this.dead < 1_000 || this.dead * 5 < this.docs.length) return false;
    this.compact();
    return true;
  }

  compact(): void {
    const live = this.docs.filter((d): d is SearchDocument => !!d);
    this.docs = [];
    this.idOf = [];
    this.daysOf = [];
    this.tagKeys = [];
    this.alive.fill(0);
    this.slotById.clear();
    for (const list of this.postings) {
      if (!list) continue;
      list.length = 0;
      list.positionsLength = 0;
    }
    this.dead = 0;
    this.addAll(live);
  }

  /** Slots whose id is `id`, or starts with it (an id still being typed). */
  slotsForId(id: string, prefix: boolean): number[] {
    if (!prefix) {
      const slot = this.slotById.get(id);
      return slot === undefined ? [] : [slot];
    }
    const ids = this.sortedLiveIds();
    let lo = 0;
    let hi = ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ids[mid] < id) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    for (let i = lo; i < ids.length && ids[i].startsWith(id); i++)
      out.push(this.slotById.get(ids[i])!);
    return out;
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
    const slot = this.idOf.length;
    this.docs.push(this.base ? undefined : doc);
    if (this.base) this.remember(slot, doc);
    this.idOf.push(doc.id);
    this.slotById.set(doc.id, slot);
    if (this.tieKeys.length <= slot) {
      const size = this.tieKeys.length * 2;
      this.years = copyInto(new Int16Array(size), this.years);
      this.textHashes = copyInto(new Uint32Array(size), this.textHashes);
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
    this.years[slot] = doc.year ?? 0;
    this.daysOf[slot] = doc.days;
    this.textHashes[slot] = textHash(doc);
    this.alive[slot] = 1;
    return slot;
  }

  private kill(slot: number): void {
    if (this.alive[slot]) {
      this.docs[slot] = null;
      this.cachedDocs.delete(slot);
      this.alive[slot] = 0;
      this.tagKeys[slot] = NO_TAGS;
      this.daysOf[slot] = NO_TAGS;
      this.dead++;
    }
  }
}

/** Staging block sizes: (term, packed posting, count) triples, and position codes. */
const STAGE_BLOCK = 3 * (1 << 18);
const CODE_BLOCK = 1 << 20;

/**
 * Postings waiting to be copied into their lists, in blocks that never move (a
 * growing array would copy them over and over). The first blocks are small: a
 * single changed paper must not allocate megabytes.
 */
class StagedPostings {
  private readonly blocks: Array<Uint32Array<ArrayBufferLike>> = [];
  private readonly codeBlocks: Array<Uint16Array<ArrayBufferLike>> = [];
  private block = new Uint32Array(3 * 1024);
  private fill = 0;
  private codeBlock = new Uint16Array(4 * 1024);
  private codeFill = 0;

  add(id: number, packed: number, count: number, codes: Uint16Array, from: number): void {
    if (this.fill + 3 > this.block.length) {
      this.blocks.push(this.block);
      this.block = new Uint32Array(STAGE_BLOCK);
      this.fill = 0;
    }
    if (this.codeFill + count > this.codeBlock.length) {
      this.codeBlocks.push(this.codeBlock.subarray(0, this.codeFill));
      this.codeBlock = new Uint16Array(Math.max(CODE_BLOCK, count));
      this.codeFill = 0;
    }
    this.block[this.fill++] = id;
    this.block[this.fill++] = packed;
    this.block[this.fill++] = count;
    // A plain loop: subarray() would allocate a view per posting, millions of them.
    const block = this.codeBlock;
    let at = this.codeFill;
    for (let i = from, end = from + count; i < end; i++) block[at++] = codes[i];
    this.codeFill = at;
  }

  /** Visit the term of every staged posting, in order. */
  forEachTerm(visit: (id: number) => void): void {
    for (const block of this.allBlocks()) {
      for (let i = 0; i < block.length; i += 3) visit(block[i]);
    }
  }

  /** Append every staged posting to its (already large enough) list. */
  copyInto(postings: PostingList[]): void {
    const codeBlocks = [...this.codeBlocks, this.codeBlock.subarray(0, this.codeFill)];
    let codeBlock = 0;
    let codes = codeBlocks[0];
    let at = 0;
    for (const block of this.allBlocks()) {
      for (let i = 0; i < block.length; i += 3) {
        const list = postings[block[i]];
        const count = block[i + 2];
        // add() opened a new code block whenever a posting's codes did not fit.
        if (at + count > codes.length) {
          codes = codeBlocks[++codeBlock];
          at = 0;
        }
        const n = list.length;
        list.data[n] = block[i + 1];
        list.counts[n] = count;
        list.length = n + 1;
        const positions = list.positions;
        let p = list.positionsLength;
        for (const end = at + count; at < end; at++) positions[p++] = codes[at];
        list.positionsLength = p;
      }
    }
  }

  private allBlocks(): Array<Uint32Array<ArrayBufferLike>> {
    return [...this.blocks, this.block.subarray(0, this.fill)];
  }
}

function grow(array: Uint32Array, atLeast: number): Uint32Array<ArrayBuffer> {
  const next = new Uint32Array(Math.max(atLeast, array.length * 2));
  next.set(array);
  return next;
}

export const STARRED_FLAG = 8;
/** The paper has a note (`has:note`). */
export const NOTE_FLAG = 16;

function flagsOf(doc: SearchDocument): number {
  return (
    Math.max(0, READING_STATUSES.indexOf(doc.status)) |
    (doc.starred ? STARRED_FLAG : 0) |
    (doc.notes !== '' ? NOTE_FLAG : 0)
  );
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

/**
 * Stored papers held at once for result pages and ranking windows: about 2.5 KB of
 * heap each (measured with bench/profile-search.ts), so at most ~20 MB. A session of
 * fifty searches touches ~3,000 papers at 50,000; with room for 2,000 every page was
 * read again from SQLite (+2-3 ms per search).
 */
const DOC_CACHE = 8_000;

function copyInto<T extends Float64Array | Uint8Array | Int16Array | Uint32Array>(
  target: T,
  source: ArrayLike<number>,
): T {
  target.set(source);
  return target;
}

/** What an index read back from disk loads on use (search/index/store.ts provides it). */
export interface StoredBase {
  vocab: Vocabulary;
  /** Terms with stored lists: ids below this. */
  terms: number;
  /** Per stored term: the length of its list. */
  counts: Uint32Array;
  slots: StoredSlots;
  /** Budget for stored lists held in memory, in bytes. */
  cacheBytes: number;
  loadList(id: number): PostingList | undefined;
  /** The papers with these ids, from the library (missing ones are left out). */
  loadDocs(ids: string[]): SearchDocument[];
}

/** The per-slot arrays of a stored index. */
export interface StoredSlots {
  ids: string[];
  tieKeys: Float64Array;
  flags: Uint8Array;
  alive: Uint8Array;
  asciiFields: Uint8Array;
  years: Int16Array;
  textHashes: Uint32Array;
  tagKeys: string[][];
  days: string[][];
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** FNV-1a over the searchable text, fields separated (so moving a word between fields counts). */
export function textHash(doc: SearchDocument): number {
  let h = FNV_OFFSET;
  const mix = (text: string) => {
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
    h = Math.imul(h ^ 0x1f, FNV_PRIME);
  };
  mix(doc.title);
  for (const a of doc.authors) mix(a);
  h = Math.imul(h ^ 0x1e, FNV_PRIME);
  for (const t of doc.tags) mix(t);
  h = Math.imul(h ^ 0x1e, FNV_PRIME);
  mix(doc.notes);
  mix(doc.abstract);
  return h >>> 0;
}

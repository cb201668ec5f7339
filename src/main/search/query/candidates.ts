import { bestFieldWeight, FIELD_WEIGHTS } from '../index/documents';
import type { Expansion, ExpansionGroup } from './expand';
import type { PostingList } from '../index/postings';
import { SLOT_SHIFT as SHIFT, type SearchIndex } from '../index/search-index';

/** Local copy: imported bindings can be getters (esbuild CommonJS), too slow per posting. */
const SLOT_SHIFT = SHIFT;
/** Phrase words whose positions are tracked per query; beyond, phrases are checked in the text. */
const MAX_POSITION_ARRAYS = 16;
const WEIGHT_OF_MASK = Float32Array.from({ length: 32 }, (_, mask) => bestFieldWeight(mask));

/**
 * Reusable per-slot working memory for one query at a time (queries never
 * overlap: the engine is synchronous). Generation stamps stand in for clearing
 * the arrays between steps, and slot lists live in preallocated buffers, so a
 * query over 50,000 papers allocates almost nothing.
 */
export class Scratch {
  /** Slot seen by the current scan step (== its generation). */
  stamp = new Uint32Array(0);
  /** Best value of the current step's word in the slot, and the fields it hit. */
  best = new Float32Array(0);
  mask = new Uint8Array(0);
  /** Slot belongs to the current candidate set (== its generation). */
  member = new Uint32Array(0);
  /** Slot is excluded by a `-word` or `-id` (== the query's exclusion generation). */
  excluded = new Uint32Array(0);
  /** Accumulated relevance and fields hit, for candidates. */
  score = new Float32Array(0);
  hit = new Uint8Array(0);
  /** Sort keys, and a copy for selecting the top ones. */
  keys = new Float64Array(0);
  keysCopy = new Float64Array(0);
  /** Slot lists: two for the steps of an intersection (one read, one written), one for results. */
  lists: [Int32Array, Int32Array] = [new Int32Array(0), new Int32Array(0)];
  results = new Int32Array(0);
  /** Partial matches: per slot, the words matched (bits), how many, their weighted sum, the fields hit. */
  partialStamp = new Uint32Array(0);
  partialBits = new Uint32Array(0);
  partialCount = new Uint8Array(0);
  partialScore = new Float32Array(0);
  partialFields = new Uint8Array(0);
  partialSlots = new Int32Array(0);
  /** Groups (split compounds, abbreviations): slots holding every part, and where. */
  groupStamp = new Uint32Array(0);
  groupMask = new Uint8Array(0);
  /** Per phrase word: where each candidate's position codes sit in the word's posting list. */
  private positions: PositionTrack[] = [];
  private positionsUsed = 0;
  private gen = 0;

  ensure(slots: number): void {
    if (this.stamp.length >= slots) return;
    // Headroom: papers added one by one must not reallocate a dozen arrays each time.
    const size = Math.max(slots + (slots >> 2), 1024);
    this.stamp = new Uint32Array(size);
    this.best = new Float32Array(size);
    this.mask = new Uint8Array(size);
    this.member = new Uint32Array(size);
    this.excluded = new Uint32Array(size);
    this.score = new Float32Array(size);
    this.hit = new Uint8Array(size);
    this.keys = new Float64Array(size);
    this.keysCopy = new Float64Array(size);
    this.lists = [new Int32Array(size), new Int32Array(size)];
    this.results = new Int32Array(size);
    this.partialStamp = new Uint32Array(size);
    this.partialBits = new Uint32Array(size);
    this.partialCount = new Uint8Array(size);
    this.partialScore = new Float32Array(size);
    this.partialFields = new Uint8Array(size);
    this.partialSlots = new Int32Array(size);
    this.groupStamp = new Uint32Array(size);
    this.groupMask = new Uint8Array(size);
    this.positions = [];
    this.gen = 0;
  }

  /** Start a query: every position array is free again. */
  reset(): void {
    this.positionsUsed = 0;
  }

  /** Position tracking for one phrase word, or null past MAX_POSITION_ARRAYS (then phrases are read). */
  takePositions(list: PostingList): PositionTrack | null {
    if (this.positionsUsed >= MAX_POSITION_ARRAYS) return null;
    if (this.positions.length === this.positionsUsed) {
      const size = this.stamp.length;
      this.positions.push({ list, offsets: new Uint32Array(size), counts: new Uint8Array(size) });
    }
    const track = this.positions[this.positionsUsed++];
    track.list = list;
    return track;
  }

  next(): number {
    if (this.gen >= 0xfffffff0) {
      this.stamp.fill(0);
      this.member.fill(0);
      this.excluded.fill(0);
      this.partialStamp.fill(0);
      this.groupStamp.fill(0);
      this.gen = 0;
    }
    return ++this.gen;
  }
}

/** For one phrase word: each candidate's position codes are list.positions[offsets[slot]...+counts[slot]]. */
export interface PositionTrack {
  list: PostingList;
  offsets: Uint32Array;
  counts: Uint8Array;
}

/** One step of the candidate search: a word (its expansions), a list of ids, ... */
export interface Step {
  /** Posting entries it will read: cheap, selective steps go first. */
  cost: number;
  /** Adds to relevance (a query word) or only narrows (a phrase's words, an author filter). */
  scoring: boolean;
  /**
   * Write the matching slots (within `within`, 0 = anywhere; `members` lists the
   * slots marked `within`) into `out` and return how many; scratch.best/mask hold
   * each one's value and fields.
   */
  run(
    index: SearchIndex,
    scratch: Scratch,
    within: number,
    out: Int32Array,
    members: Int32Array,
  ): number;
}

/** A query word's step; with `track` (one exact word), it also records where its positions sit. */
export function wordStep(
  index: SearchIndex,
  expansions: Expansion[],
  fieldMask: number,
  scoring: boolean,
  track: PositionTrack | null = null,
  groups: GroupHits[] = [],
): Step {
  let cost = 0;
  for (const e of expansions) cost += index.termCount(e.termId);
  for (const g of groups) cost += g.slots.length;
  return {
    cost,
    scoring,
    run: (idx, s, within, out, members) =>
      track
        ? scanTracked(idx, s, track, fieldMask, within, out)
        : scanPostings(idx, s, expansions, fieldMask, within, out, groups, members),
  };
}

/** The papers holding every part of a group, with the fields where all (else any) occur. */
export interface GroupHits {
  slots: Int32Array;
  masks: Uint8Array;
  quality: number;
}

/**
 * Settle a group over the whole index, once per query: the papers holding a term
 * of every part. Their fields are those holding every part, or, when no one
 * field holds them all, any field holding one.
 */
export function groupHits(index: SearchIndex, s: Scratch, group: ExpansionGroup): GroupHits {
  // Runs while a query's steps are built, before any of them runs: scratch.mask and
  // the slot lists are free. The rarest part goes first; the others only test the
  // papers still in (looked up in their lists when that is cheaper than reading them).
  const { groupStamp, groupMask, mask } = s;
  const parts = group.parts
    .map((part) => {
      const lists: PostingList[] = [];
      let cost = 0;
      for (const e of part) {
        const list = index.list(e.termId);
        if (list && list.length > 0) {
          lists.push(list);
          cost += list.length;
        }
      }
      return { lists, cost };
    })
    .sort((a, b) => a.cost - b.cost);
  let found = s.lists[0].subarray(0, 0);
  let previous = 0;
  for (let p = 0; p < parts.length; p++) {
    if (p > 0 && found.length === 0) break;
    const gen = s.next();
    const next = s.lists[p % 2];
    let n = 0;
    for (const list of parts[p].lists) {
      const { data } = list;
      const probe = p > 0 && shouldProbe(found.length, list.length);
      const reads = probe ? found.length : list.length;
      for (let r = 0; r < reads; r++) {
        let k = r;
        if (probe) {
          k = findSlot(data, list.length, found[r]);
          if (k < 0) continue;
        }
        const slot = data[k] >>> SLOT_SHIFT;
        const m = data[k] & 31;
        if (index.alive[slot] === 0) continue;
        if (groupStamp[slot] === gen) mask[slot] |= m;
        else if (p === 0 || groupStamp[slot] === previous) {
          groupStamp[slot] = gen;
          mask[slot] = m;
          next[n++] = slot;
        }
      }
    }
    found = next.subarray(0, n);
    for (let i = 0; i < n; i++) {
      const slot = found[i];
      const both = groupMask[slot] & mask[slot];
      groupMask[slot] = p === 0 ? mask[slot] : both !== 0 ? both : groupMask[slot] | mask[slot];
    }
    previous = gen;
  }
  if (parts.length === 0 || found.length === 0) {
    return { slots: new Int32Array(0), masks: new Uint8Array(0), quality: group.quality };
  }
  const masks = new Uint8Array(found.length);
  for (let i = 0; i < found.length; i++) masks[i] = groupMask[found[i]];
  return { slots: Int32Array.from(found), masks, quality: group.quality };
}

export function slotStep(slots: number[]): Step {
  return {
    cost: slots.length,
    scoring: true,
    run(index, s, within, out) {
      const gen = s.next();
      let n = 0;
      for (const slot of slots) {
        if ((within !== 0 && s.member[slot] !== within) || s.stamp[slot] === gen) continue;
        if (index.alive[slot] === 0) continue;
        s.stamp[slot] = gen;
        s.best[slot] = FIELD_WEIGHTS.id;
        s.mask[slot] = 0;
        out[n++] = slot;
      }
      return n;
    },
  };
}

/**
 * One posting of the current step (generation `gen`): a slot seen for the first time
 * joins `out`; a slot seen again keeps its best value and all its fields. Returns the
 * new length of `out`. (Small enough to be inlined into the loops below.)
 */
function record(
  stamp: Uint32Array,
  best: Float32Array,
  mask: Uint8Array,
  gen: number,
  slot: number,
  m: number,
  v: number,
  out: Int32Array,
  n: number,
): number {
  if (stamp[slot] !== gen) {
    stamp[slot] = gen;
    best[slot] = v;
    mask[slot] = m;
    out[n] = slot;
    return n + 1;
  }
  if (v > best[slot]) best[slot] = v;
  mask[slot] |= m;
  return n;
}

/** The hot loop: read the posting lists of a word's expansions. */
function scanPostings(
  index: SearchIndex,
  s: Scratch,
  expansions: Expansion[],
  fieldMask: number,
  within: number,
  out: Int32Array,
  groups: GroupHits[],
  members: Int32Array,
): number {
  const gen = s.next();
  let n = 0;
  const { alive } = index;
  const { stamp, best, mask, member } = s;
  for (const group of groups) {
    const { slots, masks, quality } = group;
    for (let k = 0; k < slots.length; k++) {
      const m = masks[k] & fieldMask;
      const slot = slots[k];
      if (m === 0 || (within !== 0 && member[slot] !== within) || alive[slot] === 0) continue;
      n = record(stamp, best, mask, gen, slot, m, quality * WEIGHT_OF_MASK[m], out, n);
    }
  }
  for (const e of expansions) {
    const list = index.list(e.termId);
    if (!list) continue;
    const data = list.data;
    const len = list.length;
    const quality = e.quality;
    if (within === 0) {
      // The first step: every live paper of the list.
      for (let k = 0; k < len; k++) {
        const p = data[k];
        const m = p & fieldMask;
        if (m === 0) continue;
        const slot = p >>> SLOT_SHIFT;
        if (alive[slot] === 0) continue;
        n = record(stamp, best, mask, gen, slot, m, quality * WEIGHT_OF_MASK[m], out, n);
      }
      continue;
    }
    // Later steps: only the candidates left (all live), so membership is the one test.
    // Few of them and a long list: look each one up rather than read it all.
    const probe = shouldProbe(members.length, len);
    const reads = probe ? members.length : len;
    for (let r = 0; r < reads; r++) {
      let k = r;
      if (probe) {
        k = findSlot(data, len, members[r]);
        if (k < 0) continue;
      }
      const p = data[k];
      const slot = p >>> SLOT_SHIFT;
      if (member[slot] !== within) continue;
      const m = p & fieldMask;
      if (m === 0) continue;
      n = record(stamp, best, mask, gen, slot, m, quality * WEIGHT_OF_MASK[m], out, n);
    }
  }
  return n;
}

/**
 * Looking `probes` slots up in a list of `length` (binary search, about log2(length)
 * reads each) costs less than reading the list through.
 */
function shouldProbe(probes: number, length: number): boolean {
  return probes * (32 - Math.clz32(length)) * 2 < length;
}

/** Where a slot's entry sits in a posting list (entries in slot order), or -1. */
function findSlot(data: Uint32Array, length: number, slot: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (data[mid] >>> SLOT_SHIFT < slot) lo = mid + 1;
    else hi = mid;
  }
  return lo < length && data[lo] >>> SLOT_SHIFT === slot ? lo : -1;
}

/**
 * One exact phrase word: the same scan over its single posting list, keeping a
 * running offset into the list's position codes so each match's codes can be
 * found again without searching.
 */
function scanTracked(
  index: SearchIndex,
  s: Scratch,
  track: PositionTrack,
  fieldMask: number,
  within: number,
  out: Int32Array,
): number {
  const gen = s.next();
  let n = 0;
  const { alive } = index;
  const { stamp, best, mask, member } = s;
  const { list, offsets, counts } = track;
  const { data } = list;
  const listCounts = list.counts;
  let offset = 0;
  for (let k = 0; k < list.length; k++) {
    const p = data[k];
    const count = listCounts[k];
    const m = p & fieldMask;
    const slot = p >>> SLOT_SHIFT;
    if (m !== 0 && (within === 0 || member[slot] === within) && alive[slot] !== 0) {
      stamp[slot] = gen;
      best[slot] = WEIGHT_OF_MASK[m];
      mask[slot] = m;
      offsets[slot] = offset;
      counts[slot] = count;
      out[n++] = slot;
    }
    offset += count;
  }
  return n;
}

/**
 * Papers matching every step (AND), cheapest step first, with their summed
 * relevance in scratch.score and the fields hit in scratch.hit. The result is a
 * view into scratch memory: valid until the next intersection.
 */
export function intersect(index: SearchIndex, s: Scratch, steps: Step[]): Int32Array {
  const ordered = [...steps].sort((a, b) => a.cost - b.cost);
  let candidates = s.lists[0].subarray(0, 0);
  let within = 0;
  for (let i = 0; i < ordered.length; i++) {
    if (i > 0 && candidates.length === 0) break;
    const step = ordered[i];
    const out = s.lists[i % 2];
    const n = step.run(index, s, within, out, candidates);
    const { score, hit, best, mask, member } = s;
    const scoring = step.scoring;
    within = s.next();
    for (let k = 0; k < n; k++) {
      const slot = out[k];
      const add = scoring ? best[slot] : 0;
      if (i === 0) {
        score[slot] = add;
        hit[slot] = mask[slot];
      } else {
        score[slot] += add;
        hit[slot] |= mask[slot];
      }
      member[slot] = within;
    }
    candidates = out.subarray(0, n);
  }
  return candidates;
}

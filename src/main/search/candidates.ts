import { bestFieldWeight, FIELD_WEIGHTS } from './documents';
import type { Expansion } from './expand';
import { SLOT_SHIFT as SHIFT, type SearchIndex } from './search-index';

/** Local copy: imported bindings can be getters (esbuild CommonJS), too slow per posting. */
const SLOT_SHIFT = SHIFT;
const WEIGHT_OF_MASK = Float32Array.from({ length: 32 }, (_, mask) => bestFieldWeight(mask));

/**
 * Reusable per-slot working memory for one query at a time (queries never
 * overlap: the engine is synchronous). Generation stamps stand in for clearing
 * the arrays between steps.
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
  private gen = 0;

  ensure(slots: number): void {
    if (this.stamp.length >= slots) return;
    const size = Math.max(slots, Math.floor(this.stamp.length * 1.5), 1024);
    this.stamp = new Uint32Array(size);
    this.best = new Float32Array(size);
    this.mask = new Uint8Array(size);
    this.member = new Uint32Array(size);
    this.excluded = new Uint32Array(size);
    this.score = new Float32Array(size);
    this.hit = new Uint8Array(size);
    this.keys = new Float64Array(size);
    this.keysCopy = new Float64Array(size);
    this.gen = 0;
  }

  next(): number {
    if (this.gen >= 0xfffffff0) {
      this.stamp.fill(0);
      this.member.fill(0);
      this.excluded.fill(0);
      this.gen = 0;
    }
    return ++this.gen;
  }
}

/** One step of the candidate search: a word (its expansions), a list of ids, ... */
export interface Step {
  /** Posting entries it will read: cheap, selective steps go first. */
  cost: number;
  /** Adds to relevance (a query word) or only narrows (a phrase's words, an author filter). */
  scoring: boolean;
  /** Fills scratch.best/mask for the slots it matches (within `within`, 0 = anywhere). */
  run(index: SearchIndex, scratch: Scratch, within: number): number[];
}

export function wordStep(
  index: SearchIndex,
  expansions: Expansion[],
  fieldMask: number,
  scoring: boolean,
): Step {
  let cost = 0;
  for (const e of expansions) cost += index.postings[e.termId]?.length ?? 0;
  return {
    cost,
    scoring,
    run: (idx, s, within) => scanPostings(idx, s, expansions, fieldMask, within),
  };
}

export function slotStep(slots: number[]): Step {
  return {
    cost: slots.length,
    scoring: true,
    run(index, s, within) {
      const gen = s.next();
      const out: number[] = [];
      for (const slot of slots) {
        if ((within !== 0 && s.member[slot] !== within) || s.stamp[slot] === gen) continue;
        if (index.docs[slot] === null) continue;
        s.stamp[slot] = gen;
        s.best[slot] = FIELD_WEIGHTS.id;
        s.mask[slot] = 0;
        out.push(slot);
      }
      return out;
    },
  };
}

/** The hot loop: read the posting lists of a word's expansions. */
function scanPostings(
  index: SearchIndex,
  s: Scratch,
  expansions: Expansion[],
  fieldMask: number,
  within: number,
): number[] {
  const gen = s.next();
  const out: number[] = [];
  const { docs } = index;
  const { stamp, best, mask, member } = s;
  for (const e of expansions) {
    const list = index.postings[e.termId];
    if (!list) continue;
    const data = list.data;
    const len = list.length;
    const quality = e.quality;
    for (let k = 0; k < len; k++) {
      const p = data[k];
      const m = p & fieldMask;
      if (m === 0) continue;
      const slot = p >>> SLOT_SHIFT;
      if (within !== 0 && member[slot] !== within) continue;
      if (docs[slot] === null) continue;
      const v = quality * WEIGHT_OF_MASK[m];
      if (stamp[slot] !== gen) {
        stamp[slot] = gen;
        best[slot] = v;
        mask[slot] = m;
        out.push(slot);
      } else {
        if (v > best[slot]) best[slot] = v;
        mask[slot] |= m;
      }
    }
  }
  return out;
}

/**
 * Papers matching every step (AND), cheapest step first, with their summed
 * relevance in scratch.score and the fields hit in scratch.hit.
 */
export function intersect(index: SearchIndex, s: Scratch, steps: Step[]): number[] {
  const ordered = [...steps].sort((a, b) => a.cost - b.cost);
  let candidates: number[] = [];
  let within = 0;
  ordered.forEach((step, i) => {
    if (i > 0 && candidates.length === 0) return;
    const slots = step.run(index, s, within);
    for (let k = 0; k < slots.length; k++) {
      const slot = slots[k];
      const add = step.scoring ? s.best[slot] : 0;
      if (i === 0) {
        s.score[slot] = add;
        s.hit[slot] = s.mask[slot];
      } else {
        s.score[slot] += add;
        s.hit[slot] |= s.mask[slot];
      }
    }
    candidates = slots;
    within = s.next();
    for (let k = 0; k < slots.length; k++) s.member[slots[k]] = within;
  });
  return candidates;
}

/** Slots matching every step, as a set (for exclusions checked later). */
export function matchingSet(index: SearchIndex, s: Scratch, steps: Step[]): Set<number> {
  return new Set(intersect(index, s, steps));
}

/**
 * Where a word occurs in a paper, as one uint16 "position code": the field's index
 * (in TEXT_FIELDS order) in the top 4 bits, the word's position within that field
 * in the low 12 (authors and tags count on across items, with a gap between items
 * so no phrase spans two). Codes of one paper ascend.
 */
export const POSITION_BITS = 12;
/** The highest position a code holds; words further into a field share it (so: unsure). */
export const POSITION_UNKNOWN = (1 << POSITION_BITS) - 1;
/** A count of occurrences this high means "at least": the positions were cut short. */
export const MAX_OCCURRENCES = 255;

/**
 * One word's postings, in slot order: the paper (slot, shifted) and the fields it
 * occurs in, how often it occurs there, and every position code, paper after
 * paper. The positions let an exact phrase be checked from the index alone: its
 * words must sit at consecutive codes.
 */
export class PostingList {
  data: Uint32Array;
  counts: Uint8Array;
  positions: Uint16Array;
  length = 0;
  positionsLength = 0;

  constructor(capacity = 2, positionCapacity = 4) {
    this.data = new Uint32Array(capacity);
    this.counts = new Uint8Array(capacity);
    this.positions = new Uint16Array(positionCapacity);
  }

  /** Room for more entries; `grow` rounds up by half again, for repeated small additions. */
  reserve(capacity: number, positionCapacity: number, grow = false): void {
    if (capacity > this.data.length) {
      if (grow) capacity = Math.max(capacity, Math.ceil(this.data.length * 1.5));
      const data = new Uint32Array(capacity);
      data.set(this.data.subarray(0, this.length));
      const counts = new Uint8Array(capacity);
      counts.set(this.counts.subarray(0, this.length));
      this.data = data;
      this.counts = counts;
    }
    if (positionCapacity > this.positions.length) {
      if (grow)
        positionCapacity = Math.max(positionCapacity, Math.ceil(this.positions.length * 1.5));
      const positions = new Uint16Array(positionCapacity);
      positions.set(this.positions.subarray(0, this.positionsLength));
      this.positions = positions;
    }
  }

  /** Append one paper: its packed slot and mask, and `count` codes from `codes` at `from`. */
  push(packed: number, codes: Uint16Array, from: number, count: number): void {
    this.reserve(this.length + 1, this.positionsLength + count, true);
    this.data[this.length] = packed;
    this.counts[this.length++] = count;
    const positions = this.positions;
    let at = this.positionsLength;
    for (let i = from, end = from + count; i < end; i++) positions[at++] = codes[i];
    this.positionsLength = at;
  }
}

import {
  FIELD_BITS as BITS,
  TEXT_FIELDS as FIELDS,
  type SearchDocument,
  type TextField,
} from '../index/documents';
import type { PhraseUnit } from './plan';
import type { PositionTrack } from './candidates';
import {
  MAX_OCCURRENCES as MAX,
  POSITION_BITS as POSITION_BITS_OF,
  POSITION_UNKNOWN as UNKNOWN,
} from '../index/postings';
import type { Vocabulary } from '../index/vocabulary';

// Local copies: imported bindings can be getters (esbuild CommonJS), read per candidate here.
const POSITION_BITS = POSITION_BITS_OF;
const POSITION_UNKNOWN = UNKNOWN;
const MAX_OCCURRENCES = MAX;
const FIELD_BITS = BITS;
const TEXT_FIELDS = FIELDS;

/**
 * Finds a phrase (words in this order, anything but letters and digits between
 * them) in a text, word by word. No regular expression is built from the query:
 * a phrase of thousands of words would overflow the regex compiler's stack. On
 * text whose words are all ASCII the comparison runs on character codes in one
 * pass (what keeps `"large language models"` fast over thousands of abstracts);
 * other text is compared word by word through the vocabulary.
 */
export class PhraseMatcher {
  /** The phrase's words as ASCII character codes, lower case; null when a word is not ASCII. */
  private readonly codes: Uint8Array[] | null;
  /** No text shorter than this can hold the phrase (its words and a separator between each). */
  private readonly minLength: number;

  /** `allowed[i]`: the term ids that may stand at position i (several for a typed prefix). */
  constructor(
    private readonly vocab: Vocabulary,
    readonly unit: PhraseUnit,
    private readonly allowed: Array<Set<number>>,
  ) {
    this.possible = allowed.every((set) => set.size > 0);
    this.minLength = unit.words.reduce((sum, w) => sum + w.length + 1, -1);
    this.codes = unit.words.every(isAsciiWord)
      ? unit.words.map((w) => Uint8Array.from(w, (c) => c.charCodeAt(0)))
      : null;
  }

  /**
   * Settle the phrase from its words' positions in one candidate: the field bit
   * where it first occurs (titles come first), ABSENT, or UNSURE when a word's
   * positions are not all known (no track, or too many occurrences or words).
   */
  check(slot: number, tracks: Array<PositionTrack | null>): number {
    const k = tracks.length;
    for (const track of tracks) {
      if (!track || track.counts[slot] >= MAX_OCCURRENCES) return UNSURE;
    }
    const first = tracks[0]!;
    const codes = first.list.positions;
    const start = first.offsets[slot];
    const end = start + first.counts[slot];
    let unsure = false;
    for (let i = start; i < end; i++) {
      const code = codes[i];
      // Positions past the last one a code can hold are lumped together: no telling.
      if ((code & POSITION_UNKNOWN) + k - 1 >= POSITION_UNKNOWN) {
        unsure = true;
        continue;
      }
      let j = 1;
      while (j < k && has(tracks[j]!, slot, code + j)) j++;
      if (j === k) return 1 << (code >> POSITION_BITS);
    }
    return unsure ? UNSURE : ABSENT;
  }

  /** The best field (title first) holding the phrase, among `fields`, read from the text. */
  bestField(doc: SearchDocument, fields: number, asciiFields: number): TextField | null {
    for (const field of TEXT_FIELDS) {
      const bit = FIELD_BITS[field];
      if ((fields & bit) === 0) continue;
      const value = doc[field];
      const ascii = (asciiFields & bit) !== 0;
      const found =
        typeof value === 'string'
          ? this.occursIn(value, ascii)
          : value.some((v) => this.occursIn(v, ascii));
      if (found) return field;
    }
    return null;
  }

  /** Can this phrase occur at all (every position has a known word)? */
  readonly possible: boolean;

  occursIn(text: string, asciiWords: boolean): boolean {
    if (!this.possible) return false;
    // Words all ASCII: each folds to itself, so a text shorter than the phrase cannot hold it.
    if (asciiWords && this.codes && text.length < this.minLength) return false;
    if (this.tooShort(text)) return false;
    if (this.codes && (asciiWords || !hasNonAscii(text))) {
      return asciiPhraseAt(text, this.codes, this.unit.lastIsPrefix, this.unit.words[0], null);
    }
    return this.find(text).length > 0;
  }

  /**
   * Too short to hold the phrase (a 20,000-character phrase is rejected at once).
   * Only ASCII text: folding can lengthen other letters (`ß` -> `ss`).
   */
  private tooShort(text: string): boolean {
    if (text.length < this.minLength && !hasNonAscii(text)) return true;
    return (
      this.unit.words.length > 2 && maxWords(text, this.unit.words.length) < this.unit.words.length
    );
  }

  /** [start, end) of every occurrence, in order. */
  find(text: string): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    if (!this.possible || this.tooShort(text)) return out;
    if (this.codes && !hasNonAscii(text)) {
      asciiPhraseAt(text, this.codes, this.unit.lastIsPrefix, this.unit.words[0], out);
      return out;
    }
    const ids: number[] = [];
    const starts: number[] = [];
    const ends: number[] = [];
    this.vocab.forEachWordId(text, (id, start, end) => {
      ids.push(id);
      starts.push(start);
      ends.push(end);
      return true;
    });
    const count = ids.length;
    const k = this.allowed.length;
    for (let w = 0; w + k <= count; w++) {
      let ok = true;
      for (let j = 0; j < k && ok; j++) ok = this.allowed[j].has(ids[w + j]);
      if (ok) out.push([starts[w], ends[w + k - 1]]);
    }
    return out;
  }
}

function isAsciiWord(word: string): boolean {
  for (let i = 0; i < word.length; i++) if (asciiFold(word.charCodeAt(i)) === 0) return false;
  return word.length > 0;
}

/**
 * At most how many words a text holds, counted up to `enough`: its runs of
 * ASCII letters and digits plus its other characters (each could be, or split, a
 * word). A phrase of more words than this cannot be in the text.
 */
function maxWords(text: string, enough: number): number {
  let count = 0;
  let inRun = false;
  for (let i = 0; i < text.length && count < enough; i++) {
    const code = text.charCodeAt(i);
    if (code >= 128) {
      count++;
      inRun = false;
    } else if (ASCII_WORD[code] === 1) {
      if (!inRun) count++;
      inRun = true;
    } else inRun = false;
  }
  return count;
}

function hasNonAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 128) return true;
  return false;
}

const ASCII_WORD = Uint8Array.from({ length: 128 }, (_, c) => (asciiFold(c) === 0 ? 0 : 1));

/** An ASCII letter or digit lower-cased; 0 for anything else (a separator here). */
function asciiFold(code: number): number {
  if (code >= 97 && code <= 122) return code;
  if (code >= 48 && code <= 57) return code;
  if (code >= 65 && code <= 90) return code + 32;
  return 0;
}

/**
 * Scan a text for the phrase whose words are `codes`: where the first word
 * occurs (found by the engine's native `indexOf` in the lower-cased text), compare
 * word after word, separators (anything not an ASCII letter or digit) between
 * them. With `out`, every occurrence is recorded and the result says whether any
 * was found; without, the scan stops at the first.
 */
function asciiPhraseAt(
  text: string,
  codes: Uint8Array[],
  lastIsPrefix: boolean,
  first: string,
  out: Array<[number, number]> | null,
): boolean {
  const lower = text.toLowerCase();
  // Lower-casing kept every offset (it always does on ASCII): search the copy natively.
  const native = lower.length === text.length;
  let found = false;
  let start = native ? lower.indexOf(first) : 0;
  while (start !== -1 && start < text.length) {
    const startsWord = start === 0 || asciiFold(text.charCodeAt(start - 1)) === 0;
    const end = startsWord ? phraseEnd(text, start, codes, lastIsPrefix) : -1;
    if (end !== -1) {
      found = true;
      if (!out) return true;
      out.push([start, end]);
    }
    const next = end !== -1 ? end : start + 1;
    start = native ? lower.indexOf(first, next) : next;
  }
  return found;
}

/** Where the phrase ends if it starts at `start` (a word start), or -1. */
function phraseEnd(
  text: string,
  start: number,
  codes: Uint8Array[],
  lastIsPrefix: boolean,
): number {
  const n = text.length;
  const k = codes.length;
  let at = start;
  for (let j = 0; j < k; j++) {
    const word = codes[j];
    if (j > 0) {
      // At least one separator, then the next word.
      if (at >= n || asciiFold(text.charCodeAt(at)) !== 0) return -1;
      while (at < n && asciiFold(text.charCodeAt(at)) === 0) at++;
    }
    for (let c = 0; c < word.length; c++) {
      if (at >= n || asciiFold(text.charCodeAt(at)) !== word[c]) return -1;
      at++;
    }
    // A whole word must end here; a word still being typed may continue.
    if (!(lastIsPrefix && j === k - 1) && at < n && asciiFold(text.charCodeAt(at)) !== 0) {
      return -1;
    }
  }
  return at;
}

/** The field a single field bit stands for. */
export function fieldOfBit(bit: number): TextField {
  return TEXT_FIELDS[31 - Math.clz32(bit)];
}

/** check(): the phrase is not there / its positions cannot say. */
export const ABSENT = 0;
export const UNSURE = -1;

/** Does the word occur at `code` in this paper? (Its codes ascend.) */
function has(track: PositionTrack, slot: number, code: number): boolean {
  const codes = track.list.positions;
  const start = track.offsets[slot];
  const end = start + track.counts[slot];
  for (let i = start; i < end; i++) {
    const c = codes[i];
    if (c >= code) return c === code;
  }
  return false;
}

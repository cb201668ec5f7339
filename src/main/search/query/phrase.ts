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
 * them) in a text. On text whose words are all ASCII a case-insensitive regular
 * expression does it in one native pass — equivalent to comparing word by word
 * there, and what keeps `"large language models"` fast over thousands of
 * abstracts; other text is compared word by word through the vocabulary.
 */
export class PhraseMatcher {
  private readonly regex: RegExp | null;
  /** The same with Unicode word boundaries: a match is certain on any text. */
  private readonly unicodeRegex: RegExp | null;

  /** `allowed[i]`: the term ids that may stand at position i (several for a typed prefix). */
  constructor(
    private readonly vocab: Vocabulary,
    readonly unit: PhraseUnit,
    private readonly allowed: Array<Set<number>>,
  ) {
    const ascii = unit.words.every((w) => /^[a-z0-9]+$/.test(w));
    this.regex = ascii
      ? new RegExp(
          `(?<![A-Za-z0-9])${unit.words.join('[^A-Za-z0-9]+')}${unit.lastIsPrefix ? '' : '(?![A-Za-z0-9])'}`,
          'i',
        )
      : null;
    this.unicodeRegex = ascii
      ? new RegExp(
          `(?<![\\p{L}\\p{N}\\p{M}])${unit.words.join('[^\\p{L}\\p{N}\\p{M}]+')}${unit.lastIsPrefix ? '' : '(?![\\p{L}\\p{N}\\p{M}])'}`,
          'iu',
        )
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
  get possible(): boolean {
    return this.allowed.every((set) => set.size > 0);
  }

  occursIn(text: string, asciiWords: boolean): boolean {
    if (asciiWords && this.regex) return this.regex.test(text);
    // Accented words elsewhere in the text: a Unicode-bounded match is still certain;
    // only its absence needs the word-by-word check (`Lärge` folds to `large`).
    if (this.unicodeRegex?.test(text)) return true;
    return this.find(text).length > 0;
  }

  /** [start, end) of every occurrence, in order. */
  find(text: string): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    if (!this.possible) return out;
    if (this.regex && !NON_ASCII_TEXT.test(text)) {
      const global = new RegExp(this.regex.source, 'gi');
      for (let m = global.exec(text); m; m = global.exec(text)) {
        out.push([m.index, m.index + m[0].length]);
      }
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

// eslint-disable-next-line no-control-regex -- any character outside ASCII
const NON_ASCII_TEXT = /[^\u0000-\u007f]/;

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

import type { PhraseUnit } from './plan';
import { POSITION_BITS as BITS, POSITION_UNKNOWN as UNKNOWN } from './search-index';
import type { Vocabulary } from './vocabulary';

// Local copies: imported bindings can be getters (esbuild CommonJS), read per candidate here.
const POSITION_BITS = BITS;
const POSITION_UNKNOWN = UNKNOWN;

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
   * The field bit where the phrase certainly occurs, judged from its words' first
   * positions in the paper (consecutive, in one field); 0 when they do not settle it.
   */
  confirmedField(slot: number, positions: Array<Uint16Array | null>): number {
    let previous = -1;
    for (const array of positions) {
      if (!array) return 0;
      const code = array[slot];
      const position = code & POSITION_UNKNOWN;
      if (position === POSITION_UNKNOWN) return 0;
      if (previous >= 0 && code !== previous + 1) return 0;
      previous = code;
    }
    return 1 << (positions[0]![slot] >> POSITION_BITS);
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
